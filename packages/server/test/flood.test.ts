import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage, ServerMessageOf } from '@salon/protocol';
import { newUser, startServer, type TestServer } from './support/server.js';
import { closed, upgrade, upgradeEventually } from './support/upgrade.js';

describe('connections per network address', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ http: { trustProxy: true }, limits: { connectionsPerAddress: 2 } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('[T5] refuses one connection too many from an address with 429 TOO_MANY_CONNECTIONS', async () => {
    const from = { 'x-forwarded-for': '198.51.100.7' };
    const first = await upgrade(server, from);
    const second = await upgrade(server, from);
    expect([first.status, second.status]).toEqual([101, 101]);
    const third = await upgrade(server, from);
    expect(third.status).toBe(429);
    expect(third.body).toMatchObject({
      error: 'TOO_MANY_CONNECTIONS',
      message: expect.any(String) as string,
    });
    // Another address is not affected.
    const other = await upgrade(server, { 'x-forwarded-for': '203.0.113.9' });
    expect(other.status).toBe(101);
    // Once one closes, the address may connect again.
    await closed(first.socket!);
    const again = await upgradeEventually(server, from);
    for (const socket of [second.socket!, other.socket!, again]) await closed(socket);
  });

  it('[T5] a refused connection is not counted, and closed ones free their place', async () => {
    const from = { 'x-forwarded-for': '198.51.100.8' };
    for (let round = 0; round < 3; round++) {
      const a = await upgradeEventually(server, from);
      const b = await upgradeEventually(server, from);
      expect((await upgrade(server, from)).status).toBe(429);
      await closed(a);
      await closed(b);
    }
  });
});

describe('new connections per address', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ limits: { connects: { points: 3, window: '10s' } } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('[T5] limits how fast an address opens connections, with Retry-After', async () => {
    for (let i = 0; i < 3; i++) {
      const answer = await upgrade(server);
      expect(answer.status).toBe(101);
      await closed(answer.socket!);
    }
    const refused = await upgrade(server);
    expect(refused.status).toBe(429);
    expect(refused.body).toMatchObject({ error: 'RATE_LIMITED' });
    expect(Number(refused.headers['retry-after'])).toBeGreaterThan(0);
  });
});

describe('repeated messages', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('[T5] the same text a 4th time within a minute is refused, across rooms and conversations', async () => {
    const a = await newUser(server);
    const b = await newUser(server);
    await a.client.join('general');
    await a.client.join('musique');
    await b.client.join('general');
    expect((await a.client.say('general', 'Gagnez 500 € par jour !')).type).toBe('msg.ack');
    expect((await a.client.say('musique', '  gagnez 500 €   PAR jour ! ')).type).toBe('msg.ack');
    expect((await a.client.say('general', 'Autre chose')).type).toBe('msg.ack');
    const third = await a.client.say('general', 'GAGNEZ 500 € par jour !', 'third');
    expect(third.type).toBe('msg.ack');
    // R7: resending the same message (same cid) is not a repeat.
    expect(await a.client.say('general', 'GAGNEZ 500 € par jour !', 'third')).toMatchObject({
      type: 'msg.ack',
      seq: (third as ServerMessageOf<'msg.ack'>).seq,
    });
    const refused = await a.client.request({
      type: 'dm.request',
      id: a.client.nextId(),
      userId: b.userId,
      cid: a.client.nextId(),
      text: 'gagnez 500 € par jour !',
    });
    expect(refused).toMatchObject({ type: 'error', code: 'REPEATED' });
    expect((refused as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
    expect(await a.client.say('musique', 'Gagnez 500 € par jour !')).toMatchObject({ code: 'REPEATED' });
    // Nothing refused reached anyone; other texts still go through.
    expect((await a.client.say('general', 'bon, je me tais')).type).toBe('msg.ack');
    await b.client.request({ type: 'ping', id: 'p' });
    const seen = b.client.frames.flatMap((m: ServerMessage) => (m.type === 'msg' ? [m.message.text] : []));
    expect(seen).toEqual([
      'Gagnez 500 € par jour !',
      'Autre chose',
      'GAGNEZ 500 € par jour !',
      'bon, je me tais',
    ]);
    expect(b.client.frames.some((m) => m.type === 'dm.updated')).toBe(false);
  });

  it('[T5] repeats are counted per user', async () => {
    const texts = [];
    for (let i = 0; i < 5; i++) {
      const user = await newUser(server);
      await user.client.join('general');
      texts.push((await user.client.say('general', 'bonjour à tous')).type);
    }
    expect(texts.every((type) => type === 'msg.ack')).toBe(true);
  });
});
