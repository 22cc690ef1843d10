import { randomBytes } from 'node:crypto';
import { writeFile, mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import pg from 'pg';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { CLOSE_CODES } from '@salon/protocol';
import { clusterAvailable } from './support/cluster.js';
import { dropSchema, freshSchemaName, TEST_PG_URL } from './support/databases.js';
import {
  ProcessSet,
  serverBuilt,
  startNode,
  startRedis,
  tcpProxy,
  type NodeProcess,
} from './support/processes.js';
import { ResilientMember } from './support/resilient-client.js';
import { arrivalOf, departureOf, enter, TestClient, uniqueNick, type TestServer } from './support/server.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const ROOM = 'general';

/** Limits high enough for test traffic from one address, short reconnect grace, quick node reaping. */
const CONFIG = `
chat:
  memberGrace: 500
cluster:
  nodeTimeout: 2s
limits:
  messages: { points: 10000, window: 1000 }
  entries: { points: 1000, window: 1000 }
  connects: { points: 1000, window: 1000 }
  connectionsPerAddress: 1000
media:
  nudity:
    force: safe
privacy:
  addressKey: ${randomBytes(32).toString('hex')}
`;

const wsUrl = (node: NodeProcess) => `ws://127.0.0.1:${node.port}/ws`;

async function readiness(node: NodeProcess): Promise<number> {
  try {
    const response = await fetch(`${node.url}/readyz`, { signal: AbortSignal.timeout(2_000) });
    await response.body?.cancel();
    return response.status;
  } catch {
    return 0;
  }
}

/** Enters on `node` and returns the session cookie (valid on every node: sessions are in PostgreSQL). */
async function cookieFor(node: NodeProcess): Promise<string> {
  const entered = await enter({ url: node.url } as TestServer, {
    nickname: uniqueNick('F'),
    age: 30,
    gender: 'woman',
  });
  if (entered.status !== 201) throw new Error(JSON.stringify(entered.body));
  return entered.cookie;
}

/** Sends `count` messages from `member`, one after another; returns seq → text of those acknowledged. */
async function sendMany(
  member: ResilientMember,
  count: number,
  pause: number,
  acked: Map<number, string>,
  from = 0,
) {
  for (let i = from; i < from + count; i += 1) {
    const text = `${member.name} #${i}`;
    const seq = await member.send(text, `${member.name}-${i}`);
    acked.set(seq, text);
    await delay(pause);
  }
}

/**
 * Every acknowledged message is held once, under its seq, by every member, and nothing was stored
 * twice. With `wire`, no connection was even sent the same seq twice.
 */
function expectExactlyOnce(members: ResilientMember[], acked: Map<number, string>, wire = true): void {
  for (const member of members) {
    for (const [seq, text] of acked) expect(member.messages.get(seq), `${member.name} seq ${seq}`).toBe(text);
    const texts = [...member.messages.values()];
    expect(new Set(texts).size, `${member.name}: a message stored twice`).toBe(texts.length);
    if (wire) expect(member.duplicates, `${member.name}: a seq delivered twice on one connection`).toBe(0);
  }
}

describe.skipIf(!clusterAvailable || !serverBuilt())('faults across processes [O1]', () => {
  const processes = new ProcessSet();
  let schema: string;
  let configDir: string;
  let env: Record<string, string>;
  const members: ResilientMember[] = [];

  beforeEach(async () => {
    schema = freshSchemaName();
    const client = new pg.Client({ connectionString: TEST_PG_URL });
    await client.connect();
    await client.query(`CREATE SCHEMA "${schema}"`);
    await client.end();
    configDir = await mkdtemp(join(tmpdir(), 'salon-fault-'));
    await writeFile(join(configDir, 'salon.yaml'), CONFIG);
    env = { SALON_CONFIG: join(configDir, 'salon.yaml') };
  });
  afterEach(async () => {
    for (const member of members.splice(0)) await member.close().catch(() => undefined);
    await processes.stopAll();
    await dropSchema(schema);
    await rm(configDir, { recursive: true, force: true });
  }, 30_000);

  const databaseUrl = (port = 5432) =>
    `postgres://postgres@127.0.0.1:${port}/test?options=-c%20search_path%3D${schema}`;

  it('[O1][R7] kill -9 of one node of two while clients send: they resume on the other, every acknowledged message reaches every member exactly once', async () => {
    const redis = processes.add(await startRedis());
    const nodeEnv = { ...env, SALON_DATABASE_URL: databaseUrl(), SALON_REDIS_URL: redis.url };
    const a = processes.add(await startNode({ env: nodeEnv }));
    const b = processes.add(await startNode({ env: nodeEnv }));
    for (const [i, home] of [a, a, b, b].entries()) {
      const other = home === a ? b : a;
      const member = new ResilientMember(`m${i}`, await cookieFor(home), [wsUrl(home), wsUrl(other)], ROOM);
      await member.connection();
      members.push(member);
    }
    // A member on node A that will not come back, watched from node B.
    const watcher = await TestClient.connect({ wsUrl: wsUrl(b) } as TestServer, await cookieFor(b));
    await watcher.join(ROOM);
    const ghost = await TestClient.connect({ wsUrl: wsUrl(a) } as TestServer, await cookieFor(a));
    const welcome = ghost.frames.find((m) => m.type === 'welcome');
    const ghostId = welcome?.type === 'welcome' ? welcome.me.userId : '';
    await ghost.join(ROOM);
    await watcher.waitFor(arrivalOf(ghostId), { past: true });
    const acked = new Map<number, string>();
    const sending = members.map((member) => sendMany(member, 60, 15, acked));
    await delay(400);
    a.kill('SIGKILL');
    expect(await a.exited).toBeNull();
    await Promise.all(sending);
    await Promise.all(members.map((member) => member.waitFor(acked.keys())));
    // Node B reaps the dead node: its member that did not come back leaves the room.
    await watcher.waitFor(departureOf(ghostId), { past: true, timeoutMs: 10_000 });
    await watcher.close();

    expect(acked.size).toBe(240);
    // A message stored by the killed node just before it died may never have been published: its
    // sender's retry (same cid) publishes it again from the survivor. A member that had already
    // read it from history can then be sent it a second time; clients keep one copy per seq.
    expectExactlyOnce(members, acked, false);
    // The members that were on node A reconnected to node B.
    expect(members[0]!.reconnects + members[1]!.reconnects).toBeGreaterThanOrEqual(2);
  }, 60_000);

  it('[O1][O4] Redis restarts during traffic: readiness goes red then green, no node crashes, clients resume without loss', async () => {
    const redis = processes.add(await startRedis());
    const nodeEnv = { ...env, SALON_DATABASE_URL: databaseUrl(), SALON_REDIS_URL: redis.url };
    const a = processes.add(await startNode({ env: nodeEnv }));
    const b = processes.add(await startNode({ env: nodeEnv }));
    for (const [i, home] of [a, b].entries()) {
      const member = new ResilientMember(`r${i}`, await cookieFor(home), [wsUrl(home)], ROOM);
      await member.connection();
      members.push(member);
    }
    const acked = new Map<number, string>();
    const sending = members.map((member) => sendMany(member, 80, 20, acked));
    await delay(300);

    await redis.stop();
    const red = Date.now();
    await expect.poll(() => readiness(a), { timeout: 5_000 }).toBe(503);
    await expect.poll(() => readiness(b), { timeout: 5_000 }).toBe(503);
    await redis.restart();
    await expect.poll(() => readiness(a), { timeout: 10_000 }).toBe(200);
    await expect.poll(() => readiness(b), { timeout: 10_000 }).toBe(200);
    const recovery = Date.now() - red;

    await Promise.all(sending);
    // After the restart, a message sent on one node reaches the member on the other live.
    const seq = await members[0]!.send('after the restart', 'r0-after');
    acked.set(seq, 'after the restart');
    await Promise.all(members.map((member) => member.waitFor(acked.keys())));
    expectExactlyOnce(members, acked);
    for (const node of [a, b]) {
      let exited = false;
      void node.exited.then(() => (exited = true));
      await delay(0);
      expect(exited, node.output()).toBe(false);
    }
    expect(recovery).toBeLessThan(15_000);
  }, 60_000);

  it('[O4] SIGTERM: the node tells its clients to reconnect elsewhere (1001), then exits cleanly', async () => {
    const node = processes.add(await startNode({ env: { ...env, SALON_DATABASE_URL: databaseUrl() } }));
    const client = await TestClient.connect({ wsUrl: wsUrl(node) } as TestServer, await cookieFor(node));
    await client.join(ROOM);
    node.kill('SIGTERM');
    expect(await client.closed).toBe(CLOSE_CODES.GOING_AWAY);
    expect(await node.exited).toBe(0);
  }, 30_000);

  it('[O1] PostgreSQL connection drop: sends fail with UNAVAILABLE, nothing acknowledged is lost, service resumes by itself', async () => {
    const proxy = processes.add(await tcpProxy(5432));
    const node = processes.add(
      await startNode({ env: { ...env, SALON_DATABASE_URL: databaseUrl(proxy.port) } }),
    );
    const writer = new ResilientMember('w', await cookieFor(node), [wsUrl(node)], ROOM);
    await writer.connection();
    members.push(writer);
    const acked = new Map<number, string>();
    await sendMany(writer, 10, 0, acked);

    proxy.cut();
    const client = await writer.connection();
    const refused = await client.request({
      type: 'msg.send',
      id: client.nextId(),
      roomId: ROOM,
      cid: 'while-down',
      text: 'while the database is down',
    });
    expect(refused.type === 'error' && refused.code).toBe('UNAVAILABLE');
    await expect.poll(() => readiness(node), { timeout: 10_000 }).toBe(503);
    // Sends keep failing cleanly (the resilient member retries) until the database is back.
    const retried = writer.send('while the database is down', 'while-down');
    await delay(1_000);
    proxy.restore();
    acked.set(await retried, 'while the database is down');
    await expect.poll(() => readiness(node), { timeout: 10_000 }).toBe(200);
    await sendMany(writer, 10, 0, acked, 10);

    expect(writer.errors.length).toBeGreaterThan(0);
    expect(new Set(writer.errors)).toEqual(new Set(['UNAVAILABLE']));
    // A fresh reader on the same node gets every acknowledged message from history, once.
    const reader = new ResilientMember('reader', await cookieFor(node), [wsUrl(node)], ROOM);
    members.push(reader);
    await reader.connection();
    await reader.waitFor(acked.keys());
    expectExactlyOnce([writer, reader], acked);
    expect(acked.size).toBe(21);
    let exited = false;
    void node.exited.then(() => (exited = true));
    await delay(0);
    expect(exited, node.output()).toBe(false);
  }, 60_000);
});
