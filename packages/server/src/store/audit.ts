import { sql, type Kysely } from 'kysely';
import { sha256Hex } from '../util/hash.js';
import type { Dialect } from './open.js';
import type { AuditLogTable, Database } from './schema.js';

export type AuditActorKind = AuditLogTable['actor_kind'];

/** What a caller supplies; the repository assigns `seq`, `prevHash` and `hash`. */
export interface NewAuditEntry {
  at: number;
  actorKind: AuditActorKind;
  actorId: string | null;
  action: string;
  targetKind: string | null;
  targetId: string | null;
  /** JSON text, stored and hashed exactly as given. */
  details: string;
}

export interface AuditEntry extends NewAuditEntry {
  seq: number;
  prevHash: string;
  hash: string;
}

/** The `prev_hash` of the first entry. */
export const GENESIS_HASH = '0'.repeat(64);

/**
 * T8: the hash of an entry: hex SHA-256 of the UTF-8 JSON array (no spaces)
 * `[seq, at, actor_kind, actor_id, action, target_kind, target_id, details, prev_hash]`.
 * A fixed-order array of JSON scalars has exactly one serialisation, so anyone can recompute it.
 */
export function auditHash(entry: Omit<AuditEntry, 'hash'>): string {
  return sha256Hex(
    JSON.stringify([
      entry.seq,
      entry.at,
      entry.actorKind,
      entry.actorId,
      entry.action,
      entry.targetKind,
      entry.targetId,
      entry.details,
      entry.prevHash,
    ]),
  );
}

/** How many times an append is tried when another writer took the same seq first. */
const APPEND_ATTEMPTS = 5;

function toEntry(row: AuditLogTable): AuditEntry {
  return {
    seq: Number(row.seq),
    at: Number(row.at),
    actorKind: row.actor_kind,
    actorId: row.actor_id,
    action: row.action,
    targetKind: row.target_kind,
    targetId: row.target_id,
    details: row.details,
    prevHash: row.prev_hash,
    hash: row.hash,
  };
}

/** T8: the audit log table. Entries are only ever appended: there is no update and no delete. */
export class AuditRepository {
  constructor(
    private readonly db: Kysely<Database>,
    private readonly dialect: Dialect,
  ) {}

  /**
   * Appends an entry after the last one: seq + 1, chained to its hash. Reading the last entry
   * and inserting happen in one transaction; if another writer stored that seq first, the
   * primary key stops the insert and the append starts over from the new last entry.
   *
   * On PostgreSQL, appenders (several nodes) also take a transaction-scoped advisory lock first,
   * so they queue instead of racing: without it, a node appending in a steady stream can win
   * every race and starve another one past its retries. (SQLite runs every statement of a
   * process through one connection, so its transactions never interleave.)
   */
  async append(entry: NewAuditEntry): Promise<AuditEntry> {
    if (!Number.isSafeInteger(entry.at)) throw new Error(`audit: bad time ${entry.at}`);
    for (let attempt = 1; attempt <= APPEND_ATTEMPTS; attempt++) {
      const stored = await this.db.transaction().execute(async (trx) => {
        if (this.dialect === 'postgres') {
          await sql`SELECT pg_advisory_xact_lock(hashtext(current_schema() || '.audit_log'))`.execute(trx);
        }
        const last = await trx
          .selectFrom('audit_log')
          .select(['seq', 'hash'])
          .orderBy('seq', 'desc')
          .limit(1)
          .executeTakeFirst();
        const unsealed = {
          ...entry,
          seq: last ? Number(last.seq) + 1 : 1,
          prevHash: last?.hash ?? GENESIS_HASH,
        };
        const sealed: AuditEntry = { ...unsealed, hash: auditHash(unsealed) };
        const result = await trx
          .insertInto('audit_log')
          .values({
            seq: sealed.seq,
            at: sealed.at,
            actor_kind: sealed.actorKind,
            actor_id: sealed.actorId,
            action: sealed.action,
            target_kind: sealed.targetKind,
            target_id: sealed.targetId,
            details: sealed.details,
            prev_hash: sealed.prevHash,
            hash: sealed.hash,
          })
          .onConflict((oc) => oc.column('seq').doNothing())
          .executeTakeFirst();
        return Number(result.numInsertedOrUpdatedRows ?? 0) > 0 ? sealed : null;
      });
      if (stored) return stored;
    }
    throw new Error(`audit: could not append after ${APPEND_ATTEMPTS} attempts (concurrent writers)`);
  }

  /** The newest entry, or null when the log is empty. */
  async last(): Promise<AuditEntry | null> {
    const row = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .orderBy('seq', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? toEntry(row) : null;
  }

  /** Up to `limit` entries with seq ≥ `fromSeq`, ascending (for verifying page by page). */
  async range(fromSeq: number, limit: number): Promise<AuditEntry[]> {
    const rows = await this.db
      .selectFrom('audit_log')
      .selectAll()
      .where('seq', '>=', fromSeq)
      .orderBy('seq', 'asc')
      .limit(limit)
      .execute();
    return rows.map(toEntry);
  }

  async count(): Promise<number> {
    const row = await this.db
      .selectFrom('audit_log')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .executeTakeFirstOrThrow();
    return Number(row.n);
  }
}
