import { describe, expect, it } from 'vitest';
import { CLOSE_CODES, PROTOCOL_VERSION } from '@salon/protocol';
import type { Me } from '@salon/protocol';
import { FakeClock, SocketServer, flush } from '../test/fakes.js';
import { backoffDelay } from './backoff.js';
import { Connection } from './connection.js';
import type { ConnectionOptions, ConnectionStatus, StopReason } from './connection.js';
import { ConnectionLostError, RequestError } from './errors.js';

const me: Me = { userId: 'u1', nickname: 'Alice', age: 30, gender: 'woman', region: null, registered: false };

function setup(options: Partial<ConnectionOptions> = {}) {
  const clock = new FakeClock();
  const server = new SocketServer();
  const connection = new Connection({
    url: 'ws://salon.test/ws',
    createSocket: server.create,
    timers: clock,
    random: () => 1,
    ...options,
  });
  const statuses: ConnectionStatus[] = [];
  const stops: StopReason[] = [];
  connection.on('status', (s) => statuses.push(s));
  connection.on('stop', (r) => stops.push(r));
  /** Opens the current socket and answers the hello. */
  const welcome = () => {
    const socket = server.current;
    socket.open();
    const hello = socket.last('hello');
    socket.receive({ type: 'welcome', id: hello.id, v: PROTOCOL_VERSION, me });
    return socket;
  };
  return { clock, server, connection, statuses, stops, welcome };
}

describe('backoffDelay', () => {
  it('[R7] doubles from 250 ms up to 5 s, with jitter between half and all of it', () => {
    const full = [0, 1, 2, 3, 4, 5, 6].map((n) => backoffDelay(n, 1));
    expect(full).toEqual([250, 500, 1000, 2000, 4000, 5000, 5000]);
    expect(backoffDelay(3, 0)).toBe(1000);
    for (let n = 0; n < 10; n += 1) {
      const d = backoffDelay(n, Math.random());
      expect(d).toBeGreaterThanOrEqual(125);
      expect(d).toBeLessThanOrEqual(5000);
    }
  });
});

