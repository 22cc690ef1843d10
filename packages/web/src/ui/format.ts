/** Time of a message: hour and minute today, with the date on other days. */
export function formatMessageTime(at: number, language: string, now: number = Date.now()): string {
  const date = new Date(at);
  const sameDay = new Date(now).toDateString() === date.toDateString();
  const options: Intl.DateTimeFormatOptions = sameDay
    ? { hour: '2-digit', minute: '2-digit' }
    : { day: 'numeric', month: 'short', hour: '2-digit', minute: '2-digit' };
  return new Intl.DateTimeFormat(language, options).format(date);
}

/** A moment in the future (end of a cool-down), with date and time. */
export function formatMoment(at: number, language: string): string {
  return new Intl.DateTimeFormat(language, { dateStyle: 'long', timeStyle: 'short' }).format(new Date(at));
}

/**
 * A file size for people: kilobytes under a megabyte, megabytes with at most one decimal above.
 * `up` rounds up (a file just over a limit never reads as the limit itself).
 */
export function formatBytes(
  bytes: number,
  language: string,
  up = false,
): { unit: 'kb' | 'mb'; value: string } {
  const round = up ? Math.ceil : Math.round;
  const kb = bytes / 1024;
  if (kb < 1024) {
    return { unit: 'kb', value: new Intl.NumberFormat(language).format(Math.max(1, round(kb))) };
  }
  const mb = round((kb / 1024) * 10) / 10;
  return { unit: 'mb', value: new Intl.NumberFormat(language, { maximumFractionDigits: 1 }).format(mb) };
}
