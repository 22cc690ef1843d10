import { useCallback, useEffect, useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AppealSummary, StaffMe } from '@salon/protocol';
import type { ApiFailure } from '../api/session.js';
import type { AppealDecision, StaffApi } from '../api/staff.js';
import { failureText } from '../ui/failureText.js';
import { formatMoment } from '../ui/format.js';
import { restrictionOf, statementDuration } from '../ui/StatementCard.js';
import { isMe, relativeAge } from './describe.js';

type Problem = ApiFailure | { code: 'REASON' };

/** A sentence compared without case or final full stop. */
function sentence(text: string): string {
  return text.trim().replace(/\.$/, '').toLowerCase();
}

/** T3: one pending appeal: the decision appealed, the person's text, and Uphold / Reverse. */
function AppealItem({
  appeal,
  me,
  api,
  onDecided,
  onSignedOut,
}: {
  appeal: AppealSummary;
  me: StaffMe;
  api: StaffApi;
  onDecided: (appealId: string, decision: AppealDecision) => void;
  onSignedOut: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [reason, setReason] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sending, setSending] = useState(false);
  const statement = appeal.statement;

  async function decide(decision: AppealDecision) {
    if (sending) return;
    const clean = reason.trim();
    if (clean === '') {
      setProblem({ code: 'REASON' });
      return;
    }
    setSending(true);
    const result = await api.decide(appeal.id, decision, clean);
    setSending(false);
    if (result.ok) {
      onDecided(appeal.id, decision);
      return;
    }
    if (result.failure.code === 'UNAUTHENTICATED') onSignedOut();
    setProblem(result.failure);
  }

  let message: string | null = null;
  let serverSaid: string | null = null;
  if (problem?.code === 'REASON') message = t('staff.appeals.reasonRequired');
  else if (problem?.code === 'FORBIDDEN') {
    // A different moderator from the one who decided must decide the appeal (T3).
    message = t('staff.appeals.forbidden');
    if (problem.message !== undefined && sentence(problem.message) !== sentence(message)) {
      serverSaid = problem.message;
    }
  } else if (problem) message = failureText(t, problem, i18n.language);

  const room = statement.roomId;
  return (
    <li className="appeal-item" data-testid="appeal-item" data-appeal-id={appeal.id}>
      <article aria-labelledby={`${id}-title`}>
        <h3 id={`${id}-title`}>{t('staff.appeals.from', { name: appeal.nickname })}</h3>
        <p className="muted">
          <time dateTime={new Date(appeal.at).toISOString()} title={formatMoment(appeal.at, i18n.language)}>
            {t('staff.appeals.received', { age: relativeAge(appeal.at, i18n.language) })}
          </time>
        </p>
        <h4>{t('staff.appeals.decision')}</h4>
        <dl className="statement-details" data-testid="appeal-statement" data-statement-id={statement.id}>
          <div>
            <dt>{t('staff.appeals.restriction')}</dt>
            <dd>{t(`statement.restriction.${restrictionOf(statement)}`)}</dd>
          </div>
          <div>
            <dt>{t('statement.whereLabel')}</dt>
            <dd>{room === null ? t('statement.platform') : t('statement.room', { room })}</dd>
          </div>
          <div>
            <dt>{t('statement.factsLabel')}</dt>
            <dd className="statement-text">{statement.facts}</dd>
          </div>
          <div>
            <dt>{t('statement.ruleLabel')}</dt>
            <dd>{statement.rule}</dd>
          </div>
          <div>
            <dt>{t('statement.byLabel')}</dt>
            <dd>{statement.automated ? t('statement.automated') : t('statement.human')}</dd>
          </div>
          <div>
            <dt>{t('statement.untilLabel')}</dt>
            <dd>{statementDuration(t, statement, i18n.language)}</dd>
          </div>
        </dl>
        <h4>{t('staff.appeals.text')}</h4>
        <blockquote className="appeal-text" data-testid="appeal-user-text">
          {appeal.text}
        </blockquote>
        {isMe(me, appeal.decidedBy) && (
          <p className="help help-warning" data-testid="appeal-own-decision">
            {t('staff.appeals.ownDecision')}
          </p>
        )}
        <div className="field">
          <label htmlFor={`${id}-reason`}>{t('staff.appeals.reason')}</label>
          <textarea
            id={`${id}-reason`}
            data-testid="appeal-reason"
            rows={3}
            maxLength={2000}
            value={reason}
            aria-describedby={`${id}-reason-help`}
            aria-invalid={problem?.code === 'REASON'}
            onChange={(e) => setReason(e.target.value)}
          />
          <p id={`${id}-reason-help`} className="help">
            {t('staff.appeals.reasonHelp')}
          </p>
        </div>
        {message !== null && (
          <p role="alert" className="error" data-testid="appeal-decide-error" data-code={problem?.code}>
            {message}
            {serverSaid !== null && (
              <span className="server-said" data-testid="appeal-decide-server-message">
                {t('staff.appeals.serverSaid', { message: serverSaid })}
              </span>
            )}
          </p>
        )}
        <div className="appeal-actions">
          <button
            type="button"
            data-testid="appeal-uphold"
            disabled={sending}
            onClick={() => void decide('upheld')}
          >
            {t('staff.appeals.uphold')}
          </button>
          <button
            type="button"
            className="primary"
            data-testid="appeal-reverse"
            disabled={sending}
            onClick={() => void decide('reversed')}
          >
            {t('staff.appeals.reverse')}
          </button>
        </div>
      </article>
    </li>
  );
}

