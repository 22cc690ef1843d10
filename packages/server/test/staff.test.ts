import { Secret, TOTP, URI } from 'otpauth';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ManualClock } from '../src/clock.js';
import { parseConfig } from '../src/config/load.js';
import { SalonError } from '../src/errors.js';
import { requireRole } from '../src/http/staff-auth.js';
import { adminCommand } from '../src/staff/admin-command.js';
import { mergeCookies, newUser, startServer, type TestServer } from './support/server.js';
import { TEST_DATABASES } from './support/databases.js';
import { createStaff, STAFF_PASSWORD, uniqueStaffName } from './support/staff.js';

const STEP = 30_000;
const HOUR = 3_600_000;

interface Answer {
  status: number;
  body: Record<string, unknown>;
  cookie: string;
  headers: Headers;
}

async function call(
  server: TestServer,
  method: 'GET' | 'POST',
  path: string,
  body?: unknown,
  cookie = '',
): Promise<Answer> {
  const response = await fetch(`${server.url}/api/staff${path}`, {
    method,
    headers: {
      ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
      ...(cookie ? { cookie } : {}),
    },
    ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
  });
  const text = await response.text();
  return {
    status: response.status,
    body: text ? (JSON.parse(text) as Record<string, unknown>) : {},
    cookie: mergeCookies(cookie, response),
    headers: response.headers,
  };
}

const codeAt = (secret: string, at: number) =>
  new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at });

