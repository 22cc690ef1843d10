import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { WebSocket } from 'ws';
import {
  PROTOCOL_VERSION,
  ServerMessageUnion,
  type ClientMessage,
  type ServerMessage,
} from '@salon/protocol';
import { buildApp, type App } from '../../src/app.js';
import { parseConfig } from '../../src/config/load.js';
import type { ConfigInput } from '../../src/config/schema.js';
import type { Clock } from '../../src/clock.js';
import type { Store } from '../../src/store/index.js';
import { openStore } from '../../src/store/index.js';

export interface TestServer {
  app: App;
  url: string;
  wsUrl: string;
  close(): Promise<void>;
}

/**
 * Starts Salon on an ephemeral loopback port with an in-memory SQLite store unless one is given,
 * and a fresh data folder (media) that is removed on close. The nudity classifier gives every
 * image the "safe" verdict unless the test sets `media.nudity.force` itself (its own tests run
 * the real model).
 */
export async function startServer(
  overrides: ConfigInput = {},
  options: { store?: Store; clock?: Clock } = {},
): Promise<TestServer> {
  const dataDir = await mkdtemp(join(tmpdir(), 'salon-test-'));
  const config = parseConfig({
    ...overrides,
    storage: { dataDir, ...overrides.storage },
    media: { ...overrides.media, nudity: { force: 'safe', ...overrides.media?.nudity } },
    http: { host: '127.0.0.1', port: 0, ...overrides.http },
    chat: { memberGrace: 50, ...overrides.chat },
    // Live media only where a test asks for it (each Salon would start a Janus of its own).
    live: { mode: 'off', ...overrides.live },
    limits: {
      messages: { points: 1000, window: 1000 },
      entries: { points: 1000, window: 1000 },
      // Every test client connects from 127.0.0.1.
      connects: { points: 1000, window: 1000 },
      connectionsPerAddress: 1000,
      ...overrides.limits,
    },
  });
  const store = options.store ?? (await openStore({ sqlitePath: ':memory:' }));
  const app = await buildApp({
    config,
    store,
    logger: false,
    ...(options.clock ? { clock: options.clock } : {}),
  });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const address = app.http.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  const url = `http://127.0.0.1:${address.port}`;
  return {
    app,
    url,
    wsUrl: `ws://127.0.0.1:${address.port}/ws`,
    async close() {
      await app.close();
      if (!options.store) await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

export interface Entered {
  status: number;
  body: Record<string, unknown>;
  /** `name=value` pairs to send back as a Cookie header. */
  cookie: string;
}

/** Posts the entry form like a browser, keeping cookies. */
export async function enter(
  server: TestServer,
  form: Record<string, unknown>,
  cookie = '',
  headers: Record<string, string> = {},
): Promise<Entered> {
  const response = await fetch(`${server.url}/api/session`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(cookie ? { cookie } : {}), ...headers },
    body: JSON.stringify(form),
  });
  return {
    status: response.status,
    body: (await response.json()) as Record<string, unknown>,
    cookie: mergeCookies(cookie, response),
  };
}

export function mergeCookies(previous: string, response: Response): string {
  const jar = new Map(
    previous
      .split(';')
      .map((part) => part.trim())
      .filter(Boolean)
      .map((pair) => [pair.split('=')[0]!, pair] as const),
  );
  for (const header of response.headers.getSetCookie()) {
    const pair = header.split(';')[0]!;
    const [name, value] = [pair.split('=')[0]!, pair.slice(pair.indexOf('=') + 1)];
    if (value === '' || /max-age=0|expires=thu, 01 jan 1970/i.test(header)) jar.delete(name);
    else jar.set(name, pair);
  }
  return [...jar.values()].join('; ');
}

let nextNick = 0;
export function uniqueNick(prefix = 'user'): string {
  nextNick += 1;
  return `${prefix}${nextNick}x${Math.floor(Math.random() * 1000)}`;
}

/** A protocol client over a real WebSocket. */
export class TestClient {
  readonly frames: ServerMessage[] = [];
  private waiters: { check: (m: ServerMessage) => boolean; resolve: (m: ServerMessage) => void }[] = [];
  private counter = 0;
  closeCode: number | null = null;
  readonly closed: Promise<number>;

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data: Buffer) => {
      const parsed = ServerMessageUnion.parse(JSON.parse(data.toString('utf8')));
      this.frames.push(parsed);
      this.waiters = this.waiters.filter((w) => {
        if (!w.check(parsed)) return true;
        w.resolve(parsed);
        return false;
      });
    });
    this.closed = new Promise((resolve) =>
      ws.on('close', (code) => {
        this.closeCode = code;
        resolve(code);
      }),
    );
  }

  static async open(
    server: TestServer,
    cookie: string,
    headers: Record<string, string> = {},
  ): Promise<TestClient> {
    const ws = new WebSocket(server.wsUrl, { headers: { ...(cookie ? { cookie } : {}), ...headers } });
    await new Promise<void>((resolve, reject) => {
      ws.once('open', () => resolve());
      ws.once('error', reject);
    });
    return new TestClient(ws);
  }

  /** Opens, says hello and waits for welcome. */
  static async connect(server: TestServer, cookie: string): Promise<TestClient> {
    const client = await TestClient.open(server, cookie);
    const welcome = await client.request({ type: 'hello', id: 'h', v: PROTOCOL_VERSION });
    if (welcome.type !== 'welcome') throw new Error(`expected welcome, got ${JSON.stringify(welcome)}`);
    return client;
  }

  sendRaw(data: string | Buffer): void {
    this.ws.send(data);
  }

  send(message: ClientMessage): void {
    this.ws.send(JSON.stringify(message));
  }

  nextId(): string {
    this.counter += 1;
    return `r${this.counter}`;
  }

  /** Waits for a frame matching `check` (including ones already received when `past` is true). */
  waitFor(
    check: (m: ServerMessage) => boolean,
    { past = false, timeoutMs = 5000 } = {},
  ): Promise<ServerMessage> {
    if (past) {
      const found = this.frames.find(check);
      if (found) return Promise.resolve(found);
    }
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error('timed out waiting for a frame')), timeoutMs);
      this.waiters.push({
        check,
        resolve: (m) => {
          clearTimeout(timer);
          resolve(m);
        },
      });
    });
  }

  /** Sends a request and waits for the reply (or error) that echoes its id. */
  request(message: ClientMessage): Promise<ServerMessage> {
    const id = 'id' in message ? message.id : undefined;
    const reply = this.waitFor((m) => 'id' in m && m.id === id);
    this.send(message);
    return reply;
  }

  async join(roomId: string, after?: number) {
    const reply = await this.request({
      type: 'room.join',
      id: this.nextId(),
      roomId,
      ...(after !== undefined ? { after } : {}),
    });
    if (reply.type !== 'room.joined') throw new Error(`join failed: ${JSON.stringify(reply)}`);
    return reply;
  }

  async say(roomId: string, text: string, cid = this.nextId()) {
    return this.request({ type: 'msg.send', id: this.nextId(), roomId, cid, text });
  }

  close(): Promise<number> {
    this.ws.close();
    return this.closed;
  }
}

