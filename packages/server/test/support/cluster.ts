import { randomBytes } from 'node:crypto';
import { Redis } from 'ioredis';
import type { ConfigInput } from '../../src/config/schema.js';
import { openStore, type Store } from '../../src/store/index.js';
import { dropSchema, freshSchemaName, TEST_PG_URL, TEST_DATABASES } from './databases.js';
import { startServer, type TestServer } from './server.js';

/** The machine's Redis, shared: every test works under a key prefix of its own. */
export const TEST_REDIS_URL = process.env.SALON_TEST_REDIS_URL ?? 'redis://127.0.0.1:6379';

async function redisReachable(): Promise<boolean> {
  const client = new Redis(TEST_REDIS_URL, {
    lazyConnect: true,
    connectTimeout: 2000,
    maxRetriesPerRequest: 0,
  });
  client.on('error', () => {});
  try {
    await client.connect();
    return (await client.ping()) === 'PONG';
  } catch {
    return false;
  } finally {
    client.disconnect();
  }
}

const redisAvailable = await redisReachable();
const postgresAvailable = TEST_DATABASES.some((database) => database.name === 'postgres');

/** Multi-node tests need PostgreSQL and Redis: required under CI=true, skipped with a line elsewhere. */
export const clusterAvailable = redisAvailable && postgresAvailable;
if (!clusterAvailable) {
  const missing = [!redisAvailable && `Redis at ${TEST_REDIS_URL}`, !postgresAvailable && 'PostgreSQL']
    .filter(Boolean)
    .join(' and ');
  if (process.env.CI === 'true') throw new Error(`Cluster tests need ${missing} under CI=true`);
  console.warn(`Cluster tests skipped: ${missing} not reachable.`);
}

/** Deletes every key under a prefix (a test's own). */
export async function dropPrefix(url: string, prefix: string): Promise<void> {
  const client = new Redis(url, { maxRetriesPerRequest: 1 });
  client.on('error', () => {});
  try {
    let cursor = '0';
    do {
      const [next, keys] = await client.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 500);
      cursor = next;
      if (keys.length > 0) await client.del(...keys);
    } while (cursor !== '0');
  } finally {
    client.disconnect();
  }
}

export interface TestCluster {
  nodes: TestServer[];
  prefix: string;
  schema: string;
  close(): Promise<void>;
}

/**
 * O1: `count` apps in this process forming one service: each with its own PostgreSQL pool on a
 * shared fresh schema and its own Redis connections under a fresh key prefix.
 */
export async function startCluster(count: number, overrides: ConfigInput = {}): Promise<TestCluster> {
  const schema = freshSchemaName();
  const prefix = `salon_test_${randomBytes(4).toString('hex')}:`;
  const addressKey = randomBytes(32).toString('hex');
  const nodes: TestServer[] = [];
  const stores: Store[] = [];
  for (let i = 0; i < count; i += 1) {
    const store = await openStore({ databaseUrl: TEST_PG_URL, pgSchema: schema });
    stores.push(store);
    nodes.push(
      await startServer(
        {
          ...overrides,
          cluster: { redisUrl: TEST_REDIS_URL, prefix, nodeTimeout: 1_000, ...overrides.cluster },
          // Every node seals addresses with the same key (T11).
          privacy: { addressKey, ...overrides.privacy },
        },
        { store },
      ),
    );
  }
  return {
    nodes,
    prefix,
    schema,
    async close() {
      for (const node of nodes) await node.close();
      for (const store of stores) await store.close();
      await dropSchema(schema);
      await dropPrefix(TEST_REDIS_URL, prefix);
    },
  };
}
