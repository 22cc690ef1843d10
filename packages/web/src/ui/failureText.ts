import type { TFunction } from 'i18next';
import { formatMoment } from './format.js';

/** A translated sentence for an error code, with when to try again when the server said so. */
export function failureText(
  t: TFunction,
  failure: { code: string; until?: number },
  language: string,
): string {
  const message = t(`errors.${failure.code}`, { defaultValue: t('errors.UNKNOWN') });
  if (failure.until === undefined || failure.until <= Date.now()) return message;
  return `${message} ${t('entry.retryAt', { time: formatMoment(failure.until, language) })}`;
}