export const ADULT = { age: 30, gender: 'woman' } as const;

export interface TestUser {
  client: TestClient;
  nickname: string;
  cookie: string;
  userId: string;
}

/** Enters with a fresh nickname and connects a client. */
export async function newUser(
  server: TestServer,
  profile: { age?: number; gender?: string; region?: string | null; nickname?: string } = {},
): Promise<TestUser> {
  const nickname = profile.nickname ?? uniqueNick();
  const entered = await enter(server, {
    nickname,
    age: profile.age ?? 30,
    gender: profile.gender ?? 'woman',
    region: profile.region ?? null,
  });
  if (entered.status !== 201) throw new Error(`entry failed: ${JSON.stringify(entered.body)}`);
  const client = await TestClient.connect(server, entered.cookie);
  return { client, nickname, cookie: entered.cookie, userId: (entered.body.me as { userId: string }).userId };
}

/** R3: sends room.moderate and waits for the answer. */
export function moderate(actor: TestUser, roomId: string, userId: string, action: string, minutes?: number) {
  return actor.client.request({
    type: 'room.moderate',
    id: actor.client.nextId(),
    roomId,
    userId,
    action: action as 'kick',
    ...(minutes ? { minutes } : {}),
  });
}

/** R6: a frame announcing that `userId` arrived (alone, or in a batch of arrivals). */
export const arrivalOf = (userId: string) => (m: ServerMessage) =>
  (m.type === 'member.joined' && m.member.userId === userId) ||
  (m.type === 'members.joined' && m.members.some((member) => member.userId === userId));

/** R6: a frame announcing that `userId` left (alone, or in a batch of departures). */
export const departureOf = (userId: string) => (m: ServerMessage) =>
  (m.type === 'member.left' && m.userId === userId) ||
  (m.type === 'members.left' && m.userIds.includes(userId));
