import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { openStore, type Store } from '../../src/store/index.js';

/** The PostgreSQL used by tests (trust auth on these machines). */
export const TEST_PG_URL = process.env.SALON_TEST_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

async function postgresReachable(): Promise<boolean> {
  const client = new pg.Client({ connectionString: TEST_PG_URL, connectionTimeoutMillis: 2000 });
  try {
    await client.connect();
    await client.query('select 1');
    return true;
  } catch {
    return false;
  } finally {
    await client.end().catch(() => undefined);
  }
}

const pgAvailable = await postgresReachable();
if (!pgAvailable) {
  if (process.env.CI === 'true') {
    throw new Error(`PostgreSQL is required under CI=true but ${TEST_PG_URL} is not reachable`);
  }
  console.warn(
    `PostgreSQL tests skipped: ${TEST_PG_URL} is not reachable (set SALON_TEST_DATABASE_URL to enable them).`,
  );
}

export interface TestDatabase {
  name: 'sqlite' | 'postgres';
  /** Opens a fresh, empty store (its own SQLite memory database or PostgreSQL schema). */
  open(): Promise<{ store: Store; url: string | null; schema: string | null; drop(): Promise<void> }>;
}

const sqlite: TestDatabase = {
  name: 'sqlite',
  async open() {
    const store = await openStore({ sqlitePath: ':memory:' });
    return { store, url: null, schema: null, drop: () => store.close() };
  },
};

/** Drops a test schema. */
export async function dropSchema(schema: string): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    await client.query(`DROP SCHEMA IF EXISTS "${schema}" CASCADE`);
  } finally {
    await client.end();
  }
}

export function freshSchemaName(): string {
  return `salon_test_${randomBytes(6).toString('hex')}`;
}

const postgres: TestDatabase = {
  name: 'postgres',
  async open() {
    const schema = freshSchemaName();
    const store = await openStore({ databaseUrl: TEST_PG_URL, pgSchema: schema });
    return {
      store,
      url: TEST_PG_URL,
      schema,
      async drop() {
        await store.close();
        await dropSchema(schema);
      },
    };
  },
};

/** The databases the contract suites run against: SQLite always, PostgreSQL when reachable. */
export const TEST_DATABASES: TestDatabase[] = pgAvailable ? [sqlite, postgres] : [sqlite];
