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
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

export function httpSessionApi(fetchImpl: Fetch = (input, init) => fetch(input, init)): SessionApi {
  async function call(
    path: string,
    init: RequestInit = {},
  ): Promise<{ status: number; body: unknown } | null> {
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
      return { status: response.status, body };
    } catch {
      return null;
    }
  }

  function failure(reply: { status: number; body: unknown } | null): { ok: false; failure: ApiFailure } {
    if (reply === null) return { ok: false, failure: { code: 'NETWORK' } };
    const parsed = HttpError.safeParse(reply.body);
    if (parsed.success) {
      const { error, until } = parsed.data;
      return { ok: false, failure: until === undefined ? { code: error } : { code: error, until } };
    }
    if (reply.status === 401) return { ok: false, failure: { code: 'UNAUTHENTICATED' } };
    if (reply.status === 429) return { ok: false, failure: { code: 'RATE_LIMITED' } };
    return { ok: false, failure: { code: 'UNKNOWN' } };
  }

  function session(reply: { status: number; body: unknown } | null): ApiResult<Me> {
    if (reply && reply.status >= 200 && reply.status < 300) {
      const parsed = SessionResponse.safeParse(reply.body);
      if (parsed.success) return { ok: true, value: parsed.data.me };
    }
    return failure(reply);
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
      return failure(reply);
    },
    async entryOptions() {
      const reply = await call(HTTP_PATHS.entryOptions);
      const parsed = EntryOptions.safeParse(reply?.body);
      if (reply && reply.status === 200 && parsed.success) return { ok: true, value: parsed.data };
      return failure(reply);
    },
  };
}
