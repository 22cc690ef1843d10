import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { passwordProblem } from '../src/safety/accounts.js';
import {
  ADULT,
  TestClient,
  enter,
  mergeCookies,
  newUser,
  startServer,
  uniqueNick,
  type TestServer,
} from './support/server.js';
import { TEST_DATABASES } from './support/databases.js';

async function post(server: TestServer, path: string, body: unknown, cookie = '') {
  const response = await fetch(`${server.url}${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}) },
    body: JSON.stringify(body),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    cookie: mergeCookies(cookie, response),
  };
}

const PASSWORD = 'Un mot de passe solide';

describe.each(TEST_DATABASES)('registered nicknames on $name', (database) => {
  let server: TestServer;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const opened = await database.open();
    drop = opened.drop;
    server = await startServer({ limits: { logins: { points: 5, window: '15m' } } }, { store: opened.store });
  });
  afterAll(async () => {
    await server.close();
    await drop();
  });

  it('[E5] reserves a nickname with a password; a guest can no longer take it, even folded', async () => {
    const nickname = uniqueNick('Reserve');
    const owner = await newUser(server, { nickname });
    const registered = await post(server, '/api/register', { password: PASSWORD }, owner.cookie);
    expect(registered.status).toBe(201);
    expect(registered.body.me).toMatchObject({ nickname, registered: true });
    expect((await post(server, '/api/register', { password: PASSWORD }, owner.cookie)).body.error).toBe(
      'ALREADY_REGISTERED',
    );
    await owner.client.close();
    await fetch(`${server.url}/api/session`, { method: 'DELETE', headers: { cookie: owner.cookie } });
    for (const guess of [nickname, nickname.toUpperCase()]) {
      const guest = await enter(server, { nickname: guess, ...ADULT });
      expect(guest.status, guess).toBe(409);
      expect(guest.body.error).toBe('NICK_REGISTERED');
    }
  });

  it('[E5] logging in restores the same identity, and signs out the other browser', async () => {
    const nickname = uniqueNick('Fidele');
    const first = await newUser(server, { nickname, age: 41, gender: 'man' });
    await post(server, '/api/register', { password: PASSWORD }, first.cookie);
    const login = await post(server, '/api/login', { nickname, password: PASSWORD });
    expect(login.status).toBe(201);
    expect(login.body.me).toMatchObject({
      userId: first.userId,
      nickname,
      age: 41,
      gender: 'man',
      registered: true,
    });
    expect(login.cookie).toContain('salon_session=');
    expect(await first.client.closed).toBe(4003);
    const restored = await fetch(`${server.url}/api/session`, { headers: { cookie: login.cookie } });
    expect(((await restored.json()) as { me: { userId: string } }).me.userId).toBe(first.userId);
    const old = await fetch(`${server.url}/api/session`, { headers: { cookie: first.cookie } });
    expect(old.status).toBe(401);
    const client = await TestClient.connect(server, login.cookie);
    await client.close();
  });

  it('[E5] a wrong nickname and a wrong password get the same answer; attempts are limited', async () => {
    const nickname = uniqueNick('Garde');
    const owner = await newUser(server, { nickname });
    await post(server, '/api/register', { password: PASSWORD }, owner.cookie);
    const wrongPassword = await post(server, '/api/login', { nickname, password: 'pas le bon mot' });
    const wrongNick = await post(server, '/api/login', {
      nickname: uniqueNick('Inconnu'),
      password: PASSWORD,
    });
    expect(wrongPassword).toMatchObject({ status: 401, body: { error: 'LOGIN_FAILED' } });
    expect(wrongNick.body).toEqual(wrongPassword.body);
    const answers = [];
    for (let i = 0; i < 5; i++)
      answers.push((await post(server, '/api/login', { nickname, password: `essai ${i} raté` })).status);
    expect(answers).toContain(429);
    // Even the right password is refused while the nickname is locked.
    expect((await post(server, '/api/login', { nickname, password: PASSWORD })).status).toBe(429);
  });

  it('[E5] refuses weak passwords with a clear code', async () => {
    const user = await newUser(server);
    for (const password of [
      'court',
      'x'.repeat(129),
      `${user.nickname}12345`,
      'aaaaaaaaaaaa',
      'azertyuiop',
    ]) {
      expect((await post(server, '/api/register', { password }, user.cookie)).body.error, password).toBe(
        'PASSWORD_WEAK',
      );
    }
    expect((await post(server, '/api/register', { password: PASSWORD })).body.error).toBe('UNAUTHENTICATED');
  });
});

describe('password policy', () => {
  it('[E5] accepts long, varied passwords and refuses the rest', () => {
    expect(passwordProblem('correct horse battery', 'Zoé')).toBeNull();
    expect(passwordProblem('motdepasse', 'Zoé')).not.toBeNull();
    expect(passwordProblem('zoé-zoé-zoé-2024', 'Zoé')).not.toBeNull();
  });
});
