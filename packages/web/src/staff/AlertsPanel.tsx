import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Alert } from '@salon/protocol';
import type { ApiFailure } from '../api/session.js';
import type { StaffApi } from '../api/staff.js';
import { failureText } from '../ui/failureText.js';
import { formatMoment } from '../ui/format.js';
import { alertFacts, alertNote, alertTitle, alertUser, knownKind } from './alertFacts.js';
import { relativeAge } from './describe.js';
import { usePolling } from './usePolling.js';

/** How an alert left the list: marked here, or by someone else before. */
export type ResolveOutcome = 'resolved' | 'already';

export interface AlertsState {
  /** Open alerts, oldest first; null until the first answer. */
  alerts: Alert[] | null;
  failure: ApiFailure | null;
  reload: () => void;
  /** Takes an alert out of the list (a poll already on its way will not bring it back). */
  remove: (alertId: string) => void;
}

/**
 * S1, T4, T6, T7: the open alerts, kept up to date for the whole console (the tab shows how many
 * there are), refreshed like the queue.
 */
export function useAlerts(api: StaffApi, onSignedOut: () => void): AlertsState {
  const [alerts, setAlerts] = useState<Alert[] | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const removed = useRef(new Set<string>());
  const latest = useRef(0);

  const load = useCallback(async () => {
    latest.current += 1;
    const call = latest.current;
    const result = await api.alerts();
    // A later call is on its way: its answer is the one to show.
    if (call !== latest.current) return;
    if (result.ok) {
      setFailure(null);
      setAlerts(result.value.filter((a) => !removed.current.has(a.id)));
    } else if (result.failure.code === 'UNAUTHENTICATED') onSignedOut();
    else setFailure(result.failure);
  }, [api, onSignedOut]);

  usePolling(load);

  const reload = useCallback(() => void load(), [load]);
  const remove = useCallback((alertId: string) => {
    removed.current.add(alertId);
    setAlerts((list) => list?.filter((a) => a.id !== alertId) ?? null);
  }, []);
  return { alerts, failure, reload, remove };
}

function AlertFacts({ alert }: { alert: Alert }) {
  const { t } = useTranslation();
  const facts = alertFacts(t, alert);
  if (facts.length === 0) return null;
  return (
    <dl className="statement-details alert-facts" data-testid="alert-facts">
      {facts.map((fact) => (
        <div key={fact.key} data-fact={fact.key}>
          <dt>{fact.label}</dt>
          <dd>
            {typeof fact.value === 'string' ? (
              fact.value
            ) : (
              <ul className="alert-signals">
                {fact.value.map((value) => (
                  <li key={value}>{value}</li>
                ))}
              </ul>
            )}
          </dd>
        </div>
      ))}
    </dl>
  );
}

