import { EntryOptions, HTTP_PATHS, HttpError, SessionResponse } from '@salon/protocol';
import type { EntryRequest, ErrorCode, Me } from '@salon/protocol';

/** Why an HTTP call failed: a protocol error code, or no usable answer at all. */
export interface ApiFailure {
  code: ErrorCode | 'NETWORK' | 'UNKNOWN';
  /** For AGE_COOLDOWN and RATE_LIMITED: epoch ms when a new attempt is allowed. */
  until?: number;
}

export type ApiResult<T> = { ok: true; value: T } | { ok: false; failure: ApiFailure };

/** The HTTP side of the session (E1–E3); an interface so tests can stand in for the server. */
export interface SessionApi {
  current(): Promise<ApiResult<Me>>;
  enter(request: EntryRequest): Promise<ApiResult<Me>>;
  leave(): Promise<ApiResult<null>>;
  entryOptions(): Promise<ApiResult<EntryOptions>>;
  /** E5: reserves the current nickname with a password. */
  register(password: string): Promise<ApiResult<Me>>;
  /** E5: comes back as a registered nickname (sets the session cookie). */
  login(nickname: string, password: string): Promise<ApiResult<Me>>;
}

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

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export function httpSessionApi(fetchImpl: Fetch = (input, init) => fetch(input, init)): SessionApi {
  async function call(path: string, init: RequestInit = {}): Promise<HttpReply | null> {
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

  function session(reply: HttpReply | null): ApiResult<Me> {
    if (reply && reply.status >= 200 && reply.status < 300) {
      const parsed = SessionResponse.safeParse(reply.body);
      if (parsed.success) return { ok: true, value: parsed.data.me };
    }
    return failureOf(reply);
  }

  return {
    async current() {
      return session(await call(HTTP_PATHS.session));
    },
    async enter(request) {
      return session(await call(HTTP_PATHS.session, { method: 'POST', body: JSON.stringify(request) }));
    },
    async leave() {
      const reply = await call(HTTP_PATHS.session, { method: 'DELETE' });
      if (reply && reply.status >= 200 && reply.status < 300) return { ok: true, value: null };
      return failureOf(reply);
    },
    async register(password) {
      return session(await call(HTTP_PATHS.register, { method: 'POST', body: JSON.stringify({ password }) }));
    },
    async login(nickname, password) {
      const body = JSON.stringify({ nickname, password });
      return session(await call(HTTP_PATHS.login, { method: 'POST', body }));
    },
    async entryOptions() {
      const reply = await call(HTTP_PATHS.entryOptions);
      const parsed = EntryOptions.safeParse(reply?.body);
      if (reply && reply.status === 200 && parsed.success) return { ok: true, value: parsed.data };
      return failureOf(reply);
    },
  };
}
