import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Statement } from '@salon/protocol';
import type { ApiFailure } from '../api/session.js';
import { useStatements, useStatementStore } from '../moderation/context.js';
import { failureText } from './failureText.js';
import { formatMoment } from './format.js';

const RESTRICTIONS = ['warn', 'remove', 'mute', 'kick', 'ban', 'suspend'] as const;
type Restriction = (typeof RESTRICTIONS)[number] | 'other';

/** Restrictions that last: without an end date they are permanent. */
const LASTING: readonly Restriction[] = ['mute', 'ban', 'suspend'];

const APPEAL_MAX = 2000;

export function restrictionOf(statement: Statement): Restriction {
  return (RESTRICTIONS as readonly string[]).includes(statement.restriction)
    ? (statement.restriction as Restriction)
    : 'other';
}

/** Until when a restriction lasts, in words. */
export function statementDuration(t: TFunction, statement: Statement, language: string): string {
  if (statement.until !== null)
    return t('statement.until', { time: formatMoment(statement.until, language) });
  return LASTING.includes(restrictionOf(statement)) ? t('statement.permanent') : t('statement.immediate');
}

/** T3: "Appeal": a text and Send; then the appeal's state. */
function AppealSection({ statement }: { statement: Statement }) {
  const { t, i18n } = useTranslation();
  const store = useStatementStore();
  const id = useId();
  const [text, setText] = useState('');
  const [sending, setSending] = useState(false);
  const [failure, setFailure] = useState<ApiFailure | { code: 'EMPTY' } | null>(null);

  switch (statement.appeal) {
    case 'pending':
      return (
        <p className="statement-appeal-state" role="status" data-testid="appeal-pending">
          {t('appeal.pending')}
        </p>
      );
    case 'upheld':
    case 'reversed':
      return (
        <p
          className="statement-appeal-state"
          role="status"
          data-testid="appeal-outcome"
          data-outcome={statement.appeal}
        >
          {t(`appeal.${statement.appeal}`)}
        </p>
      );
    case 'open':
      break;
  }
  if (!store) return null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (sending || !store) return;
    const clean = text.trim();
    if (clean === '') {
      setFailure({ code: 'EMPTY' });
      return;
    }
    setSending(true);
    const refused = await store.appeal(statement.id, clean);
    setSending(false);
    setFailure(refused);
    // Already appealed (another tab) or closed: show where it stands.
    if (refused?.code === 'APPEAL_CLOSED') void store.refresh();
  }

  const message =
    failure === null
      ? null
      : failure.code === 'EMPTY'
        ? t('appeal.empty')
        : failureText(t, failure, i18n.language);
  return (
    <form
      className="statement-appeal"
      data-testid="appeal-form"
      noValidate
      aria-labelledby={`${id}-title`}
      onSubmit={(event) => void submit(event)}
    >
      <h4 id={`${id}-title`}>{t('appeal.title')}</h4>
      <p id={`${id}-help`} className="help">
        {t('appeal.help')}
      </p>
      <label htmlFor={`${id}-text`}>{t('appeal.label')}</label>
      <textarea
        id={`${id}-text`}
        data-testid="appeal-text"
        rows={3}
        maxLength={APPEAL_MAX}
        value={text}
        aria-describedby={`${id}-help`}
        aria-invalid={failure?.code === 'EMPTY'}
        onChange={(event) => setText(event.target.value)}
      />
      {message !== null && (
        <p role="alert" className="error" data-testid="appeal-error" data-code={failure?.code}>
          {message}
        </p>
      )}
      <div className="dialog-actions">
        <button type="submit" className="primary" data-testid="appeal-send" disabled={sending}>
          {sending ? t('appeal.sending') : t('appeal.send')}
        </button>
      </div>
    </form>
  );
}

/**
 * T3: a statement of reasons: what was restricted and where, the facts, the rule, whether a
 * person or an automated check decided, until when, and how to appeal.
 */
export function StatementCard({
  statement,
  autoFocus = false,
}: {
  statement: Statement;
  autoFocus?: boolean;
}) {
  const { t, i18n } = useTranslation();
  const { roomNames } = useStatements();
  const restriction = restrictionOf(statement);
  const room = statement.roomId === null ? null : (roomNames[statement.roomId] ?? statement.roomId);
  let duration: string;
  if (statement.until !== null)
    duration = t('statement.until', { time: formatMoment(statement.until, i18n.language) });
  else duration = LASTING.includes(restriction) ? t('statement.permanent') : t('statement.immediate');

  return (
    <article
      className="statement"
      data-testid="statement-card"
      data-statement-id={statement.id}
      data-restriction={statement.restriction}
    >
      <h3 className="statement-restriction" data-testid="statement-restriction">
        {t(`statement.restriction.${restriction}`)}
      </h3>
      <p className="statement-what" tabIndex={-1} {...(autoFocus ? { 'data-autofocus': true } : {})}>
        {t(`statement.what.${restriction}`)}
      </p>
      <dl className="statement-details">
        <div>
          <dt>{t('statement.whereLabel')}</dt>
          <dd data-testid="statement-where" data-room={statement.roomId ?? undefined}>
            {room === null ? t('statement.platform') : t('statement.room', { room })}
          </dd>
        </div>
        <div>
          <dt>{t('statement.factsLabel')}</dt>
          <dd className="statement-text" data-testid="statement-facts">
            {statement.facts}
          </dd>
        </div>
        <div>
          <dt>{t('statement.ruleLabel')}</dt>
          <dd data-testid="statement-rule">{statement.rule}</dd>
        </div>
        <div>
          <dt>{t('statement.byLabel')}</dt>
          <dd data-testid="statement-automated" data-automated={statement.automated ? 'true' : 'false'}>
            {statement.automated ? t('statement.automated') : t('statement.human')}
          </dd>
        </div>
        <div>
          <dt>{t('statement.untilLabel')}</dt>
          <dd data-testid="statement-until">{duration}</dd>
        </div>
      </dl>
      <p className="help">{t('statement.at', { time: formatMoment(statement.at, i18n.language) })}</p>
      <AppealSection key={statement.id} statement={statement} />
    </article>
  );
}