/** One alert: what it is, who, when, the facts, and "Seen / mark as handled". */
function AlertItem({
  alert,
  api,
  onResolved,
  onSignedOut,
}: {
  alert: Alert;
  api: StaffApi;
  onResolved: (alertId: string, outcome: ResolveOutcome) => void;
  onSignedOut: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const kind = knownKind(alert.kind);
  const note = alertNote(t, alert.kind);

  async function resolve() {
    if (sending) return;
    setSending(true);
    setFailure(null);
    const result = await api.resolveAlert(alert.id);
    if (result.ok) {
      onResolved(alert.id, 'resolved');
      return;
    }
    // Already handled by someone else: it has nothing more to show either.
    if (result.failure.code === 'NOT_FOUND') {
      onResolved(alert.id, 'already');
      return;
    }
    setSending(false);
    if (result.failure.code === 'UNAUTHENTICATED') onSignedOut();
    else setFailure(result.failure);
  }

  return (
    <li
      className={`alert-item alert-${kind ?? 'other'}`}
      data-testid="alert-item"
      data-kind={alert.kind}
      data-alert-id={alert.id}
    >
      <article aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`} data-testid="alert-title">
          {alertTitle(t, alert.kind)}
        </h3>
        <p className="alert-meta">
          <span data-testid="alert-user">{t('staff.alerts.user', { name: alertUser(t, alert.user) })}</span>
          <time dateTime={new Date(alert.at).toISOString()} title={formatMoment(alert.at, i18n.language)}>
            {t('staff.alerts.received', { age: relativeAge(alert.at, i18n.language) })}
          </time>
        </p>
        <AlertFacts alert={alert} />
        {note !== null && (
          <p className="help" data-testid="alert-note">
            {note}
          </p>
        )}
        {failure && (
          <p role="alert" className="error" data-testid="alert-resolve-error" data-code={failure.code}>
            {failureText(t, failure, i18n.language)}
          </p>
        )}
        <div className="appeal-actions">
          <button type="button" data-testid="alert-resolve" disabled={sending} onClick={() => void resolve()}>
            {t('staff.alerts.resolve')}
          </button>
        </div>
      </article>
    </li>
  );
}

/** S1, T4, T6, T7: automated alerts waiting for a look, oldest first. */
export function AlertsPanel({
  api,
  state,
  onSignedOut,
}: {
  api: StaffApi;
  state: AlertsState;
  onSignedOut: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const { alerts, failure, reload, remove } = state;
  const [outcome, setOutcome] = useState<ResolveOutcome | null>(null);
  const listRef = useRef<HTMLUListElement>(null);
  const headingRef = useRef<HTMLHeadingElement>(null);
  /** After an alert leaves the list, focus goes to the one that took its place. */
  const focusAt = useRef<number | null>(null);

  // Fresh alerts when the tab is opened; the console polls them the rest of the time.
  useEffect(() => {
    reload();
  }, [reload]);

  useEffect(() => {
    if (focusAt.current === null) return;
    const at = focusAt.current;
    focusAt.current = null;
    const buttons = [
      ...(listRef.current?.querySelectorAll<HTMLElement>('[data-testid="alert-resolve"]') ?? []),
    ];
    (buttons[Math.min(at, buttons.length - 1)] ?? headingRef.current)?.focus();
  }, [alerts]);

  const onResolved = useCallback(
    (alertId: string, how: ResolveOutcome) => {
      const at = alerts?.findIndex((a) => a.id === alertId) ?? -1;
      focusAt.current = Math.max(0, at);
      remove(alertId);
      setOutcome(how);
    },
    [alerts, remove],
  );

  return (
    <section className="staff-appeals staff-alerts" aria-labelledby={`${id}-title`}>
      <div className="queue-head">
        <h2 id={`${id}-title`} ref={headingRef} tabIndex={-1}>
          {t('staff.alerts.title')}
        </h2>
        <button type="button" className="small" data-testid="alerts-refresh" onClick={reload}>
          {t('staff.queue.refresh')}
        </button>
      </div>
      <p className="muted">{t('staff.alerts.intro')}</p>
      {outcome !== null && (
        <p role="status" className="success" data-testid="alert-resolved" data-outcome={outcome}>
          {t(`staff.alerts.${outcome}`)}
        </p>
      )}
      {failure && (
        <p role="alert" className="error" data-testid="alerts-error" data-code={failure.code}>
          {failureText(t, failure, i18n.language)}
        </p>
      )}
      {alerts === null && !failure && <p role="status">{t('staff.alerts.loading')}</p>}
      {alerts?.length === 0 && (
        <p className="muted" data-testid="alerts-empty">
          {t('staff.alerts.empty')}
        </p>
      )}
      {alerts !== null && alerts.length > 0 && (
        <ul ref={listRef} className="plain-list appeal-list" data-testid="alert-list">
          {alerts.map((alert) => (
            <AlertItem
              key={alert.id}
              alert={alert}
              api={api}
              onResolved={onResolved}
              onSignedOut={onSignedOut}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
