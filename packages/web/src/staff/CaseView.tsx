import { useCallback, useEffect, useId, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { TFunction } from 'i18next';
import { CASE_ACTIONS } from '@salon/protocol';
import type { CaseDetail, CaseSummary, StaffMe } from '@salon/protocol';
import type { ApiFailure } from '../api/session.js';
import type { StaffApi } from '../api/staff.js';
import { failureText } from '../ui/failureText.js';
import { formatMessageTime, formatMoment } from '../ui/format.js';
import { CaseActionForm } from './CaseActionForm.js';
import { isMe, relativeAge, severityName, targetSummary } from './describe.js';

interface Props {
  api: StaffApi;
  caseId: string;
  me: StaffMe;
  onBack: () => void;
  /** The case changed (assigned, decided but still open): the queue reloads. */
  onChanged: () => void;
  /** A decision closed the case: it leaves the queue. */
  onClosed: (caseId: string) => void;
  onSignedOut: () => void;
}

/** A previous case's outcome: an action's name when it is one, as the server wrote it otherwise. */
function outcomeText(t: TFunction, outcome: string | null): string {
  if (outcome === null) return t('staff.case.outcomeNone');
  return (CASE_ACTIONS as readonly string[]).includes(outcome) ? t(`staff.action.names.${outcome}`) : outcome;
}

/** T1: the frozen context, as a message list, with the reported message marked. */
function FrozenContext({ detail }: { detail: CaseDetail }) {
  const { t, i18n } = useTranslation();
  if (detail.context.length === 0) return <p className="muted">{t('staff.case.noContext')}</p>;
  return (
    <ol className="case-context plain-list" data-testid="case-context">
      {detail.context.map((m) => (
        <li
          key={`${m.roomId}:${m.seq}`}
          className={m.reported ? 'message context-message context-reported' : 'message context-message'}
          data-testid="context-message"
          data-seq={m.seq}
          data-reported={m.reported ? 'true' : 'false'}
          aria-current={m.reported ? 'true' : undefined}
        >
          <div className="message-meta">
            <span className="message-nick">{m.nickname}</span>
            <time className="message-time" dateTime={new Date(m.at).toISOString()}>
              {formatMessageTime(m.at, i18n.language)}
            </time>
            {m.reported && <span className="badge badge-reported">{t('staff.case.reported')}</span>}
          </div>
          {m.text !== '' && <p className="message-text">{m.text}</p>}
          {m.mediaId !== null && <p className="muted">{t('staff.case.media', { id: m.mediaId })}</p>}
        </li>
      ))}
    </ol>
  );
}

/** T2: one case: what was reported, the frozen context, notes, the person's history, decisions. */
export function CaseView({ api, caseId, me, onBack, onChanged, onClosed, onSignedOut }: Props) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [detail, setDetail] = useState<CaseDetail | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [recorded, setRecorded] = useState(false);
  const ref = useRef<HTMLElement>(null);

  // The case takes the place of the list on a phone: focus follows.
  useEffect(() => {
    ref.current?.focus();
  }, []);

  const fail = useCallback(
    (problem: ApiFailure) => {
      if (problem.code === 'UNAUTHENTICATED') onSignedOut();
      else setFailure(problem);
    },
    [onSignedOut],
  );

  const load = useCallback(async () => {
    const result = await api.caseDetail(caseId);
    if (result.ok) {
      setFailure(null);
      setDetail(result.value);
    } else fail(result.failure);
  }, [api, caseId, fail]);

  useEffect(() => {
    void load();
  }, [load]);

  async function assign() {
    const result = await api.assign(caseId);
    if (!result.ok) return fail(result.failure);
    // The answer carries the case as it now stands.
    setDetail((d) => (d ? { ...d, ...result.value } : d));
    onChanged();
  }

  function decided(updated: CaseSummary) {
    if (updated.status === 'closed') {
      onClosed(updated.id);
      return;
    }
    setRecorded(true);
    onChanged();
    void load();
  }

  const error = failure && (
    <p role="alert" className="error" data-testid="case-error" data-code={failure.code}>
      {failureText(t, failure, i18n.language)}
    </p>
  );
  const back = (
    <button type="button" className="small case-back" data-testid="case-back" onClick={onBack}>
      ← {t('staff.case.back')}
    </button>
  );
  if (!detail) {
    return (
      <section
        ref={ref}
        tabIndex={-1}
        className="case-view"
        data-testid="case-view"
        data-case-id={caseId}
        aria-busy={!failure}
      >
        {back}
        {error ?? <p role="status">{t('staff.case.loading')}</p>}
      </section>
    );
  }

  const severity = severityName(detail.severity);
  const mine = isMe(me, detail.assignedTo);
  return (
    <section
      ref={ref}
      tabIndex={-1}
      className="case-view"
      data-testid="case-view"
      data-case-id={detail.id}
      data-status={detail.status}
      aria-labelledby={`${id}-title`}
    >
      {back}
      <header className="case-header">
        <h2 id={`${id}-title`}>
          <span className={`severity severity-${severity}`}>{t(`staff.severity.${severity}`)}</span>{' '}
          {t(`report.categories.${detail.category}.label`)}
        </h2>
        <p className="case-target">{targetSummary(t, detail.target, detail.subject)}</p>
        <dl className="case-facts">
          <div>
            <dt>{t('staff.case.subject')}</dt>
            <dd data-testid="case-subject">{detail.subject?.nickname ?? t('staff.queue.noSubject')}</dd>
          </div>
          <div>
            <dt>{t('staff.case.reports')}</dt>
            <dd>{detail.reports}</dd>
          </div>
          <div>
            <dt>{t('staff.case.opened')}</dt>
            <dd>
              <time
                dateTime={new Date(detail.createdAt).toISOString()}
                title={formatMoment(detail.createdAt, i18n.language)}
              >
                {relativeAge(detail.createdAt, i18n.language)}
              </time>
            </dd>
          </div>
        </dl>
        <p className="case-assigned" data-testid="case-assigned">
          {detail.assignedTo === null
            ? t('staff.queue.unassigned')
            : mine
              ? t('staff.queue.assignedToMe')
              : t('staff.queue.assignedTo', { name: detail.assignedTo })}
        </p>
        {!mine && detail.status === 'open' && (
          <button type="button" className="small" data-testid="case-assign" onClick={() => void assign()}>
            {t('staff.case.assign')}
          </button>
        )}
      </header>
      {error}
      {recorded && (
        <p role="status" className="success" data-testid="case-recorded">
          {t('staff.case.recorded')}
        </p>
      )}
      <section className="case-section" aria-labelledby={`${id}-context`}>
        <h3 id={`${id}-context`}>{t('staff.case.context')}</h3>
        {detail.stream && (
          <p className="case-stream" data-testid="case-stream">
            {t(`staff.case.stream.${detail.stream.media}`, {
              since: formatMessageTime(detail.stream.startedAt, i18n.language),
              at: formatMessageTime(detail.stream.reportedAt, i18n.language),
            })}
          </p>
        )}
        <FrozenContext detail={detail} />
      </section>
      <section className="case-section" aria-labelledby={`${id}-notes`}>
        <h3 id={`${id}-notes`}>{t('staff.case.notes')}</h3>
        {detail.notes.length === 0 ? (
          <p className="muted">{t('staff.case.noNotes')}</p>
        ) : (
          <ul className="plain-list case-list" data-testid="case-notes">
            {detail.notes.map((note, index) => (
              <li key={index} data-testid="case-note">
                <span className="muted">
                  {t(`report.categories.${note.category}.label`)} · {formatMoment(note.at, i18n.language)}
                </span>
                {note.text !== '' && <p className="message-text">{note.text}</p>}
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="case-section" aria-labelledby={`${id}-history`}>
        <h3 id={`${id}-history`}>{t('staff.case.history')}</h3>
        {detail.history.length === 0 ? (
          <p className="muted">{t('staff.case.noHistory')}</p>
        ) : (
          <ul className="plain-list case-list" data-testid="case-history">
            {detail.history.map((item) => (
              <li key={item.caseId} data-testid="history-item" data-case-id={item.caseId}>
                {t(`report.categories.${item.category}.label`)} · {outcomeText(t, item.outcome)}{' '}
                <span className="muted">{formatMoment(item.at, i18n.language)}</span>
              </li>
            ))}
          </ul>
        )}
      </section>
      <section className="case-section" aria-labelledby={`${id}-decisions`}>
        <h3 id={`${id}-decisions`}>{t('staff.case.decisions')}</h3>
        {detail.decisions.length === 0 ? (
          <p className="muted">{t('staff.case.noDecisions')}</p>
        ) : (
          <ul className="plain-list case-list" data-testid="case-decisions">
            {detail.decisions.map((decision, index) => (
              <li key={index} data-testid="decision-item" data-action={decision.action}>
                <strong>
                  {t('staff.case.decisionBy', {
                    action: t(`staff.action.names.${decision.action}`),
                    staff: decision.staff,
                  })}
                </strong>{' '}
                <span className="muted">{formatMoment(decision.at, i18n.language)}</span>
                <p>{decision.rule}</p>
                <p className="message-text">{decision.facts}</p>
              </li>
            ))}
          </ul>
        )}
      </section>
      {detail.status === 'open' && (
        <CaseActionForm
          key={detail.id}
          api={api}
          summary={detail}
          onDone={decided}
          onSignedOut={onSignedOut}
        />
      )}
    </section>
  );
}
