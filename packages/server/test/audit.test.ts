import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import SQLite from 'better-sqlite3';
import { Kysely, PostgresDialect, SqliteDialect } from 'kysely';
import pg from 'pg';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../src/cli.js';
import { ManualClock } from '../src/clock.js';
import { AUDIT_BREAKS, AuditLog, type AuditRecord } from '../src/safety/audit.js';
import { nicknameKey } from '../src/safety/fold.js';
import type { Database } from '../src/store/schema.js';
import { auditHash, openStore, type AuditEntry, type Store } from '../src/store/index.js';
import { hmacHex, sha256Hex } from '../src/util/hash.js';
import { TEST_DATABASES, TEST_PG_URL, type TestDatabase } from './support/databases.js';
import {
  enter,
  newUser,
  startServer,
  uniqueNick,
  type TestServer,
  type TestUser,
  moderate,
} from './support/server.js';

/**
 * A store plus a second, independent connection to the same database, standing for someone who
 * edits the table behind Salon's back. SQLite uses a file here so that both can see it.
 */
interface Tamperable {
  store: Store;
  raw: Kysely<Database>;
  /** Opens another store on the same database (another node). */
  another(): Promise<Store>;
  close(): Promise<void>;
}

async function openTamperable(database: TestDatabase): Promise<Tamperable> {
  if (database.name === 'sqlite') {
    const dir = mkdtempSync(join(tmpdir(), 'salon-audit-'));
    const sqlitePath = join(dir, 'salon.db');
    const store = await openStore({ sqlitePath });
    const raw = new Kysely<Database>({ dialect: new SqliteDialect({ database: new SQLite(sqlitePath) }) });
    return {
      store,
      raw,
      another: () => openStore({ sqlitePath }),
      async close() {
        await raw.destroy();
        await store.close();
        rmSync(dir, { recursive: true, force: true });
      },
    };
  }
  const opened = await database.open();
  const [url, schema] = [opened.url!, opened.schema!];
  const pool = new pg.Pool({ connectionString: url, max: 1, options: `-c search_path=${schema}` });
  const raw = new Kysely<Database>({ dialect: new PostgresDialect({ pool }) });
  return {
    store: opened.store,
    raw,
    another: () => openStore({ databaseUrl: url, pgSchema: schema }),
    async close() {
      await raw.destroy();
      await opened.drop();
    },
  };
}

/** The details of an entry, parsed. */
const facts = (entry: AuditEntry) => JSON.parse(entry.details) as unknown;

const kick = (i: number): AuditRecord => ({
  actorKind: 'user',
  actorId: `u_owner${i}`,
  action: 'room.kick',
  targetKind: 'user',
  targetId: `u_member${i}`,
  details: { roomId: `p_room${i}` },
});

