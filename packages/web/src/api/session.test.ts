import { describe, expect, it } from 'vitest';
import type { Me } from '@salon/protocol';
import { httpSessionApi } from './session.js';

const me: Me = { userId: 'u1', nickname: 'Zoé', age: 30, gender: 'woman', region: null, registered: true };

function fakeFetch(status: number, body: unknown, headers: Record<string, string> = {}) {
  const calls: { path: string; init?: RequestInit }[] = [];
  const fetchImpl = (path: string, init?: RequestInit) => {
    calls.push({ path, init });
    return Promise.resolve(new Response(JSON.stringify(body), { status, headers }));
  };
  return { calls, api: httpSessionApi(fetchImpl) };
}

describe('session API: registered nicknames (E5)', () => {
  it('[E5] register posts the password and returns the registered identity', async () => {
    const { api, calls } = fakeFetch(201, { me });
    expect(await api.register('correct horse battery')).toEqual({ ok: true, value: me });
    expect(calls[0]?.path).toBe('/api/register');
    expect(calls[0]?.init?.method).toBe('POST');
    expect(JSON.parse(calls[0]?.init?.body as string)).toEqual({ password: 'correct horse battery' });
  });

  it('[E5] login posts nickname and password; a wrong one is LOGIN_FAILED', async () => {
    const { api, calls } = fakeFetch(401, { error: 'LOGIN_FAILED', message: 'no' });
    expect(await api.login('Zoé', 'secret-secret')).toEqual({ ok: false, failure: { code: 'LOGIN_FAILED' } });
    expect(calls[0]?.path).toBe('/api/login');
    expect(JSON.parse(calls[0]?.init?.body as string)).toEqual({
      nickname: 'Zoé',
      password: 'secret-secret',
    });
  });

  it('[E5] a rate-limited login says when to try again (Retry-After)', async () => {
    const { api } = fakeFetch(429, { error: 'RATE_LIMITED', message: 'slow' }, { 'retry-after': '60' });
    const before = Date.now();
    const result = await api.login('Zoé', 'secret-secret');
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.code).toBe('RATE_LIMITED');
    expect(result.failure.until).toBeGreaterThanOrEqual(before + 60_000);
    expect(result.failure.until).toBeLessThan(before + 70_000);
  });
});
