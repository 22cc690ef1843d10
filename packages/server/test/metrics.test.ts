import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { isLoopback } from '../src/http/metrics.js';
import { newUser, startServer, type TestServer } from './support/server.js';

const ROOM = 'salle-zq7-metrics';
const TOKEN = 'metrics-token-0123456789abcdef';

async function scrape(server: TestServer, headers: Record<string, string> = {}): Promise<string> {
  const response = await fetch(`${server.url}/metrics`, { headers });
  expect(response.status).toBe(200);
  expect(response.headers.get('content-type')).toMatch(/^text\/plain/);
  return response.text();
}

/** The value of one sample, e.g. `sample(text, 'salon_errors_total', '{code="BAD_JSON"}')`. */
function sample(text: string, name: string, labels = ''): number {
  const prefix = `${name}${labels} `;
  const line = text.split('\n').find((candidate) => candidate.startsWith(prefix));
  if (line === undefined) throw new Error(`no sample ${name}${labels}`);
  return Number(line.slice(prefix.length));
}

describe('[O4] Prometheus metrics', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ rooms: [{ id: ROOM, name: 'Salle des métriques' }] });
  });
  afterAll(async () => {
    await server.close();
  });

  it('[O4] counts connections, frames in and out, active rooms and fan-outs, with process metrics', async () => {
    const user = await newUser(server);
    await user.client.join(ROOM);
    const before = await scrape(server);
    expect(await user.client.say(ROOM, 'bonjour')).toMatchObject({ type: 'msg.ack' });
    expect(await user.client.say(ROOM, 'encore')).toMatchObject({ type: 'msg.ack' });
    const text = await scrape(server);

    expect(sample(text, 'salon_connections')).toBe(1);
    expect(sample(text, 'salon_connections_total')).toBe(1);
    expect(sample(text, 'salon_rooms_active')).toBe(1);
    expect(sample(text, 'salon_messages_in_total', '{type="hello"}')).toBe(1);
    expect(sample(text, 'salon_messages_in_total', '{type="room.join"}')).toBe(1);
    expect(sample(text, 'salon_messages_in_total', '{type="msg.send"}')).toBe(2);
    expect(sample(text, 'salon_messages_in_total', '{type="invalid"}')).toBe(0);
    // Each message comes back to its author, then the ack.
    expect(sample(text, 'salon_messages_out_total')).toBeGreaterThanOrEqual(
      sample(before, 'salon_messages_out_total') + 4,
    );
    expect(sample(text, 'salon_fanout_seconds_count')).toBeGreaterThanOrEqual(2);
    expect(sample(text, 'salon_fanout_seconds_bucket', '{le="+Inf"}')).toBe(
      sample(text, 'salon_fanout_seconds_count'),
    );
    expect(sample(text, 'salon_slow_consumers_total')).toBe(0);
    expect(sample(text, 'salon_db_errors_total')).toBe(0);
    // Default process metrics, event-loop delay percentiles included.
    expect(text).toMatch(/^process_cpu_user_seconds_total /m);
    expect(text).toMatch(/^process_resident_memory_bytes /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p50_seconds /m);
    expect(text).toMatch(/^nodejs_eventloop_lag_p99_seconds /m);
    expect(text).toMatch(/^nodejs_heap_size_used_bytes /m);

    await user.client.close();
    await expect.poll(async () => sample(await scrape(server), 'salon_connections')).toBe(0);
  });

  it('[O4] counts an invalid frame under "invalid" and its error frame under its code', async () => {
    const user = await newUser(server);
    const before = await scrape(server);
    const error = user.client.waitFor((m) => m.type === 'error');
    user.client.sendRaw('{not json');
    expect(await error).toMatchObject({ code: 'BAD_JSON' });
    const unknown = user.client.waitFor((m) => m.type === 'error' && m.code === 'UNKNOWN_TYPE');
    user.client.sendRaw(JSON.stringify({ type: 'no.such.type', id: 'x' }));
    await unknown;
    const text = await scrape(server);

    const delta = (name: string, labels = '') => sample(text, name, labels) - sample(before, name, labels);
    expect(delta('salon_messages_in_total', '{type="invalid"}')).toBe(2);
    expect(delta('salon_errors_total', '{code="BAD_JSON"}')).toBe(1);
    expect(delta('salon_errors_total', '{code="UNKNOWN_TYPE"}')).toBe(1);
    // Label values come from fixed lists only: what the client sent never becomes a label.
    expect(text).not.toContain('no.such.type');
    await user.client.close();
  });

  it('[O4] never exposes a room id, nickname, user id or session token', async () => {
    const user = await newUser(server);
    await user.client.join(ROOM);
    await user.client.say(ROOM, 'rien de personnel');
    const text = await scrape(server);
    expect(text).not.toContain(ROOM);
    expect(text).not.toContain(user.nickname);
    expect(text).not.toContain(user.userId);
    for (const pair of user.cookie.split('; ')) expect(text).not.toContain(pair.split('=')[1]);
    expect(text).not.toContain('127.0.0.1');
    await user.client.close();
  });

  it('[O4] without a token, answers this machine only: 404 for others and for proxied requests', async () => {
    const remote = await server.app.http.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.7',
    });
    expect(remote.statusCode).toBe(404);
    expect(remote.body).not.toContain('salon_');
    const proxied = await fetch(`${server.url}/metrics`, { headers: { 'x-forwarded-for': '203.0.113.7' } });
    expect(proxied.status).toBe(404);
    const local = await server.app.http.inject({ method: 'GET', url: '/metrics', remoteAddress: '::1' });
    expect(local.statusCode).toBe(200);
  });

  it('[O4] recognises loopback addresses only', () => {
    for (const address of ['127.0.0.1', '127.4.5.6', '::1', '::ffff:127.0.0.1'])
      expect(isLoopback(address)).toBe(true);
    for (const address of ['10.0.0.1', '::ffff:10.0.0.1', '1127.0.0.1', '::2', '', undefined])
      expect(isLoopback(address)).toBe(false);
  });
});

