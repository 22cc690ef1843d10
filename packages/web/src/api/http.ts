import { HttpError } from '@salon/protocol';
import type { ErrorCode } from '@salon/protocol';

/** Why an HTTP call failed: a protocol error code, or no usable answer at all. */
export interface ApiFailure {
  code: ErrorCode | 'NETWORK' | 'UNKNOWN';
  /** For AGE_COOLDOWN and RATE_LIMITED: epoch ms when a new attempt is allowed. */
  until?: number;
  /** The server's own sentence, when kept (see `failureWithMessage`). */
  message?: string;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

export interface HttpReply {
  status: number;
  body: unknown;
  /** `Retry-After`, in seconds, when the server sent one. */
  retryAfter: number | null;
}

/** What an HTTP error answer means: the protocol code (with when to retry), or no usable answer. */
export function failureOf(reply: HttpReply | null): { ok: false; failure: ApiFailure } {
  if (reply === null) return { ok: false, failure: { code: 'NETWORK' } };
  const parsed = HttpError.safeParse(reply.body);
  if (parsed.success) {
    const { error } = parsed.data;
    // A rate limit tells when to come back in Retry-After (seconds).
    const until =
      parsed.data.until ?? (reply.retryAfter === null ? undefined : Date.now() + reply.retryAfter * 1000);
    return { ok: false, failure: until === undefined ? { code: error } : { code: error, until } };
  }
  if (reply.status === 401) return { ok: false, failure: { code: 'UNAUTHENTICATED' } };
  if (reply.status === 429) {
    const until = reply.retryAfter === null ? undefined : Date.now() + reply.retryAfter * 1000;
    return {
      ok: false,
      failure: until === undefined ? { code: 'RATE_LIMITED' } : { code: 'RATE_LIMITED', until },
    };
  }
  return { ok: false, failure: { code: 'UNKNOWN' } };
}

export type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export const browserFetch: Fetch = (input, init) => fetch(input, init);

/**
 * One JSON call on this site (cookies included): the status, the parsed body and `Retry-After`,
 * or null when the server could not be reached.
 */
export async function callJson(
  fetchImpl: Fetch,
  path: string,
  init: RequestInit = {},
): Promise<HttpReply | null> {
  try {
    const response = await fetchImpl(path, {
      credentials: 'same-origin',
      ...init,
      headers: {
        accept: 'application/json',
        ...(init.body === undefined ? {} : { 'content-type': 'application/json' }),
      },
    });
    const text = await response.text();
    let body: unknown = null;
    if (text !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        body = null;
      }
    }
    const retry = Number(response.headers.get('retry-after') ?? Number.NaN);
    return { status: response.status, body, retryAfter: Number.isFinite(retry) ? retry : null };
  } catch {
    return null;
  }
}

/** A POST with a JSON body. */
export function postJson(fetchImpl: Fetch, path: string, body?: unknown): Promise<HttpReply | null> {
  return callJson(fetchImpl, path, {
    method: 'POST',
    ...(body === undefined ? {} : { body: JSON.stringify(body) }),
  });
}

export function isSuccess(reply: HttpReply | null): reply is HttpReply {
  return reply !== null && reply.status >= 200 && reply.status < 300;
}

/** Like `failureOf`, keeping the server's own sentence (shown where the server's words matter). */
export function failureWithMessage(reply: HttpReply | null): { ok: false; failure: ApiFailure } {
  const result = failureOf(reply);
  const parsed = HttpError.safeParse(reply?.body);
  if (parsed.success && parsed.data.message !== '') {
    return { ok: false, failure: { ...result.failure, message: parsed.data.message } };
  }
  return result;
}

/** A 2xx answer read with `read` (null when its body is not the expected shape), or the failure. */
export function answer<T>(reply: HttpReply | null, read: (body: unknown) => T | null): ApiResult<T> {
  if (isSuccess(reply)) {
    const value = read(reply.body);
    if (value !== null) return { ok: true, value };
    return { ok: false, failure: { code: 'UNKNOWN' } };
  }
  return failureWithMessage(reply);
}

/** `body[key]` when the body is an object (the answers wrap their value: `{statements: […]}`). */
export function field(body: unknown, key: string): unknown {
  return body !== null && typeof body === 'object' ? (body as Record<string, unknown>)[key] : undefined;
}

/** What a zod schema from the protocol gives: the parsed value, or null. */
export function parsed<T>(result: { success: true; data: T } | { success: false }): T | null {
  return result.success ? result.data : null;
}
