import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { CASE_ACTIONS, REPORT_CATEGORIES } from '@salon/protocol';
import type { CaseActionRequest, CaseSummary, ModerationCaseAction } from '@salon/protocol';
import type { ApiFailure } from '../api/session.js';
import type { StaffApi } from '../api/staff.js';
import { failureText } from '../ui/failureText.js';
import { targetRoom } from './describe.js';

const HOUR = 3_600_000;
/** T2: durations offered for a mute or a ban; "permanent" only for a ban. */
export const DURATIONS = { h1: HOUR, h24: 24 * HOUR, d7: 7 * 24 * HOUR, d30: 30 * 24 * HOUR } as const;
type Duration = keyof typeof DURATIONS | 'permanent';
type Scope = 'room' | 'platform';
type Problem = ApiFailure | { code: 'ACTION' | 'RULE' | 'FACTS' };

const TIMED: readonly ModerationCaseAction[] = ['mute', 'ban'];
const RULE_KEYS = [...REPORT_CATEGORIES, 'evasion', 'none'] as const;

function isAction(value: string): value is ModerationCaseAction {
  return (CASE_ACTIONS as readonly string[]).includes(value);
}

/** The request for the form's values: a duration only for mute and ban, a scope only for ban. */
export function actionRequest(
  action: ModerationCaseAction,
  duration: Duration,
  scope: Scope,
  rule: string,
  facts: string,
): CaseActionRequest {
  const request: CaseActionRequest = { action, rule: rule.trim(), facts: facts.trim() };
  if (TIMED.includes(action) && duration !== 'permanent') request.durationMs = DURATIONS[duration];
  if (action === 'mute' && duration === 'permanent') request.durationMs = DURATIONS.h24;
  if (action === 'ban') request.scope = scope;
  return request;
}

/**
 * T2: the decision on a case: dismiss, remove, warn, mute, kick, ban (duration; room or platform),
 * escalate; with the rule broken and the facts, which the person reads in the statement (T3).
 */
export function CaseActionForm({
  api,
  summary,
  onDone,
  onSignedOut,
}: {
  api: StaffApi;
  summary: CaseSummary;
  onDone: (updated: CaseSummary) => void;
  onSignedOut: () => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const room = targetRoom(summary.target);
  const [action, setAction] = useState<ModerationCaseAction | ''>('');
  const [duration, setDuration] = useState<Duration>('h24');
  const [scope, setScope] = useState<Scope>(room === null ? 'platform' : 'room');
  const [rule, setRule] = useState(() => t(`staff.rules.${summary.category}`));
  const [facts, setFacts] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sending, setSending] = useState(false);

  function chooseAction(value: string) {
    const next = isAction(value) ? value : '';
    setAction(next);
    // A mute always ends.
    if (next === 'mute' && duration === 'permanent') setDuration('h24');
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    if (action === '') return setProblem({ code: 'ACTION' });
    if (rule.trim() === '') return setProblem({ code: 'RULE' });
    if (facts.trim() === '') return setProblem({ code: 'FACTS' });
    setSending(true);
    const result = await api.act(summary.id, actionRequest(action, duration, scope, rule, facts));
    setSending(false);
    if (!result.ok) {
      if (result.failure.code === 'UNAUTHENTICATED') onSignedOut();
      setProblem(result.failure);
      return;
    }
    setProblem(null);
    setFacts('');
    setAction('');
    onDone(result.value);
  }

  let message: string | null = null;
  if (problem?.code === 'ACTION') message = t('staff.action.actionRequired');
  else if (problem?.code === 'RULE') message = t('staff.action.ruleRequired');
  else if (problem?.code === 'FACTS') message = t('staff.action.factsRequired');
  else if (problem) message = failureText(t, problem, i18n.language);

  const timed = action !== '' && TIMED.includes(action);
  return (
    <form
      className="case-action"
      data-testid="action-form"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(e) => void submit(e)}
    >
      <h3 id={`${id}-title`}>{t('staff.action.title')}</h3>
      <div className="field">
        <label htmlFor={`${id}-action`}>{t('staff.action.action')}</label>
        <select
          id={`${id}-action`}
          data-testid="action-select"
          value={action}
          aria-invalid={problem?.code === 'ACTION'}
          onChange={(e) => chooseAction(e.target.value)}
        >
          <option value="">{t('staff.action.choose')}</option>
          {CASE_ACTIONS.map((a) => (
            <option key={a} value={a}>
              {t(`staff.action.names.${a}`)}
            </option>
          ))}
        </select>
      </div>
      {timed && (
        <div className="field">
          <label htmlFor={`${id}-duration`}>{t('staff.action.duration')}</label>
          <select
            id={`${id}-duration`}
            data-testid="action-duration"
            value={duration}
            onChange={(e) => setDuration(e.target.value as Duration)}
          >
            {(Object.keys(DURATIONS) as (keyof typeof DURATIONS)[]).map((d) => (
              <option key={d} value={d}>
                {t(`staff.action.durations.${d}`)}
              </option>
            ))}
            {action === 'ban' && <option value="permanent">{t('staff.action.durations.permanent')}</option>}
          </select>
        </div>
      )}
      {action === 'ban' && (
        <div className="field">
          <label htmlFor={`${id}-scope`}>{t('staff.action.scope')}</label>
          <select
            id={`${id}-scope`}
            data-testid="action-scope"
            value={scope}
            onChange={(e) => setScope(e.target.value === 'room' ? 'room' : 'platform')}
          >
            <option value="room" disabled={room === null}>
              {t('staff.action.scopes.room')}
            </option>
            <option value="platform">{t('staff.action.scopes.platform')}</option>
          </select>
        </div>
      )}
      <div className="field">
        <label htmlFor={`${id}-rule`}>{t('staff.action.rule')}</label>
        <input
          id={`${id}-rule`}
          data-testid="action-rule"
          list={`${id}-rules`}
          maxLength={200}
          value={rule}
          aria-describedby={`${id}-rule-help`}
          aria-invalid={problem?.code === 'RULE'}
          onChange={(e) => setRule(e.target.value)}
        />
        <datalist id={`${id}-rules`}>
          {RULE_KEYS.map((key) => (
            <option key={key} value={t(`staff.rules.${key}`)} />
          ))}
        </datalist>
        <p id={`${id}-rule-help`} className="help">
          {t('staff.action.ruleHelp')}
        </p>
      </div>
      <div className="field">
        <label htmlFor={`${id}-facts`}>{t('staff.action.facts')}</label>
        <textarea
          id={`${id}-facts`}
          data-testid="action-facts"
          rows={4}
          maxLength={2000}
          required
          value={facts}
          aria-describedby={`${id}-facts-help`}
          aria-invalid={problem?.code === 'FACTS'}
          onChange={(e) => setFacts(e.target.value)}
        />
        <p id={`${id}-facts-help`} className="help">
          {t('staff.action.factsHelp')}
        </p>
      </div>
      {message !== null && (
        <p role="alert" className="error" data-testid="action-error" data-code={problem?.code}>
          {message}
        </p>
      )}
      <button type="submit" className="primary" data-testid="action-submit" disabled={sending}>
        {sending ? t('staff.action.submitting') : t('staff.action.submit')}
      </button>
    </form>
  );
}
