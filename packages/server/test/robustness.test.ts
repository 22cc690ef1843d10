import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { WebSocket } from 'ws';
import { CLOSE_CODES, LIMITS, PROTOCOL_VERSION, type ClientMessage } from '@salon/protocol';
import { ADULT, TestClient, enter, startServer, uniqueNick, type TestServer } from './support/server.js';

describe('bad input on the WebSocket', () => {
  let server: TestServer;
  let cookie: string;

  beforeAll(async () => {
    server = await startServer({ limits: { messages: { points: 5, window: 60_000 } } });
    cookie = (await enter(server, { nickname: uniqueNick(), ...ADULT })).cookie;
  });
  afterAll(async () => {
    await server.close();
  });

  it('answers malformed, unknown and invalid frames with error codes, echoing the id', async () => {
    const client = await TestClient.open(server, cookie);
    const expectError = async (raw: string | Buffer, code: string, id?: string) => {
      const reply = client.waitFor((m) => m.type === 'error');
      client.sendRaw(raw);
      const error = await reply;
      expect(error).toMatchObject({ type: 'error', code, ...(id ? { id } : {}) });
      expect(JSON.stringify(error)).not.toMatch(/at .*\.ts:\d+/);
      client.frames.length = 0;
    };
    await expectError('{nope', 'BAD_JSON');
    await expectError('[1,2]', 'BAD_MESSAGE');
    await expectError('null', 'BAD_MESSAGE');
    await expectError(Buffer.from([1, 2, 3]), 'BAD_JSON');
    await expectError(JSON.stringify({ type: 'launch.missiles', id: 'q1' }), 'UNKNOWN_TYPE', 'q1');
    await expectError(JSON.stringify({ type: '__proto__', id: 'q2' }), 'UNKNOWN_TYPE', 'q2');
    await expectError(JSON.stringify({ type: 'room.join', id: 'q3', roomId: 5 }), 'BAD_MESSAGE', 'q3');
    await expectError(JSON.stringify({ type: 'rooms.list', id: 'q4' }), 'HELLO_FIRST', 'q4');
    const welcome = await client.request({ type: 'hello', id: 'h', v: PROTOCOL_VERSION });
    expect(welcome.type).toBe('welcome');
    await expectError(
      JSON.stringify({ type: 'hello', id: 'h2', v: PROTOCOL_VERSION }),
      'ALREADY_HELLO',
      'h2',
    );
    await expectError(
      JSON.stringify({ type: 'history', id: 'q5', roomId: 'general', before: -1 }),
      'BAD_MESSAGE',
      'q5',
    );
    await client.close();
  });

  it('closes with a documented code on frames over the size limit', async () => {
    const client = await TestClient.connect(server, cookie);
    client.sendRaw('x'.repeat(LIMITS.maxFrameBytes + 1));
    expect(await client.closed).toBe(CLOSE_CODES.TOO_LARGE);
  });

  it('closes on a protocol version mismatch and without a session', async () => {
    const old = await TestClient.open(server, cookie);
    old.send({ type: 'hello', id: 'h', v: PROTOCOL_VERSION + 1 });
    expect(await old.closed).toBe(CLOSE_CODES.VERSION_MISMATCH);
    const anonymous = await TestClient.open(server, '');
    anonymous.send({ type: 'hello', id: 'h', v: PROTOCOL_VERSION });
    expect(await anonymous.closed).toBe(CLOSE_CODES.UNAUTHENTICATED);
  });

  it('refuses WebSocket upgrades from a foreign Origin (cross-site hijacking)', async () => {
    const foreign = new WebSocket(server.wsUrl, { headers: { cookie, origin: 'https://evil.example' } });
    const status = await new Promise<number>((resolve) => {
      foreign.on('unexpected-response', (_request, response) => resolve(response.statusCode ?? 0));
      foreign.on('open', () => resolve(101));
      foreign.on('error', () => undefined);
    });
    expect(status).toBe(403);
    const own = await TestClient.open(server, cookie, { origin: server.url });
    await own.close();
  });

  it('[T5] limits how fast a session sends messages, with a retry delay', async () => {
    const client = await TestClient.connect(server, cookie);
    await client.join('general');
    const replies = [];
    for (let i = 0; i < 7; i++) replies.push(await client.say('general', `flood ${i}`));
    expect(replies.slice(0, 5).every((r) => r.type === 'msg.ack')).toBe(true);
    expect(replies[6]).toMatchObject({ type: 'error', code: 'RATE_LIMITED' });
    expect((replies[6] as { retryAfterMs: number }).retryAfterMs).toBeGreaterThan(0);
    await client.close();
  });

  it('survives random and mutated frames, then still serves a normal client', async () => {
    const valid: ClientMessage[] = [
      { type: 'hello', id: 'a', v: PROTOCOL_VERSION },
      { type: 'rooms.list', id: 'b' },
      { type: 'room.join', id: 'c', roomId: 'general' },
      { type: 'msg.send', id: 'd', roomId: 'general', cid: 'x', text: 'hi' },
      { type: 'history', id: 'e', roomId: 'general', before: 10 },
      { type: 'typing', roomId: 'general' },
      { type: 'read', roomId: 'general', seq: 1 },
      { type: 'presence', status: 'away' },
    ];
    const fuzzCookie = (await enter(server, { nickname: uniqueNick('fuzz'), ...ADULT })).cookie;
    const mutated = fc
      .tuple(fc.constantFrom(...valid), fc.string(), fc.anything())
      .map(([message, key, value]) => JSON.stringify({ ...message, [key || 'type']: value }));
    const frame = fc.oneof(
      fc.string({ maxLength: 200 }),
      fc.json(),
      mutated,
      fc.constantFrom(...valid).map((m) => JSON.stringify(m)),
      fc.uint8Array({ maxLength: 64 }).map((bytes) => Buffer.from(bytes)),
    );
    await fc.assert(
      fc.asyncProperty(fc.array(frame, { minLength: 1, maxLength: 25 }), async (frames) => {
        const client = await TestClient.open(server, fuzzCookie);
        for (const f of frames) client.sendRaw(f);
        // Whatever happened, the connection either answers a ping or was closed with a code.
        const answered = client.request({ type: 'ping', id: 'final' }).catch(() => null);
        const outcome = await Promise.race([answered, client.closed]);
        expect(outcome).not.toBeUndefined();
        if (client.closeCode === null) await client.close();
      }),
      { numRuns: 60 },
    );
    const normal = await TestClient.connect(
      server,
      (await enter(server, { nickname: uniqueNick(), ...ADULT })).cookie,
    );
    await normal.join('general');
    expect((await normal.say('general', 'still alive')).type).toBe('msg.ack');
    await normal.close();
    const health = await fetch(`${server.url}/healthz`);
    expect(health.status).toBe(200);
  });
});

