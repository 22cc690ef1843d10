import { createHash } from 'node:crypto';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { ManualClock } from '../clock.js';
import { auditHash, GENESIS_HASH, openStore, type Store } from '../store/index.js';
import { AuditLog, type AuditRecord } from './audit.js';

const refusal: AuditRecord = {
  actorKind: 'system',
  actorId: null,
  action: 'entry.age_refused',
  targetKind: null,
  targetId: null,
  details: { cooldownUntil: 1 },
};

describe('audit log service', () => {
  let store: Store;
  const clock = new ManualClock();

  beforeEach(async () => {
    store = await openStore({ sqlitePath: ':memory:' });
  });
  afterEach(async () => {
    await store.close();
  });

  it('[T8] hashes the canonical JSON array of the fields, chained from 64 zeros', async () => {
    const entry = await new AuditLog(store, clock).record({
      actorKind: 'user',
      actorId: 'u_1',
      action: 'room.kick',
      targetKind: 'user',
      targetId: 'u_2',
      details: { roomId: 'p_1' },
    });
    const canonical = `[1,${clock.now()},"user","u_1","room.kick","user","u_2","{\\"roomId\\":\\"p_1\\"}","${'0'.repeat(64)}"]`;
    expect(entry.prevHash).toBe(GENESIS_HASH);
    expect(entry.hash).toBe(createHash('sha256').update(canonical, 'utf8').digest('hex'));
    expect(auditHash(entry)).toBe(entry.hash);
  });

  it('[T8] stores details with sorted keys and without undefined values, stamped by the clock', async () => {
    const log = new AuditLog(store, clock);
    clock.advance(1234);
    const entry = await log.record({
      ...refusal,
      details: { zeta: 1, alpha: 'a', minutes: undefined, none: null },
    });
    expect(entry.details).toBe('{"alpha":"a","none":null,"zeta":1}');
    expect(entry.at).toBe(clock.now());
  });

  it('[T8] refuses an actor id for the system and a missing one for a user', async () => {
    const log = new AuditLog(store, clock);
    await expect(log.record({ ...refusal, actorId: 'u_1' })).rejects.toThrow(/actor id/);
    await expect(log.record({ ...refusal, actorKind: 'user', actorId: null })).rejects.toThrow(/actor id/);
    expect(await store.audit.count()).toBe(0);
  });

  it('[T8] verifies across page boundaries, including an exact multiple of the page size', async () => {
    const log = new AuditLog(store, clock, 2);
    expect(await log.verify()).toEqual({ ok: true, count: 0 });
    for (let i = 1; i <= 5; i++) {
      await log.record(refusal);
      expect(await log.verify()).toEqual({ ok: true, count: i });
    }
  });

  it('[T8] a failed append rejects the record, and later records still go through', async () => {
    const log = new AuditLog(store, clock);
    vi.spyOn(store.audit, 'append').mockRejectedValueOnce(new Error('disk full'));
    await expect(log.record(refusal)).rejects.toThrow('disk full');
    expect((await log.record(refusal)).seq).toBe(1);
    expect(await log.verify()).toEqual({ ok: true, count: 1 });
  });
});
