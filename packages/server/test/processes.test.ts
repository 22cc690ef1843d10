import { afterEach, describe, expect, it } from 'vitest';
import pg from 'pg';
import {
  ProcessSet,
  SALON_CLI,
  freePort,
  redisAnswers,
  serverBuilt,
  startNode,
  startRedis,
  tcpProxy,
} from './support/processes.js';

/** The machine's PostgreSQL (trust auth), reached only through the proxy here. */
const PG_PORT = 5432;

const procs = new ProcessSet();
afterEach(() => procs.stopAll());

async function selectOne(port: number): Promise<number> {
  const client = new pg.Client({
    connectionString: `postgres://postgres@127.0.0.1:${port}/test`,
    connectionTimeoutMillis: 3000,
    query_timeout: 3000,
  });
  client.on('error', () => undefined);
  try {
    await client.connect();
    const result = await client.query<{ one: number }>('select 1 as one');
    return result.rows[0]!.one;
  } finally {
    await client.end().catch(() => undefined);
  }
}

describe('test harness: processes and faults', () => {
  it('freePort gives a loopback port nobody listens on', async () => {
    const port = await freePort();
    expect(port).toBeGreaterThan(0);
    expect(await redisAnswers(port, 500)).toBe(false);
  }, 10_000);

  it('startRedis runs a redis-server of its own that answers PING, and again after restart', async () => {
    const redis = procs.add(await startRedis());
    expect(redis.port).not.toBe(6379);
    expect(redis.url).toBe(`redis://127.0.0.1:${redis.port}`);
    expect(await redisAnswers(redis.port)).toBe(true);
    const firstPid = redis.pid;

    await redis.restart();
    expect(redis.pid).not.toBe(firstPid);
    expect(await redisAnswers(redis.port)).toBe(true);

    await redis.stop();
    expect(await redisAnswers(redis.port, 500)).toBe(false);
  }, 30_000);

  it('tcpProxy forwards to PostgreSQL; cut breaks the connection and refuses new ones; restore reopens', async () => {
    const proxy = procs.add(await tcpProxy(PG_PORT));
    expect(await selectOne(proxy.port)).toBe(1);

    // A client connected before the cut loses its connection.
    const client = new pg.Client({
      connectionString: `postgres://postgres@127.0.0.1:${proxy.port}/test`,
      query_timeout: 3000,
    });
    client.on('error', () => undefined);
    await client.connect();
    await client.query('select 1');
    proxy.cut();
    await expect(client.query('select 1')).rejects.toThrow();
    await client.end().catch(() => undefined);
    // New connections are refused while cut.
    await expect(selectOne(proxy.port)).rejects.toThrow();

    proxy.restore();
    expect(await selectOne(proxy.port)).toBe(1);
  }, 30_000);

  const builtIt = serverBuilt() ? it : it.skip;
  if (!serverBuilt()) {
    console.warn(`startNode test skipped: ${SALON_CLI} is missing (build with npm run typecheck).`);
  }

  builtIt(
    'startNode runs salon start on SQLite; /healthz answers; SIGKILL ends it',
    async () => {
      const node = procs.add(await startNode());
      expect(node.url).toBe(`http://127.0.0.1:${node.port}`);
      const health = await fetch(`${node.url}/healthz`);
      expect(health.status).toBe(200);
      expect(await health.json()).toEqual({ ok: true });

      node.kill('SIGKILL');
      expect(await node.exited).toBeNull();
      await expect(fetch(`${node.url}/healthz`)).rejects.toThrow();
    },
    30_000,
  );

  builtIt(
    'startNode reports what a node that stops at start-up printed',
    async () => {
      await expect(startNode({ env: { SALON_MIN_AGE: 'abc' } })).rejects.toThrow(
        /exited \(78\)[\s\S]*SALON_MIN_AGE/,
      );
    },
    30_000,
  );
});