it('tells connected clients to reconnect when the server shuts down', async () => {
  const server = await startServer();
  const cookie = (await enter(server, { nickname: uniqueNick(), ...ADULT })).cookie;
  const client = await TestClient.connect(server, cookie);
  await server.close();
  expect(await client.closed).toBe(CLOSE_CODES.GOING_AWAY);
});

describe('HTTP security', () => {
  let server: TestServer;
  beforeAll(async () => {
    server = await startServer();
  });
  afterAll(async () => {
    await server.close();
  });

  it('[R5] sends a strict Content-Security-Policy with no inline script', async () => {
    const response = await fetch(`${server.url}/`);
    const csp = response.headers.get('content-security-policy') ?? '';
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain("object-src 'none'");
    expect(csp).toContain("frame-ancestors 'none'");
    expect(csp).not.toContain('unsafe-inline');
    expect(csp).not.toContain('unsafe-eval');
    expect(response.headers.get('x-content-type-options')).toBe('nosniff');
  });

  it('answers health and readiness', async () => {
    expect((await fetch(`${server.url}/healthz`)).status).toBe(200);
    const ready = await fetch(`${server.url}/readyz`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toMatchObject({ database: true });
  });

  it('answers unknown API paths with a JSON 404', async () => {
    const response = await fetch(`${server.url}/api/nothing`);
    expect(response.status).toBe(404);
    expect(await response.json()).toMatchObject({ error: 'NOT_FOUND' });
  });
});