describe.each(TEST_DATABASES)('audit log on $name', (database) => {
  let db: Tamperable;
  let log: AuditLog;
  const clock = new ManualClock();

  beforeAll(async () => {
    db = await openTamperable(database);
  });
  afterAll(async () => {
    await db.close();
  });
  beforeEach(async () => {
    // One database per suite; each test starts from an empty log.
    await db.raw.deleteFrom('audit_log').execute();
    log = new AuditLog(db.store, clock, 3);
  });

  it('[T8] records entries and verifies the chain', async () => {
    for (let i = 1; i <= 7; i++) {
      clock.advance(1000);
      const entry = await log.record(kick(i));
      expect(entry).toMatchObject({ seq: i, at: clock.now(), actorId: `u_owner${i}`, action: 'room.kick' });
    }
    expect(await log.verify()).toEqual({ ok: true, count: 7 });
  });

  it('[T8] an entry whose details were edited in the database is named by verify', async () => {
    for (let i = 1; i <= 7; i++) await log.record(kick(i));
    await db.raw
      .updateTable('audit_log')
      .set({ details: JSON.stringify({ roomId: 'p_elsewhere' }) })
      .where('seq', '=', 5)
      .execute();
    expect(await log.verify()).toEqual({ ok: false, seq: 5, reason: AUDIT_BREAKS.hash });
  });

  it('[T8] an entry edited with its hash recomputed breaks the link of the next one', async () => {
    for (let i = 1; i <= 7; i++) await log.record(kick(i));
    const [target] = await db.store.audit.range(4, 1);
    const forged: AuditEntry = { ...target!, targetId: 'u_someone_else' };
    await db.raw
      .updateTable('audit_log')
      .set({ target_id: forged.targetId, hash: auditHash(forged) })
      .where('seq', '=', 4)
      .execute();
    expect(await log.verify()).toEqual({ ok: false, seq: 5, reason: AUDIT_BREAKS.link });
  });

  it('[T8] a deleted entry is detected as a missing seq', async () => {
    for (let i = 1; i <= 7; i++) await log.record(kick(i));
    await db.raw.deleteFrom('audit_log').where('seq', '=', 3).execute();
    expect(await log.verify()).toEqual({ ok: false, seq: 3, reason: AUDIT_BREAKS.missing });
    await db.raw.deleteFrom('audit_log').where('seq', '=', 1).execute();
    expect(await log.verify()).toEqual({ ok: false, seq: 1, reason: AUDIT_BREAKS.missing });
  });

  it('[T8] 50 records at once keep one valid chain with seqs 1 to 50', async () => {
    const entries = await Promise.all(Array.from({ length: 50 }, (_, i) => log.record(kick(i))));
    expect(entries.map((e) => e.seq).sort((a, b) => a - b)).toEqual(
      Array.from({ length: 50 }, (_, i) => i + 1),
    );
    expect(await db.store.audit.count()).toBe(50);
    expect(await log.verify()).toEqual({ ok: true, count: 50 });
  });

  it.runIf(database.name === 'postgres')(
    '[T8] two nodes sharing the database append at once and keep one chain',
    async () => {
      const other = await db.another();
      try {
        const second = new AuditLog(other, clock);
        await Promise.all([
          ...Array.from({ length: 25 }, (_, i) => log.record(kick(i))),
          ...Array.from({ length: 25 }, (_, i) => second.record(kick(100 + i))),
        ]);
        expect(await db.store.audit.count()).toBe(50);
        expect(await second.verify()).toEqual({ ok: true, count: 50 });
      } finally {
        await other.close();
      }
    },
  );

  it.runIf(database.name === 'postgres')(
    '[T8] an append that loses its seq to another writer retries after it, keeping one chain',
    async () => {
      for (let i = 1; i <= 3; i++) await log.record(kick(i));
      const last = (await db.store.audit.last())!;
      // Another writer (not taking the append lock) holds seq 4 in an open transaction.
      const unsealed = { ...last, seq: 4, prevHash: last.hash, action: 'room.ban', details: '{}' };
      const theirs: AuditEntry = { ...unsealed, hash: auditHash(unsealed) };
      let commit!: () => void;
      let held!: () => void;
      const holding = new Promise<void>((resolve) => (held = resolve));
      const other = db.raw.transaction().execute(async (trx) => {
        await trx
          .insertInto('audit_log')
          .values({
            seq: theirs.seq,
            at: theirs.at,
            actor_kind: theirs.actorKind,
            actor_id: theirs.actorId,
            action: theirs.action,
            target_kind: theirs.targetKind,
            target_id: theirs.targetId,
            details: theirs.details,
            prev_hash: theirs.prevHash,
            hash: theirs.hash,
          })
          .execute();
        held();
        await new Promise<void>((resolve) => (commit = resolve));
      });
      await holding;
      const ours = log.record(kick(9));
      // Wait until our insert of seq 4 is blocked behind theirs, then let theirs commit.
      await waitForBlockedInsert();
      commit();
      await other;
      expect(await ours).toMatchObject({ seq: 5, prevHash: theirs.hash });
      expect(await log.verify()).toEqual({ ok: true, count: 5 });
    },
  );
});

/** Polls PostgreSQL until an insert into audit_log waits on a lock. */
async function waitForBlockedInsert(): Promise<void> {
  const client = new pg.Client({ connectionString: TEST_PG_URL });
  await client.connect();
  try {
    for (let i = 0; i < 200; i++) {
      const { rows } = await client.query<{ n: string }>(
        `SELECT count(*) AS n FROM pg_stat_activity
          WHERE wait_event_type = 'Lock' AND query ILIKE 'insert into "audit_log"%'`,
      );
      if (Number(rows[0]!.n) > 0) return;
      await new Promise((resolve) => setTimeout(resolve, 25));
    }
    throw new Error('no blocked audit insert seen');
  } finally {
    await client.end();
  }
}

