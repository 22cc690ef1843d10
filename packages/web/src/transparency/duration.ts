import type { TFunction } from 'i18next';

const MINUTE = 60_000;
const HOUR = 60 * MINUTE;
const DAY = 24 * HOUR;

/**
 * A duration for people, in its two largest units: "45 minutes", "3 heures 20 minutes",
 * "2 jours 5 heures"; under a minute, said so.
 */
export function formatDuration(t: TFunction, ms: number): string {
  if (ms < MINUTE) return t('duration.underMinute');
  const minutes = Math.round(ms / MINUTE);
  if (minutes < 60) return t('duration.minutes', { count: minutes });
  if (ms < DAY) {
    const hours = Math.floor(minutes / 60);
    const rest = minutes % 60;
    const hoursText = t('duration.hours', { count: hours });
    return rest === 0 ? hoursText : `${hoursText} ${t('duration.minutes', { count: rest })}`;
  }
  const totalHours = Math.round(ms / HOUR);
  const days = Math.floor(totalHours / 24);
  const rest = totalHours % 24;
  const daysText = t('duration.days', { count: days });
  return rest === 0 ? daysText : `${daysText} ${t('duration.hours', { count: rest })}`;
}
