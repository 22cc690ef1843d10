import { EntryOptions, HTTP_PATHS, SessionResponse } from '@salon/protocol';
import type { EntryRequest, Me } from '@salon/protocol';
import { browserFetch, callJson, failureOf } from './http.js';
import type { ApiResult, Fetch, HttpReply } from './http.js';

export { failureOf } from './http.js';
export type { ApiFailure, ApiResult, HttpReply } from './http.js';

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

export function httpSessionApi(fetchImpl: Fetch = browserFetch): SessionApi {
  const call = (path: string, init?: RequestInit) => callJson(fetchImpl, path, init);

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