describe.each(TEST_DATABASES)('staff accounts on $name', (database) => {
  let server: TestServer;
  let drop: () => Promise<void>;
  const clock = new ManualClock(1_700_000_010_000);

  /** Runs `salon admin create` on the server's store and returns the enrolment token. */
  const adminCreate = async (name: string, role?: string): Promise<string> => {
    const out: string[] = [];
    const code = await adminCommand(
      { positionals: ['create', name], role },
      { store: server.app.store, config: parseConfig({}), clock },
      { out: (line) => out.push(line), err: () => undefined },
    );
    expect(code).toBe(0);
    return /#enrol=(.+)$/.exec(out[0]!)![1]!;
  };

  /** Enrols through HTTP and returns the secret and the signed-in cookie. */
  const enrol = async (token: string, password = STAFF_PASSWORD) => {
    const started = await call(server, 'POST', '/enrol', { token, password });
    expect(started.status, JSON.stringify(started.body)).toBe(200);
    const secret = started.body.secret as string;
    const confirmed = await call(server, 'POST', '/enrol/confirm', {
      token,
      code: codeAt(secret, clock.now()),
    });
    expect(confirmed.status, JSON.stringify(confirmed.body)).toBe(200);
    return { secret, cookie: confirmed.cookie, staff: confirmed.body.staff };
  };

  const login = (name: string, code: string, password = STAFF_PASSWORD) =>
    call(server, 'POST', '/login', { name, password, code });

  beforeAll(async () => {
    const opened = await database.open();
    drop = opened.drop;
    server = await startServer(
      { limits: { logins: { points: 1000, window: '15m' } } },
      { store: opened.store, clock },
    );
  });
  afterAll(async () => {
    await server.close();
    await drop();
  });

  it('[O3] the link from `salon admin create` enrols: password, then a first code, then signed in', async () => {
    const name = uniqueStaffName('admin');
    const token = await adminCreate(name);
    const started = await call(server, 'POST', '/enrol', { token, password: STAFF_PASSWORD });
    expect(started.status).toBe(200);
    expect(started.headers.get('cache-control')).toBe('no-store');
    const { secret, uri } = started.body as { secret: string; uri: string };
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(URI.parse(uri)).toMatchObject({ issuer: 'Salon', label: name });
    // Not signed in before the first code.
    expect(started.cookie).toBe('');
    const confirmed = await call(server, 'POST', '/enrol/confirm', {
      token,
      code: codeAt(secret, clock.now()),
    });
    expect(confirmed.status).toBe(200);
    expect(confirmed.body.staff).toEqual({
      id: expect.stringMatching(/^st_/) as string,
      name,
      role: 'admin',
    });
    const me = await call(server, 'GET', '/me', undefined, confirmed.cookie);
    expect(me.status).toBe(200);
    expect(me.body.staff).toEqual(confirmed.body.staff);
    const row = await server.app.store.staff.byName(name);
    expect(row).toMatchObject({ enrol_hash: null, enrol_expires_at: null, enrolled_at: clock.now() });
    expect(row!.password_hash).toMatch(/^\$argon2id\$/);
  });

  it('[O3] a used, unknown or expired link gives ENROL_INVALID, the same answer each time', async () => {
    const name = uniqueStaffName();
    const token = await adminCreate(name);
    await enrol(token);
    clock.advance(STEP);
    const answers = [
      await call(server, 'POST', '/enrol', { token, password: STAFF_PASSWORD }),
      await call(server, 'POST', '/enrol/confirm', { token, code: '123456' }),
      await call(server, 'POST', '/enrol', { token: 'not-a-token', password: STAFF_PASSWORD }),
      await call(server, 'POST', '/enrol', {}),
    ];
    const expired = await adminCreate(uniqueStaffName());
    clock.advance(24 * HOUR);
    answers.push(await call(server, 'POST', '/enrol', { token: expired, password: STAFF_PASSWORD }));
    for (const answer of answers) {
      expect(answer.status).toBe(400);
      expect(answer.body).toEqual(answers[0]!.body);
      expect(answer.body.error).toBe('ENROL_INVALID');
    }
  });

  it('[O3] enrolment refuses weak passwords and wrong first codes, and the link stays valid', async () => {
    const name = uniqueStaffName('weak');
    const token = await adminCreate(name);
    for (const password of ['Short pass1', 'passwordpassword', `My ${name} password`, 'aaaaaaaaaaaaaaaa']) {
      const answer = await call(server, 'POST', '/enrol', { token, password });
      expect(answer.status, password).toBe(400);
      expect(answer.body.error, password).toBe('PASSWORD_WEAK');
    }
    const started = await call(server, 'POST', '/enrol', { token, password: STAFF_PASSWORD });
    const secret = started.body.secret as string;
    const wrong = await call(server, 'POST', '/enrol/confirm', {
      token,
      code: codeAt(secret, clock.now() + 5 * STEP),
    });
    expect(wrong.status).toBe(401);
    expect(wrong.body.error).toBe('LOGIN_FAILED');
    expect(wrong.cookie).toBe('');
    // Not enrolled yet: logging in is refused, even with a right code.
    const early = await login(name, codeAt(secret, clock.now()));
    expect(early.body.error).toBe('LOGIN_FAILED');
    clock.advance(STEP);
    const confirmed = await call(server, 'POST', '/enrol/confirm', {
      token,
      code: codeAt(secret, clock.now()),
    });
    expect(confirmed.status).toBe(200);
  });

  it('[O3] logs in with name, password and code, setting a strict HttpOnly staff cookie', async () => {
    const name = uniqueStaffName('Mod');
    const { secret } = await enrol(await adminCreate(name, 'moderator'));
    clock.advance(STEP);
    // The name is not case-sensitive.
    const answer = await login(name.toLowerCase(), codeAt(secret, clock.now()));
    expect(answer.status, JSON.stringify(answer.body)).toBe(200);
    expect(answer.body.staff).toEqual({
      id: expect.stringMatching(/^st_/) as string,
      name,
      role: 'moderator',
    });
    const header = answer.headers.getSetCookie().find((line) => line.startsWith('salon_staff='));
    expect(header).toBeDefined();
    expect(header).toMatch(/; HttpOnly/i);
    expect(header).toMatch(/; SameSite=Strict/i);
    expect(header).toMatch(/; Path=\/(;|$)/);
    expect(header).toMatch(/; Max-Age=43200/);
    expect(header).not.toMatch(/; Secure/i);
    const token = /^salon_staff=([^;]+)/.exec(header!)![1]!;
    expect(Buffer.from(token, 'base64url').length).toBeGreaterThanOrEqual(32);
    expect((await call(server, 'GET', '/me', undefined, answer.cookie)).body.staff).toEqual(
      answer.body.staff,
    );
  });

  it('[O3] wrong code, reused code, wrong password, unknown name, missing code: one 401 LOGIN_FAILED', async () => {
    const name = uniqueStaffName();
    const { secret } = await enrol(await adminCreate(name));
    clock.advance(STEP);
    const now = clock.now();
    const good = codeAt(secret, now);
    const failures = [
      await login(name, codeAt(secret, now + 3 * STEP)),
      await login(name, '000000'),
      await login(name, ''),
      await call(server, 'POST', '/login', { name, password: STAFF_PASSWORD }),
      await login(name, good, 'Not the right password at all'),
      await login(uniqueStaffName('nobody'), good),
      await login('x', good),
    ];
    // The right code works once (a wrong password did not use it up) …
    expect((await login(name, good)).status).toBe(200);
    // … and not a second time, nor the code of the step before.
    failures.push(await login(name, good), await login(name, codeAt(secret, now - STEP)));
    for (const [index, failure] of failures.entries()) {
      expect(failure.status, String(index)).toBe(401);
      expect(failure.body, String(index)).toEqual({
        error: 'LOGIN_FAILED',
        message: 'Wrong name, password or code.',
      });
      expect(failure.cookie).toBe('');
    }
    clock.advance(STEP);
    expect((await login(name, codeAt(secret, clock.now()))).status).toBe(200);
  });

  it('[O3][T8][T11] logins and failures are audited, without addresses', async () => {
    const name = uniqueStaffName('audited');
    const { secret } = await enrol(await adminCreate(name));
    const id = (await server.app.store.staff.byName(name))!.id;
    clock.advance(STEP);
    const before = await server.app.store.audit.count();
    await login(name, codeAt(secret, clock.now()), 'Not the right password at all');
    await login(name, codeAt(secret, clock.now()));
    await login(uniqueStaffName('ghost'), '123456');
    const entries = await server.app.store.audit.range(before + 1, 10);
    expect(
      entries.map(({ actorKind, actorId, action, details }) => ({ actorKind, actorId, action, details })),
    ).toEqual([
      { actorKind: 'staff', actorId: id, action: 'staff.login_failed', details: '{"reason":"password"}' },
      { actorKind: 'staff', actorId: id, action: 'staff.login', details: '{}' },
      {
        actorKind: 'system',
        actorId: null,
        action: 'staff.login_failed',
        details: '{"reason":"unknown_name"}',
      },
    ]);
    const all = await server.app.store.audit.range(1, 1000);
    expect(all.filter((entry) => entry.action === 'staff.enrolled' && entry.actorId === id)).toHaveLength(1);
    expect(JSON.stringify(all)).not.toContain('127.0.0.1');
  });

  it('[O3] chat and staff sessions are apart: neither cookie opens the other', async () => {
    const user = await newUser(server);
    const chatToken = /salon_session=([^;]+)/.exec(user.cookie)![1]!;
    expect((await call(server, 'GET', '/me', undefined, user.cookie)).status).toBe(401);
    const forged = await call(server, 'GET', '/me', undefined, `salon_staff=${chatToken}`);
    expect(forged.status).toBe(401);
    expect(forged.body.error).toBe('UNAUTHENTICATED');
    const staff = await createStaff(server, { clock });
    const staffToken = staff.cookie.split('=')[1]!;
    for (const cookie of [staff.cookie, `salon_session=${staffToken}`]) {
      const session = await fetch(`${server.url}/api/session`, { headers: { cookie } });
      expect(session.status, cookie).toBe(401);
    }
    expect((await call(server, 'GET', '/me', undefined, staff.cookie)).status).toBe(200);
    await user.client.close();
  });

  it('[O3] logout ends the session (204), and the cookie no longer works', async () => {
    const staff = await createStaff(server, { clock });
    const cookie = await staff.login();
    expect((await call(server, 'GET', '/me', undefined, cookie)).status).toBe(200);
    const out = await call(server, 'POST', '/logout', undefined, cookie);
    expect(out.status).toBe(204);
    expect(out.cookie).toBe('');
    const after = await call(server, 'GET', '/me', undefined, cookie);
    expect(after.status).toBe(401);
    expect(after.body.error).toBe('UNAUTHENTICATED');
    // The enrolment's session is a different one, still open.
    expect((await call(server, 'GET', '/me', undefined, staff.cookie)).status).toBe(200);
    expect((await call(server, 'POST', '/logout')).status).toBe(204);
  });

  it('[O3] a staff session ends 12 hours after login, however much it is used', async () => {
    const staff = await createStaff(server, { clock, role: 'moderator' });
    clock.advance(6 * HOUR);
    expect((await call(server, 'GET', '/me', undefined, staff.cookie)).body.staff).toEqual(staff.staff);
    clock.advance(6 * HOUR - 1);
    expect((await call(server, 'GET', '/me', undefined, staff.cookie)).status).toBe(200);
    clock.advance(1);
    expect((await call(server, 'GET', '/me', undefined, staff.cookie)).status).toBe(401);
  });

  it('[O3] a disabled account can neither log in nor use its session', async () => {
    const staff = await createStaff(server, { clock });
    expect((await call(server, 'GET', '/me', undefined, staff.cookie)).status).toBe(200);
    await server.app.store.staff.disable(staff.staff.id, clock.now());
    expect((await call(server, 'GET', '/me', undefined, staff.cookie)).status).toBe(401);
    clock.advance(STEP);
    const answer = await login(staff.name, staff.code());
    expect(answer.status).toBe(401);
    expect(answer.body.error).toBe('LOGIN_FAILED');
  });
});

