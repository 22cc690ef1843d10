/**
 * Fault test: a client that stops reading its socket. No PRODUCT.md rule covers this; DESIGN.md does:
 * "slow consumers are detected by `bufferedAmount` and disconnected past a limit rather than
 * buffering without bound" (gateway/connection.ts, limits.maxBufferedBytes).
 */
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { WebSocket } from 'ws';
import { CLOSE_CODES, type ServerMessage } from '@salon/protocol';
import { newUser, startServer, type TestServer, type TestUser } from './support/server.js';

const ROOM = 'salle-lente';
/** limits.maxBufferedBytes for this test: small, so that the cut comes early. */
const LIMIT = 64 * 1024;
/** Messages sent to the room (~6 KB each, ~30 MB in all), and how many are in flight at once. */
const MESSAGES = 5000;
const BATCH = 50;
/** Most a WebSocket frame header from the server adds to its payload. */
const FRAME_HEADER = 10;
/**
 * Allowed growth of the heap and of the memory outside it (Buffers) over the whole run. Without the
 * cut, the slow client's backlog alone grows it by 20 MB and more; with it, it grows by about 2 MB.
 */
const MEMORY_BOUND = 12 * 1024 * 1024;

/** A garbage collection on demand, to compare memory without garbage left over. */
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc') as () => void;

/** JavaScript heap plus Buffers (socket write buffers live there), after a full collection. */
function memoryInUse(): number {
  gc();
  gc();
  const usage = process.memoryUsage();
  return usage.heapUsed + usage.external;
}

/** A text of 2000 characters (~6 KB of UTF-8), different for every `i`. */
function bigText(i: number): string {
  return `message ${i} `.padEnd(2000, '長い文章です。');
}

/** The server's end of a user's WebSocket (matched by port, as in resume.test.ts). */
function serverSide(server: TestServer, user: TestUser): WebSocket {
  const port = (user.client.ws as unknown as { _socket: { localPort: number } })._socket.localPort;
  const peer = [...server.app.http.websocketServer.clients].find(
    (c) => (c as unknown as { _socket: { remotePort: number } })._socket.remotePort === port,
  );
  if (!peer) throw new Error('no server socket for this client');
  return peer;
}

/** Records, for each frame the server writes to `socket`, its size and `bufferedAmount` right after. */
function watchBuffer(socket: WebSocket): { maxBuffered: number; maxFrame: number; frames: number } {
  const seen = { maxBuffered: 0, maxFrame: 0, frames: 0 };
  const send = socket.send.bind(socket) as (data: string) => void;
  socket.send = ((data: string) => {
    send(data);
    seen.frames += 1;
    seen.maxFrame = Math.max(seen.maxFrame, Buffer.byteLength(data));
    seen.maxBuffered = Math.max(seen.maxBuffered, socket.bufferedAmount);
  }) as WebSocket['send'];
  return seen;
}

/** One unlabelled sample from GET /metrics. */
async function sample(server: TestServer, name: string): Promise<number> {
  const text = await (await fetch(`${server.url}/metrics`)).text();
  const line = text.split('\n').find((candidate) => candidate.startsWith(`${name} `));
  if (line === undefined) throw new Error(`no sample ${name}`);
  return Number(line.slice(name.length + 1));
}

describe('slow consumers', () => {
  let server: TestServer;
  const users: TestUser[] = [];

  beforeAll(async () => {
    server = await startServer({
      rooms: [{ id: ROOM, name: 'Salle lente' }],
      limits: { maxBufferedBytes: LIMIT, messages: { points: 100_000, window: 1000 } },
    });
  });
  afterAll(async () => {
    // A client left paused by a failed run would hold the server's close for 30 s.
    for (const user of users) user.client.ws.terminate();
    await server.close();
  });

  it('a client that never reads its socket cannot grow the server memory past the buffer limit', async () => {
    const sender = await newUser(server);
    const reader = await newUser(server);
    const slow = await newUser(server);
    users.push(sender, reader, slow);
    for (const user of users) await user.client.join(ROOM);

    // The reader keeps only the seqs it gets; the clients' frame lists are emptied as the test goes,
    // so that the test's own memory stays flat.
    const seqs: number[] = [];
    reader.client.ws.on('message', (data: Buffer) => {
      const message = JSON.parse(data.toString('utf8')) as ServerMessage;
      if (message.type === 'msg' && message.message.roomId === ROOM) seqs.push(message.message.seq);
    });
    const slowSide = serverSide(server, slow);
    const slowBuffer = watchBuffer(slowSide);
    const readerBuffer = watchBuffer(serverSide(server, reader));
    const slowSideClosed = new Promise<void>((resolve) => slowSide.once('close', () => resolve()));
    expect(await sample(server, 'salon_connections')).toBe(3);

    // The slow client stops reading: the kernel buffers fill, then the server's.
    slow.client.ws.pause();
    const before = memoryInUse();
    for (let from = 0; from < MESSAGES; from += BATCH) {
      const acks = [];
      for (let i = from; i < Math.min(from + BATCH, MESSAGES); i++) {
        acks.push(sender.client.say(ROOM, bigText(i)));
      }
      for (const ack of await Promise.all(acks)) expect(ack.type).toBe('msg.ack');
      for (const user of users) user.client.frames.length = 0;
    }
    const growth = memoryInUse() - before;

    // The server cut the slow client once its buffer passed the limit, and stopped writing to it.
    expect(await sample(server, 'salon_slow_consumers_total')).toBe(1);
    expect(await sample(server, 'salon_connections')).toBe(2);
    expect(slowSide.readyState).toBe(slowSide.CLOSING);
    expect(slowBuffer.maxBuffered).toBeGreaterThan(LIMIT);
    expect(slowBuffer.maxBuffered).toBeLessThanOrEqual(LIMIT + slowBuffer.maxFrame + FRAME_HEADER);
    expect(slowBuffer.frames).toBeLessThan(MESSAGES);
    expect(growth).toBeLessThan(MEMORY_BOUND);

    // The reader got every message, in order, and never had a backlog.
    await expect.poll(() => seqs.length, { timeout: 10_000 }).toBe(MESSAGES);
    expect(seqs).toEqual(Array.from({ length: MESSAGES }, (_, i) => seqs[0]! + i));
    expect(readerBuffer.frames).toBeGreaterThanOrEqual(MESSAGES);
    expect(readerBuffer.maxBuffered).toBeLessThanOrEqual(LIMIT);

    // Once it reads again, the slow client gets what was buffered before the cut, then the close frame.
    slow.client.ws.resume();
    expect(await slow.client.closed).toBe(CLOSE_CODES.SLOW_CONSUMER);
    await slowSideClosed;
    const received = slow.client.frames.filter((m) => m.type === 'msg').length;
    expect(received).toBeGreaterThan(0);
    expect(received).toBeLessThan(MESSAGES);
  }, 60_000);
});
