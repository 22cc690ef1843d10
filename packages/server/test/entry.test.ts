import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import {
  ADULT,
  TestClient,
  enter,
  mergeCookies,
  startServer,
  uniqueNick,
  type TestServer,
} from './support/server.js';

describe('entry without sign-up', () => {
  let server: TestServer;
  const clock = new ManualClock(Date.now());

  beforeAll(async () => {
    server = await startServer({}, { clock });
  });
  afterAll(async () => {
    await server.close();
  });

  it('[E1] accepts a nickname, age, gender and optional region, and nothing else is required', async () => {
    const nickname = uniqueNick('Éloïse');
    const result = await enter(server, { nickname, age: 27, gender: 'nonbinary', region: 'bre' });
    expect(result.status).toBe(201);
    expect(result.body.me).toMatchObject({ nickname, age: 27, gender: 'nonbinary', region: 'bre' });
    const noRegion = await enter(server, { nickname: uniqueNick(), age: 40, gender: 'undisclosed' });
    expect(noRegion.status).toBe(201);
    expect(noRegion.body.me).toMatchObject({ region: null });
  });

  it('[E1] refuses invalid nicknames, ages, genders and regions with a clear code', async () => {
    const cases: [Record<string, unknown>, string][] = [
      [{ nickname: 'a', ...ADULT }, 'NICK_INVALID'],
      [{ nickname: 'x'.repeat(21), ...ADULT }, 'NICK_INVALID'],
      [{ nickname: 'has space', ...ADULT }, 'NICK_INVALID'],
      [{ nickname: '<script>', ...ADULT }, 'NICK_INVALID'],
      [{ nickname: 12, ...ADULT }, 'NICK_INVALID'],
      [{ nickname: 'okname', age: 30.5, gender: 'woman' }, 'AGE_INVALID'],
      [{ nickname: 'okname', age: '30', gender: 'woman' }, 'AGE_INVALID'],
      [{ nickname: 'okname', age: 30, gender: 'robot' }, 'GENDER_INVALID'],
      [{ nickname: 'okname', age: 30, gender: 'man', region: 'Paris 75011' }, 'REGION_INVALID'],
    ];
    for (const [form, code] of cases) {
      const result = await enter(server, form);
      expect(result.status, JSON.stringify(form)).toBe(400);
      expect(result.body.error, JSON.stringify(form)).toBe(code);
    }
  });

  it('[E1] refuses a body that is not JSON without crashing', async () => {
    const response = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"nickname":',
    });
    expect(response.status).toBe(400);
    expect(await response.json()).toMatchObject({ error: 'BAD_JSON' });
    const huge = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nickname: 'x'.repeat(100_000) }),
    });
    expect(huge.status).toBe(413);
    expect(await huge.json()).toMatchObject({ error: 'BAD_MESSAGE' });
    const again = await enter(server, { nickname: uniqueNick(), ...ADULT });
    expect(again.status).toBe(201);
  });

  it('[E1] keeps nicknames unique among connected users, folding case and look-alike letters', async () => {
    const first = await enter(server, { nickname: 'Margaux', ...ADULT });
    expect(first.status).toBe(201);
    for (const nickname of ['margaux', 'MARGAUX', 'Маrgaux' /* Cyrillic М and а */, 'Marg.aux']) {
      const taken = await enter(server, { nickname, ...ADULT });
      expect(taken.status, nickname).toBe(409);
      expect(taken.body.error).toBe('NICK_TAKEN');
    }
  });

  it('[E1] frees a nickname when its owner has been gone past the grace period', async () => {
    const nickname = uniqueNick('Gone');
    const owner = await enter(server, { nickname, ...ADULT });
    const client = await TestClient.connect(server, owner.cookie);
    expect((await enter(server, { nickname, ...ADULT })).status).toBe(409);
    await client.close();
    await new Promise((r) => setTimeout(r, 20));
    expect((await enter(server, { nickname, ...ADULT })).status).toBe(409);
    clock.advance(10 * 60_000);
    expect((await enter(server, { nickname, ...ADULT })).status).toBe(201);
    // The first owner coming back now learns the nickname was taken.
    const restored = await fetch(`${server.url}/api/session`, { headers: { cookie: owner.cookie } });
    expect(restored.status).toBe(409);
  });

  it('[E2] gives an HttpOnly SameSite session cookie of at least 128 random bits and stores only its hash', async () => {
    const response = await fetch(`${server.url}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nickname: uniqueNick(), ...ADULT }),
    });
    const cookies = response.headers.getSetCookie();
    const session = cookies.find((c) => c.startsWith('salon_session='))!;
    expect(session).toMatch(/HttpOnly/i);
    expect(session).toMatch(/SameSite=Lax/i);
    const token = session.split(';')[0]!.split('=')[1]!;
    expect(Buffer.from(token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    const body = (await response.json()) as { me: { userId: string } };
    const row = await server.app.store.sessions.byId(body.me.userId);
    expect(row?.token_hash).toMatch(/^[0-9a-f]{64}$/);
    expect(row?.token_hash).not.toContain(token);
    expect(JSON.stringify(row)).not.toContain(token);
  });

  it('[E2] restores the same identity from the cookie, and forgets it after leaving', async () => {
    const nickname = uniqueNick();
    const entered = await enter(server, { nickname, ...ADULT });
    const again = await fetch(`${server.url}/api/session`, { headers: { cookie: entered.cookie } });
    expect(again.status).toBe(200);
    // The cookie's lifetime slides with the session.
    expect(again.headers.getSetCookie().find((c) => c.startsWith('salon_session='))).toMatch(
      /Max-Age=604800/,
    );
    expect(((await again.json()) as { me: { nickname: string } }).me.nickname).toBe(nickname);
    const left = await fetch(`${server.url}/api/session`, {
      method: 'DELETE',
      headers: { cookie: entered.cookie },
    });
    expect(left.status).toBe(204);
    const after = await fetch(`${server.url}/api/session`, { headers: { cookie: entered.cookie } });
    expect(after.status).toBe(401);
    // The nickname is free again at once.
    expect((await enter(server, { nickname, ...ADULT })).status).toBe(201);
  });

  it('[E2] leaving closes the session’s open connections', async () => {
    const entered = await enter(server, { nickname: uniqueNick(), ...ADULT });
    const client = await TestClient.connect(server, entered.cookie);
    await fetch(`${server.url}/api/session`, { method: 'DELETE', headers: { cookie: entered.cookie } });
    expect(await client.closed).toBe(4003);
  });

  it('[E2] a session expires after its lifetime without activity', async () => {
    const entered = await enter(server, { nickname: uniqueNick(), ...ADULT });
    clock.advance(8 * 86_400_000);
    const after = await fetch(`${server.url}/api/session`, { headers: { cookie: entered.cookie } });
    expect(after.status).toBe(401);
  });
});

describe('age gate', () => {
  let server: TestServer;
  const clock = new ManualClock(Date.now());

  beforeAll(async () => {
    server = await startServer({ http: { trustProxy: true } }, { clock });
  });
  afterAll(async () => {
    await server.close();
  });

  const from = (address: string) => ({ 'x-forwarded-for': address });

  it('[E3] refuses an under-age visitor, then refuses the same browser whatever age it types', async () => {
    const refused = await enter(
      server,
      { nickname: uniqueNick(), age: 16, gender: 'woman' },
      '',
      from('203.0.113.1'),
    );
    expect(refused.status).toBe(403);
    expect(refused.body.error).toBe('AGE_REFUSED');
    expect(refused.cookie).toContain('salon_device=');
    // Same browser (device cookie), another network: still refused.
    const retry = await enter(
      server,
      { nickname: uniqueNick(), age: 25, gender: 'woman' },
      refused.cookie,
      from('198.51.100.7'),
    );
    expect(retry.status).toBe(403);
    expect(retry.body.error).toBe('AGE_COOLDOWN');
    expect(retry.body.until).toBeGreaterThan(clock.now());
  });

  it('[E3] refuses the same network address even with a cleared cookie jar', async () => {
    await enter(server, { nickname: uniqueNick(), age: 14, gender: 'man' }, '', from('203.0.113.2'));
    const retry = await enter(
      server,
      { nickname: uniqueNick(), age: 30, gender: 'man' },
      '',
      from('203.0.113.2'),
    );
    expect(retry.body.error).toBe('AGE_COOLDOWN');
    const elsewhere = await enter(
      server,
      { nickname: uniqueNick(), age: 30, gender: 'man' },
      '',
      from('192.0.2.50'),
    );
    expect(elsewhere.status).toBe(201);
  });

  it('[E3] lifts the refusal after the cool-down (24 h by default)', async () => {
    const refused = await enter(
      server,
      { nickname: uniqueNick(), age: 12, gender: 'man' },
      '',
      from('203.0.113.3'),
    );
    clock.advance(23 * 3_600_000);
    const early = await enter(
      server,
      { nickname: uniqueNick(), age: 30, gender: 'man' },
      refused.cookie,
      from('203.0.113.3'),
    );
    expect(early.body.error).toBe('AGE_COOLDOWN');
    clock.advance(2 * 3_600_000);
    const later = await enter(
      server,
      { nickname: uniqueNick(), age: 30, gender: 'man' },
      refused.cookie,
      from('203.0.113.3'),
    );
    expect(later.status).toBe(201);
  });

  it('[E3] stores neither the device token nor the address in clear', async () => {
    const refused = await enter(
      server,
      { nickname: uniqueNick(), age: 15, gender: 'man' },
      '',
      from('203.0.113.77'),
    );
    const device = refused.cookie.split('salon_device=')[1]!.split(';')[0]!;
    const rows = await server.app.store.refusals.activeUntil(['device:x'], clock.now());
    expect(rows).toBeNull();
    // Only hashed keys exist: looking up the raw values finds nothing.
    expect(
      await server.app.store.refusals.activeUntil([`device:${device}`, 'address:203.0.113.77'], clock.now()),
    ).toBeNull();
  });
});

describe('word filter on nicknames', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('[E4] refuses nicknames on the word list, with substitutions folded', async () => {
    for (const nickname of ['lolita', 'l0lita', 'L0L1TA_92', 'pédo75', 'Admin']) {
      const result = await enter(server, { nickname, ...ADULT });
      expect(result.body.error, nickname).toBe('NICK_FORBIDDEN');
    }
    expect((await enter(server, { nickname: 'Lorie', ...ADULT })).status).toBe(201);
  });
});

it('merges cookies like a browser', () => {
  const response = new Response(null, {
    headers: [
      ['set-cookie', 'a=2; Path=/'],
      ['set-cookie', 'c=3'],
    ],
  });
  expect(mergeCookies('a=1; b=1', response)).toBe('a=2; b=1; c=3');
});
