import type { ErrorCode } from '@salon/protocol';

const HTTP_STATUS: Partial<Record<ErrorCode, number>> = {
  UNAUTHENTICATED: 401,
  ORIGIN_FORBIDDEN: 403,
  AGE_REFUSED: 403,
  AGE_COOLDOWN: 403,
  NICK_TAKEN: 409,
  NICK_REGISTERED: 409,
  ALREADY_REGISTERED: 409,
  LOGIN_FAILED: 401,
  FORBIDDEN: 403,
  NOT_FOUND: 404,
  ROOM_NOT_FOUND: 404,
  NOT_IN_ROOM: 403,
  RATE_LIMITED: 429,
  TOO_MANY_CONNECTIONS: 429,
  MEDIA_TYPE: 415,
  MEDIA_UNAVAILABLE: 415,
  MEDIA_TOO_LARGE: 413,
  MEDIA_CORRUPT: 422,
  MEDIA_DIMENSIONS: 422,
  MEDIA_POLYGLOT: 422,
  MEDIA_EXPLICIT: 403,
  MEDIA_BLOCKED: 403,
  SUSPENDED: 403,
  REQUEST_TEXT_ONLY: 403,
  BANNED: 403,
  MUTED: 403,
  APPEAL_CLOSED: 409,
  REPORT_TARGET: 404,
  INTERNAL: 500,
  UNAVAILABLE: 503,
};

/** An expected failure with a protocol error code; becomes an `error` frame or an HTTP error body. */
export class SalonError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly extra: { until?: number; retryAfterMs?: number } = {},
  ) {
    super(message);
    this.name = 'SalonError';
  }

  get status(): number {
    return HTTP_STATUS[this.code] ?? 400;
  }
}

/**
 * The one answer for a room or conversation that does not exist or that the asker may not see:
 * the same code and words either way, so nothing leaks (R2, P1).
 */
export function roomNotFound(): SalonError {
  return new SalonError('ROOM_NOT_FOUND', 'There is no such room or conversation.');
}

/** Network-level error codes of a lost database or Redis connection. */
const CONNECTION_CODES = new Set(['ECONNREFUSED', 'ECONNRESET', 'EPIPE', 'ETIMEDOUT', 'EHOSTUNREACH']);
const CONNECTION_MESSAGES =
  /Connection terminated|connection timeout|Connection is closed|Client has encountered a connection error|reached the max retries|Stream isn't writeable/i;

/**
 * True when an unexpected error means the database or Redis is out of reach (connection refused,
 * dropped or timed out; PostgreSQL SQLSTATE classes 08 and 57P), not a bug: the client is told
 * UNAVAILABLE, and nothing was stored.
 */
export function isUnavailable(error: unknown): boolean {
  if (!(error instanceof Error)) return false;
  const code = (error as { code?: unknown }).code;
  if (typeof code === 'string' && (CONNECTION_CODES.has(code) || /^(08|57P)/.test(code))) return true;
  return CONNECTION_MESSAGES.test(error.message);
}

export function unavailable(): SalonError {
  return new SalonError('UNAVAILABLE', 'The service is briefly unavailable. Nothing was stored; try again.');
}