describe('[O4] metrics token', () => {
  let server: TestServer;

  beforeAll(async () => {
    server = await startServer({ http: { metricsToken: TOKEN } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('[O4] requires the configured bearer token, from anywhere', async () => {
    const none = await fetch(`${server.url}/metrics`);
    expect(none.status).toBe(401);
    expect(none.headers.get('www-authenticate')).toMatch(/^Bearer/);
    const wrong = await fetch(`${server.url}/metrics`, { headers: { authorization: `Bearer ${TOKEN}x` } });
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).not.toContain('salon_');
    const basic = await fetch(`${server.url}/metrics`, { headers: { authorization: `Basic ${TOKEN}` } });
    expect(basic.status).toBe(401);

    const text = await scrape(server, { authorization: `Bearer ${TOKEN}` });
    expect(text).toMatch(/^salon_connections 0$/m);
    const remote = await server.app.http.inject({
      method: 'GET',
      url: '/metrics',
      remoteAddress: '203.0.113.7',
      headers: { authorization: `Bearer ${TOKEN}` },
    });
    expect(remote.statusCode).toBe(200);
  });

  it('[O4] refuses a token that is too short in the configuration', async () => {
    await expect(startServer({ http: { metricsToken: 'short' } })).rejects.toThrow(/http\.metricsToken/);
  });
});

describe('[O4] several apps in one process', () => {
  it('[O4] keep separate registries', async () => {
    const first = await startServer();
    const second = await startServer();
    try {
      const user = await newUser(first);
      const one = await scrape(first);
      const two = await scrape(second);
      expect(sample(one, 'salon_connections')).toBe(1);
      expect(sample(two, 'salon_connections')).toBe(0);
      expect(sample(two, 'salon_connections_total')).toBe(0);
      expect(first.app.metrics.registry).not.toBe(second.app.metrics.registry);
      await user.client.close();
    } finally {
      await first.close();
      await second.close();
    }
  });
});