describe('staff login limits', () => {
  let server: TestServer;
  const clock = new ManualClock(1_700_000_010_000);

  beforeAll(async () => {
    server = await startServer({ limits: { logins: { points: 3, window: '15m' } } }, { clock });
  });
  afterAll(async () => {
    await server.close();
  });

  it('[O3][T5] too many attempts from one address give 429 RATE_LIMITED with Retry-After', async () => {
    const staff = await createStaff(server, { clock });
    for (let attempt = 0; attempt < 3; attempt++) {
      const answer = await call(server, 'POST', '/login', {
        name: uniqueStaffName('guess'),
        password: 'a guess at the password',
        code: '123456',
      });
      expect(answer.status).toBe(401);
    }
    clock.advance(STEP);
    const limited = await call(server, 'POST', '/login', {
      name: staff.name,
      password: staff.password,
      code: staff.code(),
    });
    expect(limited.status).toBe(429);
    expect(limited.body.error).toBe('RATE_LIMITED');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

describe('staff roles', () => {
  it('[O3] requireRole: admins pass every check, moderators only moderator ones', () => {
    const admin = { id: 'st_1', name: 'a', role: 'admin' } as const;
    const moderator = { id: 'st_2', name: 'm', role: 'moderator' } as const;
    expect(() => requireRole(admin, 'admin')).not.toThrow();
    expect(() => requireRole(admin, 'moderator')).not.toThrow();
    expect(() => requireRole(moderator, 'moderator')).not.toThrow();
    let error: unknown;
    try {
      requireRole(moderator, 'admin');
    } catch (caught) {
      error = caught;
    }
    expect(error).toBeInstanceOf(SalonError);
    expect((error as SalonError).code).toBe('FORBIDDEN');
    expect((error as SalonError).status).toBe(403);
  });
});
