import type { TFunction } from 'i18next';
import { assertNever } from '@salon/protocol';
import type { CaseSummary, ReportTarget, StaffMe } from '@salon/protocol';

export type SeverityName = 'critical' | 'high' | 'medium' | 'low';

/** T2: a case's severity (0 is the most urgent) as a name for its label and colour. */
export function severityName(severity: number): SeverityName {
  if (severity <= 0) return 'critical';
  if (severity === 1) return 'high';
  if (severity === 2) return 'medium';
  return 'low';
}

/** What a case is about, in a few words. */
export function targetSummary(t: TFunction, target: ReportTarget, subject: CaseSummary['subject']): string {
  switch (target.kind) {
    case 'message':
      return t('staff.target.message', { seq: target.seq, room: target.roomId });
    case 'user': {
      const name = subject?.nickname ?? target.userId;
      return target.roomId === undefined
        ? t('staff.target.user', { name })
        : t('staff.target.userIn', { name, room: target.roomId });
    }
    case 'room':
      return t('staff.target.room', { room: target.roomId });
    case 'media':
      return t('staff.target.media', { id: target.mediaId });
    case 'stream':
      return t(`staff.target.${target.media}`, {
        name: subject?.nickname ?? target.userId,
        room: target.roomId,
      });
    default:
      return assertNever(target, 'report target');
  }
}

/** The room a case's target is in, when there is one (a ban can then be limited to it). */
export function targetRoom(target: ReportTarget): string | null {
  switch (target.kind) {
    case 'message':
    case 'room':
    case 'stream':
      return target.roomId;
    case 'user':
      return target.roomId ?? null;
    case 'media':
      return null;
    default:
      return assertNever(target, 'report target');
  }
}

const UNITS: [Intl.RelativeTimeFormatUnit, number][] = [
  ['day', 86_400_000],
  ['hour', 3_600_000],
  ['minute', 60_000],
];

/** "5 minutes ago", "il y a 2 jours". */
export function relativeAge(at: number, language: string, now: number = Date.now()): string {
  const format = new Intl.RelativeTimeFormat(language, { numeric: 'auto' });
  const elapsed = Math.max(0, now - at);
  for (const [unit, ms] of UNITS) {
    if (elapsed >= ms) return format.format(-Math.floor(elapsed / ms), unit);
  }
  return format.format(-Math.floor(elapsed / 1000), 'second');
}

/** Whether a staff reference (an id or a name, as the server sends it) is this staff member. */
export function isMe(me: StaffMe, reference: string | null): boolean {
  return reference !== null && (reference === me.id || reference === me.name);
}

/** A TOTP code as typed ("123 456") without spaces; null unless it is 6 digits. */
export function totpCode(typed: string): string | null {
  const code = typed.replace(/[\s-]/g, '');
  return /^\d{6}$/.test(code) ? code : null;
}

/** A base32 secret in groups of four, easier to type into an authenticator app. */
export function groupSecret(secret: string): string {
  const clean = secret.replace(/\s+/g, '').toUpperCase();
  return (clean.match(/.{1,4}/g) ?? []).join(' ');
}

/** O3: the token of an enrolment link (`/staff#enrol=<token>`), or null. */
export function parseEnrolHash(hash: string): string | null {
  const match = /^#enrol=([^&]+)/.exec(hash);
  if (!match?.[1]) return null;
  try {
    return decodeURIComponent(match[1]);
  } catch {
    return null;
  }
}
