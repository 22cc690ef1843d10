import type { TFunction } from 'i18next';
import type { ApiFailure } from '../api/session.js';
import { formatMoment } from './format.js';

/** Why the entry form is shown again: an HTTP failure, or the session ended while chatting. */
export type EntryNotice = ApiFailure | { code: 'SESSION_ENDED' };

/** A clear, translated sentence for an entry error (E1–E3), with the time a cool-down ends. */
export function describeEntryNotice(
  t: TFunction,
  notice: EntryNotice,
  language: string,
  minAge: number,
): string {
  if (notice.code === 'SESSION_ENDED') return t('entry.sessionEnded');
  const message = t(`errors.${notice.code}`, { minAge, defaultValue: t('errors.UNKNOWN') });
  if (notice.until === undefined || notice.until <= Date.now()) return message;
  return `${message} ${t('entry.retryAt', { time: formatMoment(notice.until, language) })}`;
}

type Field = 'nickname' | 'age' | 'gender' | 'region';

const FIELD_OF: Partial<Record<EntryNotice['code'], Field>> = {
  NICK_INVALID: 'nickname',
  NICK_TAKEN: 'nickname',
  NICK_FORBIDDEN: 'nickname',
  NICK_REGISTERED: 'nickname',
  AGE_INVALID: 'age',
  AGE_REFUSED: 'age',
  AGE_COOLDOWN: 'age',
  GENDER_INVALID: 'gender',
  REGION_INVALID: 'region',
};

/** Which field an error is about, to mark it invalid. */
export function fieldOf(code: EntryNotice['code']): Field | null {
  return FIELD_OF[code] ?? null;
}