/** Every cookie value in a Cookie header. */
function cookieValues(cookie: string): string[] {
  return cookie
    .split(';')
    .map((pair) => pair.trim())
    .filter(Boolean)
    .map((pair) => decodeURIComponent(pair.slice(pair.indexOf('=') + 1)));
}

describe.each(TEST_DATABASES)('audited actions on $name', (database) => {
  let server: TestServer;
  let store: Store;
  let drop: () => Promise<void>;
  const clock = new ManualClock(Date.now());

  beforeAll(async () => {
    const opened = await database.open();
    store = opened.store;
    drop = opened.drop;
    server = await startServer(
      { http: { trustProxy: true }, limits: { logins: { points: 2, window: '15m' } } },
      { store, clock },
    );
  });
  afterAll(async () => {
    await server.close();
    await drop();
  });

  const all = () => store.audit.range(1, 10_000);
  const since = async (seq: number) => (await all()).filter((e) => e.seq > seq);
  const lastSeq = async () => (await store.audit.last())?.seq ?? 0;

  /** No column of any entry holds one of these values, nor its SHA-256, nor its keyed hash. */
  async function expectNoneOf(values: string[]) {
    const secret = await store.settings.getOrCreate('address-hash-secret', () => 'unused');
    const text = JSON.stringify(await all());
    for (const value of values) {
      for (const form of [value, sha256Hex(value), hmacHex(secret, value)]) {
        expect(text, value).not.toContain(form);
      }
    }
  }

  async function privateRoom(owner: TestUser, guests: TestUser[]) {
    const created = await owner.client.request({ type: 'room.create', id: 'c', name: 'Sous contrôle' });
    if (created.type !== 'room.created') throw new Error(JSON.stringify(created));
    const made = await owner.client.request({ type: 'room.link.create', id: 'l', roomId: created.room.id });
    if (made.type !== 'room.link') throw new Error(JSON.stringify(made));
    for (const guest of guests)
      await guest.client.request({ type: 'room.join.link', id: 'j', token: made.token });
    return created.room.id;
  }

  it('[T8][R3] every room moderation action through the WebSocket is logged, refused ones are not', async () => {
    const [owner, mod, member, other] = await Promise.all([1, 2, 3, 4].map(() => newUser(server)));
    const roomId = await privateRoom(owner!, [mod!, member!, other!]);
    const start = await lastSeq();
    const steps: [TestUser, TestUser, string, number?][] = [
      [owner!, mod!, 'promote'],
      [mod!, member!, 'mute', 5],
      [mod!, member!, 'unmute'],
      [mod!, other!, 'kick'],
      [owner!, member!, 'ban', 60],
      [owner!, member!, 'unban'],
      [owner!, mod!, 'demote'],
      [owner!, mod!, 'transfer'],
    ];
    expect(await moderate(member!, roomId, mod!.userId, 'kick')).toMatchObject({ code: 'FORBIDDEN' });
    for (const [actor, target, action, minutes] of steps) {
      expect(await moderate(actor, roomId, target.userId, action, minutes), action).toMatchObject({
        type: 'ok',
      });
    }
    const logged = await since(start);
    expect(logged.map((e) => [e.actorKind, e.actorId, e.action, e.targetKind, e.targetId, facts(e)])).toEqual(
      steps.map(([actor, target, action, minutes]) => [
        'user',
        actor.userId,
        `room.${action}`,
        'user',
        target.userId,
        minutes === undefined ? { roomId } : { roomId, minutes },
      ]),
    );
    expect(logged.every((e) => e.at === clock.now())).toBe(true);
    await expectNoneOf([
      '127.0.0.1',
      ...[owner!, mod!, member!, other!].flatMap((user) => cookieValues(user.cookie)),
    ]);
    expect(await server.app.services.audit.verify()).toMatchObject({ ok: true });
  });

  it('[T8] a moderation action is not applied when it cannot be logged', async () => {
    const owner = await newUser(server);
    const member = await newUser(server);
    const roomId = await privateRoom(owner, [member]);
    const start = await lastSeq();
    const failing = vi.spyOn(store.audit, 'append').mockRejectedValueOnce(new Error('audit store down'));
    expect(await moderate(owner, roomId, member.userId, 'kick')).toMatchObject({
      type: 'error',
      code: 'INTERNAL',
    });
    failing.mockRestore();
    expect(await store.members.get(roomId, member.userId)).not.toBeNull();
    expect(await since(start)).toEqual([]);
  });

  it('[T8][E3] an age refusal through POST /api/session is logged as a system action, without device or address', async () => {
    const start = await lastSeq();
    const address = '203.0.113.58';
    const refused = await enter(server, { nickname: uniqueNick(), age: 15, gender: 'man' }, '', {
      'x-forwarded-for': address,
    });
    expect(refused.body.error).toBe('AGE_REFUSED');
    const logged = await since(start);
    expect(logged).toHaveLength(1);
    expect(logged[0]).toMatchObject({
      actorKind: 'system',
      actorId: null,
      action: 'entry.age_refused',
      targetKind: null,
      targetId: null,
    });
    expect(facts(logged[0]!)).toEqual({ cooldownUntil: clock.now() + 24 * 3_600_000 });
    expect(refused.cookie).toContain('salon_device=');
    await expectNoneOf([address, ...cookieValues(refused.cookie)]);
    // The cool-down that follows is not a new action.
    await enter(server, { nickname: uniqueNick(), age: 30, gender: 'man' }, refused.cookie, {
      'x-forwarded-for': address,
    });
    expect(await since(start)).toHaveLength(1);
  });

  it('[T8][E5] a login lock-out is logged once per scope, without the address or the nickname', async () => {
    const nickname = uniqueNick('Verrou');
    const attempt = async (address: string) => {
      const response = await fetch(`${server.url}/api/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', 'x-forwarded-for': address },
        body: JSON.stringify({ nickname, password: 'pas le bon mot de passe' }),
      });
      return response.status;
    };
    const start = await lastSeq();
    const statuses = [];
    // Two tries per address: the third from the same address is refused, and so is the fourth.
    for (let i = 0; i < 4; i++) statuses.push(await attempt('198.51.100.21'));
    // A new address passes its own limit but meets the nickname's.
    statuses.push(await attempt('198.51.100.22'));
    expect(statuses).toEqual([401, 401, 429, 429, 429]);
    const logged = await since(start);
    expect(logged.map((e) => [e.actorKind, e.actorId, e.action, e.targetId, facts(e)])).toEqual([
      ['system', null, 'login.locked', null, { scope: 'address' }],
      ['system', null, 'login.locked', null, { scope: 'nickname' }],
    ]);
    await expectNoneOf(['198.51.100.21', '198.51.100.22', nickname, nicknameKey(nickname)]);
  });
});

describe('salon audit verify', () => {
  let dir: string;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'salon-cli-'));
    vi.stubEnv('SALON_DATABASE_URL', undefined);
    vi.stubEnv('SALON_DATA_DIR', undefined);
  });
  afterEach(() => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    rmSync(dir, { recursive: true, force: true });
  });

  async function run(config: string) {
    const out: string[] = [];
    vi.spyOn(console, 'log').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
    vi.spyOn(console, 'error').mockImplementation((...args: unknown[]) => void out.push(args.join(' ')));
    const code = await main(['audit', 'verify', '--config', config]);
    vi.restoreAllMocks();
    return { code, out: out.join('\n') };
  }

  it('[T8] reports an intact chain with exit 0, and the first broken entry with exit 1', async () => {
    const dataDir = join(dir, 'data');
    const config = join(dir, 'salon.yaml');
    writeFileSync(config, `storage:\n  dataDir: ${JSON.stringify(dataDir)}\n`);
    const missing = await run(config);
    expect(missing.code).toBe(1);
    expect(missing.out).toContain('no database');

    const store = await openStore({ sqlitePath: join(dataDir, 'salon.db') });
    const log = new AuditLog(store, new ManualClock());
    for (let i = 1; i <= 4; i++) await log.record(kick(i));
    await store.close();
    expect(await run(config)).toEqual({ code: 0, out: 'audit log: 4 entries, chain intact' });

    const raw = new SQLite(join(dataDir, 'salon.db'));
    raw.prepare('UPDATE audit_log SET details = ? WHERE seq = 2').run('{"roomId":"p_other"}');
    raw.close();
    expect(await run(config)).toEqual({
      code: 1,
      out: `audit log: broken at entry 2: ${AUDIT_BREAKS.hash}`,
    });
  });

  it('[T8] needs the verify subcommand', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await main(['audit'])).toBe(2);
    expect(await main(['audit', 'check'])).toBe(2);
  });
});
