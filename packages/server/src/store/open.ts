import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import SQLite from 'better-sqlite3';
import pg from 'pg';
import { Kysely, PostgresDialect, SqliteDialect, sql } from 'kysely';
import { Migrator } from 'kysely/migration';
import type { Database } from './schema.js';
import { migrationProvider } from './migrations/index.js';

export type Dialect = 'sqlite' | 'postgres';

export interface OpenOptions {
  /** postgres://… selects PostgreSQL; otherwise `sqlitePath` is used. */
  databaseUrl?: string | null;
  /** SQLite file, or ":memory:". */
  sqlitePath?: string;
  /** PostgreSQL schema to work in (created if missing); tests use one each. */
  pgSchema?: string;
}

// PostgreSQL returns BIGINT (and COUNT) as strings; all our BIGINTs are epoch ms or sequence numbers.
pg.types.setTypeParser(pg.types.builtins.INT8, (value: string) => Number(value));

export async function openDatabase(
  options: OpenOptions,
): Promise<{ db: Kysely<Database>; dialect: Dialect }> {
  let db: Kysely<Database>;
  let dialect: Dialect;
  if (options.databaseUrl) {
    const schema = options.pgSchema;
    if (schema !== undefined && !/^[a-z_][a-z0-9_]*$/.test(schema))
      throw new Error(`bad schema name ${schema}`);
    const pool = new pg.Pool({
      connectionString: options.databaseUrl,
      max: 10,
      // While the database is unreachable, a query fails within seconds instead of waiting.
      connectionTimeoutMillis: 3_000,
      ...(schema ? { options: `-c search_path=${schema}` } : {}),
    });
    // A connection that breaks (database restarted, network cut) leaves the pool, and the next
    // query opens a fresh one; the query it was running fails with its own error. Unlistened, the
    // connection's error event would end the process, also while it is checked out between the
    // statements of a transaction.
    pool.on('error', () => {});
    pool.on('connect', (client) => client.on('error', () => {}));
    db = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
    dialect = 'postgres';
    if (schema) await sql`CREATE SCHEMA IF NOT EXISTS ${sql.id(schema)}`.execute(db);
  } else {
    const path = options.sqlitePath ?? ':memory:';
    if (path !== ':memory:') mkdirSync(dirname(path), { recursive: true });
    const sqlite = new SQLite(path);
    sqlite.pragma('journal_mode = WAL');
    sqlite.pragma('synchronous = NORMAL');
    sqlite.pragma('foreign_keys = ON');
    sqlite.pragma('busy_timeout = 5000');
    db = new Kysely<Database>({ dialect: new SqliteDialect({ database: sqlite }) });
    dialect = 'sqlite';
  }
  const migrator = new Migrator({
    db,
    provider: migrationProvider,
    ...(options.pgSchema ? { migrationTableSchema: options.pgSchema } : {}),
  });
  let outcome = await migrator.migrateToLatest();
  // The migrator lists tables across every schema; a schema dropped by someone else during that
  // listing (other test runs, other tenants) fails it spuriously. Such a failure happens before any
  // migration ran, so trying again is safe.
  for (let attempt = 1; attempt < 5 && isVanishedSchema(outcome); attempt++) {
    await new Promise((resolve) => setTimeout(resolve, 50 * attempt));
    outcome = await migrator.migrateToLatest();
  }
  const { error, results } = outcome;
  if (error) {
    const failed = results?.find((r) => r.status === 'Error')?.migrationName ?? 'unknown';
    await db.destroy();
    throw new Error(
      `database migration ${failed} failed: ${error instanceof Error ? error.message : JSON.stringify(error)}`,
    );
  }
  return { db, dialect };
}

function isVanishedSchema(outcome: { error?: unknown; results?: readonly { status: string }[] }): boolean {
  const message = outcome.error instanceof Error ? outcome.error.message : '';
  const ranNothing = !outcome.results?.some((r) => r.status === 'Success');
  return ranNothing && /schema "[^"]+" does not exist|relation "[^"]+" does not exist/.test(message);
}