describe('Connection', () => {
  it('[R7] says hello with the protocol version and is online after welcome', () => {
    const { connection, server, statuses, welcome } = setup();
    const ready: { resumed: boolean }[] = [];
    connection.on('ready', (r) => ready.push(r));
    connection.start();
    expect(server.current.url).toBe('ws://salon.test/ws');
    expect(statuses).toEqual(['connecting']);
    welcome();
    expect(server.current.sent[0]).toMatchObject({ type: 'hello', v: PROTOCOL_VERSION });
    expect(statuses).toEqual(['connecting', 'online']);
    expect(connection.isReady).toBe(true);
    expect(ready).toEqual([{ me, resumed: false }]);
  });

  it('[R7] matches replies to requests by id and rejects error replies', async () => {
    const { connection, welcome } = setup();
    connection.start();
    const socket = welcome();
    const rooms = connection.request({ type: 'rooms.list' });
    const history = connection.request({ type: 'history', roomId: 'general', before: 10 });
    const [first, second] = socket.sent.slice(1);
    expect(first?.type).toBe('rooms.list');
    expect(second?.type).toBe('history');
    socket.receive({ type: 'error', id: (second as { id: string }).id, code: 'NOT_IN_ROOM', message: 'no' });
    socket.receive({ type: 'rooms', id: (first as { id: string }).id, rooms: [], mine: [] });
    await expect(rooms).resolves.toEqual({
      type: 'rooms',
      id: (first as { id: string }).id,
      rooms: [],
      mine: [],
    });
    const error = await history.catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as RequestError).code).toBe('NOT_IN_ROOM');
  });

  it('[R7] fails pending requests when the socket drops, then reconnects with backoff', async () => {
    const { connection, server, clock, statuses, welcome } = setup();
    const ready: boolean[] = [];
    connection.on('ready', (r) => ready.push(r.resumed));
    connection.start();
    const socket = welcome();
    const pending = connection.request({ type: 'rooms.list' });
    socket.drop(1006);
    await expect(pending).rejects.toBeInstanceOf(ConnectionLostError);
    expect(statuses.at(-1)).toBe('reconnecting');
    await expect(connection.request({ type: 'ping' })).rejects.toBeInstanceOf(ConnectionLostError);

    clock.advance(249);
    expect(server.sockets).toHaveLength(1);
    clock.advance(1);
    await flush();
    expect(server.sockets).toHaveLength(2);
    // A failed attempt waits twice as long.
    server.current.drop(1006);
    clock.advance(499);
    await flush();
    expect(server.sockets).toHaveLength(2);
    clock.advance(1);
    await flush();
    expect(server.sockets).toHaveLength(3);
    welcome();
    expect(statuses.at(-1)).toBe('online');
    expect(ready).toEqual([false, true]);
    // Backoff starts again from 250 ms after a success.
    server.current.drop(CLOSE_CODES.GOING_AWAY);
    clock.advance(250);
    await flush();
    expect(server.sockets).toHaveLength(4);
  });

  it.each([
    [CLOSE_CODES.UNAUTHENTICATED, 'unauthenticated'],
    [CLOSE_CODES.SESSION_ENDED, 'session-ended'],
    [CLOSE_CODES.VERSION_MISMATCH, 'version-mismatch'],
  ] as const)('[R7] close code %i stops for good (%s)', async (code, reason) => {
    const { connection, server, clock, stops, statuses, welcome } = setup();
    connection.start();
    welcome();
    server.current.drop(code);
    expect(stops).toEqual([reason]);
    expect(statuses.at(-1)).toBe('offline');
    clock.advance(60_000);
    await flush();
    expect(server.sockets).toHaveLength(1);
  });

  it('[R7] reconnects after other close codes (slow consumer, protocol abuse)', async () => {
    const { connection, server, clock, welcome } = setup();
    connection.start();
    welcome();
    server.current.drop(CLOSE_CODES.SLOW_CONSUMER);
    clock.advance(250);
    await flush();
    expect(server.sockets).toHaveLength(2);
  });

  it('ignores frames that are not valid protocol messages', () => {
    const { connection, welcome } = setup();
    const pushes: unknown[] = [];
    connection.on('push', (m) => pushes.push(m));
    connection.start();
    const socket = welcome();
    socket.receiveRaw('not json');
    socket.receive({ type: 'msg', message: { roomId: 'r' } });
    socket.receive({ type: 'nope' });
    socket.receive({ type: 'room.count', roomId: 'general', members: 3 });
    expect(pushes).toEqual([{ type: 'room.count', roomId: 'general', members: 3 }]);
  });

  it('[R7] a request without reply in time drops the socket and reconnects', async () => {
    const { connection, server, clock, welcome } = setup({ requestTimeoutMs: 1000 });
    connection.start();
    const socket = welcome();
    const pending = connection.request({ type: 'rooms.list' });
    clock.advance(1000);
    await expect(pending).rejects.toBeInstanceOf(ConnectionLostError);
    expect(socket.closedWith).toBe(1000);
    clock.advance(250);
    await flush();
    expect(server.sockets).toHaveLength(2);
  });

  it('[R7] pings when idle so a dead socket is noticed', () => {
    const { connection, clock, welcome } = setup({ heartbeatMs: 10_000 });
    connection.start();
    const socket = welcome();
    clock.advance(10_000);
    expect(socket.last('ping')).toMatchObject({ type: 'ping' });
  });

  it('[R7] a fire-and-forget message is not sent while offline', () => {
    const { connection, welcome, server } = setup();
    connection.start();
    expect(connection.send({ type: 'typing', roomId: 'general' })).toBe(false);
    welcome();
    expect(connection.send({ type: 'typing', roomId: 'general' })).toBe(true);
    expect(server.current.last('typing')).toEqual({ type: 'typing', roomId: 'general' });
  });

  it('[E2] stops retrying when the session turns out to be gone', async () => {
    let checks = 0;
    const { connection, server, clock, stops } = setup({
      checkSession: () => {
        checks += 1;
        return Promise.resolve(false);
      },
    });
    connection.start();
    server.current.drop(1006);
    clock.advance(250);
    await flush();
    expect(server.sockets).toHaveLength(2);
    server.current.drop(1006);
    clock.advance(500);
    await flush();
    expect(checks).toBe(1);
    expect(stops).toEqual(['unauthenticated']);
    expect(server.sockets).toHaveLength(2);
  });

  it('retryNow skips the backoff wait; stop() closes and never reconnects', async () => {
    const { connection, server, clock, welcome, stops } = setup();
    connection.start();
    welcome();
    server.current.drop(1006);
    connection.retryNow();
    expect(server.sockets).toHaveLength(2);
    connection.stop();
    expect(server.current.closedWith).toBe(1000);
    expect(stops).toEqual(['closed']);
    clock.advance(60_000);
    await flush();
    expect(server.sockets).toHaveLength(2);
  });
});
