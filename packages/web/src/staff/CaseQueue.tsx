import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseSummary, StaffMe } from '@salon/protocol';
import type { ApiFailure } from '../api/session.js';
import type { StaffApi } from '../api/staff.js';
import { failureText } from '../ui/failureText.js';
import { formatMoment } from '../ui/format.js';
import { CaseView } from './CaseView.js';
import { isMe, relativeAge, severityName, targetSummary } from './describe.js';
import { REFRESH_MS, usePolling } from './usePolling.js';

/** The queue is fetched again this often while it is on screen. */
export const QUEUE_REFRESH_MS = REFRESH_MS;

interface Props {
  api: StaffApi;
  me: StaffMe;
  onSignedOut: () => void;
}

function CaseItem({
  summary,
  me,
  selected,
  onOpen,
}: {
  summary: CaseSummary;
  me: StaffMe;
  selected: boolean;
  onOpen: () => void;
}) {
  const { t, i18n } = useTranslation();
  const severity = severityName(summary.severity);
  let assigned = t('staff.queue.unassigned');
  if (isMe(me, summary.assignedTo)) assigned = t('staff.queue.assignedToMe');
  else if (summary.assignedTo !== null) assigned = t('staff.queue.assignedTo', { name: summary.assignedTo });
  return (
    <li>
      <button
        type="button"
        className={`case-item severity-border-${severity}`}
        data-testid="case-item"
        data-case-id={summary.id}
        data-category={summary.category}
        data-severity={summary.severity}
        aria-current={selected ? 'true' : undefined}
        onClick={onOpen}
      >
        <span className="case-item-top">
          <span className={`severity severity-${severity}`}>{t(`staff.severity.${severity}`)}</span>
          <span className="case-category" data-testid="case-item-category">
            {t(`report.categories.${summary.category}.label`)}
          </span>
        </span>
        <span className="case-target">{targetSummary(t, summary.target, summary.subject)}</span>
        <span className="case-meta">
          <span data-testid="case-item-subject">
            {summary.subject?.nickname ?? t('staff.queue.noSubject')}
          </span>
          <span data-testid="case-item-reports">{t('staff.queue.reports', { count: summary.reports })}</span>
          <time
            dateTime={new Date(summary.createdAt).toISOString()}
            title={formatMoment(summary.createdAt, i18n.language)}
          >
            {relativeAge(summary.createdAt, i18n.language)}
          </time>
          <span data-testid="case-item-assigned">{assigned}</span>
        </span>
      </button>
    </li>
  );
}

/** T2: open cases in the server's order (severity, then age), and the case being looked at. */
export function CaseQueue({ api, me, onSignedOut }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [cases, setCases] = useState<CaseSummary[] | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [selected, setSelected] = useState<string | null>(null);
  const [closed, setClosed] = useState(false);
  const listRef = useRef<HTMLElement>(null);
  /** Back from a case: focus returns to its item in the list. */
  const backTo = useRef<string | null>(null);

  useEffect(() => {
    if (selected !== null || backTo.current === null) return;
    const caseId = backTo.current;
    backTo.current = null;
    const item = [
      ...(listRef.current?.querySelectorAll<HTMLElement>('[data-testid="case-item"]') ?? []),
    ].find((el) => el.dataset.caseId === caseId);
    item?.focus();
  }, [selected]);

  const load = useCallback(async () => {
    const result = await api.cases();
    if (result.ok) {
      setFailure(null);
      setCases(result.value);
    } else if (result.failure.code === 'UNAUTHENTICATED') onSignedOut();
    else setFailure(result.failure);
  }, [api, onSignedOut]);

  usePolling(load, QUEUE_REFRESH_MS);

  const open = (caseId: string) => {
    setClosed(false);
    setSelected(caseId);
  };
  const onClosed = useCallback(
    (caseId: string) => {
      setCases((list) => list?.filter((c) => c.id !== caseId) ?? null);
      setSelected(null);
      setClosed(true);
      void load();
    },
    [load],
  );
  const reload = useCallback(() => void load(), [load]);

  return (
    <div className="staff-queue" data-view={selected === null ? 'list' : 'case'}>
      <section ref={listRef} className="queue-list" aria-labelledby={`${id}-title`}>
        <div className="queue-head">
          <h2 id={`${id}-title`}>{t('staff.queue.title')}</h2>
          <button type="button" className="small" data-testid="queue-refresh" onClick={reload}>
            {t('staff.queue.refresh')}
          </button>
        </div>
        {closed && (
          <p role="status" className="success" data-testid="case-closed-notice">
            {t('staff.case.closed')}
          </p>
        )}
        {failure && (
          <p role="alert" className="error" data-testid="queue-error" data-code={failure.code}>
            {failureText(t, failure, i18n.language)}
          </p>
        )}
        {cases === null && !failure && <p role="status">{t('staff.queue.loading')}</p>}
        {cases?.length === 0 && (
          <p className="muted" data-testid="queue-empty">
            {t('staff.queue.empty')}
          </p>
        )}
        {cases !== null && cases.length > 0 && (
          <ol className="plain-list case-queue" data-testid="case-list">
            {cases.map((summary) => (
              <CaseItem
                key={summary.id}
                summary={summary}
                me={me}
                selected={summary.id === selected}
                onOpen={() => open(summary.id)}
              />
            ))}
          </ol>
        )}
      </section>
      <div className="queue-case">
        {selected === null ? (
          <p className="muted pad case-choose">{t('staff.case.choose')}</p>
        ) : (
          <CaseView
            key={selected}
            api={api}
            caseId={selected}
            me={me}
            onBack={() => {
              backTo.current = selected;
              setSelected(null);
            }}
            onChanged={reload}
            onClosed={onClosed}
            onSignedOut={onSignedOut}
          />
        )}
      </div>
    </div>
  );
}