/** T3: pending appeals, each decided by a different moderator from the one who took the decision. */
export function AppealsPanel({
  api,
  me,
  onSignedOut,
}: {
  api: StaffApi;
  me: StaffMe;
  onSignedOut: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [appeals, setAppeals] = useState<AppealSummary[] | null>(null);
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [decided, setDecided] = useState<AppealDecision | null>(null);

  const load = useCallback(async () => {
    const result = await api.appeals();
    if (result.ok) {
      setFailure(null);
      setAppeals(result.value);
    } else if (result.failure.code === 'UNAUTHENTICATED') onSignedOut();
    else setFailure(result.failure);
  }, [api, onSignedOut]);

  useEffect(() => {
    void load();
  }, [load]);

  const onDecided = useCallback((appealId: string, decision: AppealDecision) => {
    setAppeals((list) => list?.filter((a) => a.id !== appealId) ?? null);
    setDecided(decision);
  }, []);

  return (
    <section className="staff-appeals" aria-labelledby={`${id}-title`}>
      <div className="queue-head">
        <h2 id={`${id}-title`}>{t('staff.appeals.title')}</h2>
        <button type="button" className="small" data-testid="appeals-refresh" onClick={() => void load()}>
          {t('staff.queue.refresh')}
        </button>
      </div>
      {decided !== null && (
        <p role="status" className="success" data-testid="appeal-decided" data-decision={decided}>
          {t(`staff.appeals.${decided}`)}
        </p>
      )}
      {failure && (
        <p role="alert" className="error" data-testid="appeals-error" data-code={failure.code}>
          {failureText(t, failure, i18n.language)}
        </p>
      )}
      {appeals === null && !failure && <p role="status">{t('staff.appeals.loading')}</p>}
      {appeals?.length === 0 && (
        <p className="muted" data-testid="appeals-empty">
          {t('staff.appeals.empty')}
        </p>
      )}
      {appeals !== null && appeals.length > 0 && (
        <ul className="plain-list appeal-list" data-testid="appeal-list">
          {appeals.map((appeal) => (
            <AppealItem
              key={appeal.id}
              appeal={appeal}
              me={me}
              api={api}
              onDecided={onDecided}
              onSignedOut={onSignedOut}
            />
          ))}
        </ul>
      )}
    </section>
  );
}
