import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { auditHash, GENESIS_HASH, type NewAuditEntry, type Store } from '../src/store/index.js';
import { TEST_DATABASES } from './support/databases.js';

const NOW = 1_700_000_000_000;

function session(id: string, overrides: Partial<Parameters<Store['sessions']['create']>[0]> = {}) {
  return {
    id,
    token_hash: `hash-${id}`,
    device_hash: `device-${id}`,
    nickname: `Nick${id}`,
    nickname_key: `nick${id}`,
    age: 30,
    gender: 'woman',
    region: null,
    created_at: NOW,
    seen_at: NOW,
    expires_at: NOW + 1000,
    ended_at: null,
    contact_policy: null,
    ...overrides,
  };
}

describe.each(TEST_DATABASES)('store contract on $name', (database) => {
  let store: Store;
  let drop: () => Promise<void>;

  beforeEach(async () => {
    const opened = await database.open();
    store = opened.store;
    drop = opened.drop;
    await store.rooms.syncPublic(
      [
        { id: 'general', name: 'Général', topic: 'tout', adult: false },
        { id: 'adultes', name: 'Adultes', topic: '', adult: true },
      ],
      NOW,
    );
  });
  afterEach(async () => {
    await drop();
  });

  it('[E2] finds a session by token hash only while it is live', async () => {
    await store.sessions.create(session('a'));
    expect((await store.sessions.byTokenHash('hash-a', NOW))?.nickname).toBe('Nicka');
    expect(await store.sessions.byTokenHash('hash-a', NOW + 1000)).toBeNull();
    await store.sessions.touch('a', NOW + 500, NOW + 5000);
    expect((await store.sessions.byTokenHash('hash-a', NOW + 1000))?.seen_at).toBe(NOW + 500);
    await store.sessions.end('a', NOW + 600);
    expect(await store.sessions.byTokenHash('hash-a', NOW + 700)).toBeNull();
    expect(await store.sessions.byTokenHash('nope', NOW)).toBeNull();
  });

  it('[E3] keeps the latest refusal per key and forgets expired ones', async () => {
    await store.refusals.refuse(['device:x', 'address:y'], NOW + 100);
    expect(await store.refusals.activeUntil(['device:x'], NOW)).toBe(NOW + 100);
    expect(await store.refusals.activeUntil(['device:other', 'address:y'], NOW)).toBe(NOW + 100);
    await store.refusals.refuse(['device:x'], NOW + 50);
    expect(await store.refusals.activeUntil(['device:x'], NOW)).toBe(NOW + 100);
    await store.refusals.refuse(['device:x'], NOW + 300);
    expect(await store.refusals.activeUntil(['device:x'], NOW)).toBe(NOW + 300);
    expect(await store.refusals.activeUntil(['address:y'], NOW + 100)).toBeNull();
    expect(await store.refusals.activeUntil([], NOW)).toBeNull();
  });

  it('[R1] syncs operator rooms and keeps their sequence', async () => {
    const room = await store.rooms.get('adultes');
    expect(room).toMatchObject({ name: 'Adultes', adult: true, lastSeq: 0 });
    await store.messages.append({
      roomId: 'adultes',
      authorId: 'a',
      nickname: 'A',
      text: 'x',
      cid: '1',
      at: NOW,
    });
    await store.rooms.syncPublic([{ id: 'adultes', name: 'Adultes+', topic: 't', adult: true }], NOW);
    expect(await store.rooms.get('adultes')).toMatchObject({ name: 'Adultes+', topic: 't', lastSeq: 1 });
    expect(await store.rooms.get('missing')).toBeNull();
  });

  it('[R7] numbers messages per room densely and stores a resent cid once', async () => {
    const sent = [];
    for (let i = 0; i < 5; i++) {
      sent.push(
        await store.messages.append({
          roomId: 'general',
          authorId: 'a',
          nickname: 'A',
          text: `m${i}`,
          cid: `c${i}`,
          at: NOW + i,
        }),
      );
    }
    expect(sent.map((s) => s.message.seq)).toEqual([1, 2, 3, 4, 5]);
    const again = await store.messages.append({
      roomId: 'general',
      authorId: 'a',
      nickname: 'A',
      text: 'm2 again',
      cid: 'c2',
      at: NOW + 9,
    });
    expect(again).toMatchObject({ duplicate: true, message: { seq: 3, text: 'm2' } });
    const other = await store.messages.append({
      roomId: 'adultes',
      authorId: 'a',
      nickname: 'A',
      text: 'x',
      cid: 'z',
      at: NOW,
    });
    expect(other.message.seq).toBe(1);
    expect(await store.rooms.lastSeq('general')).toBe(5);
  });

  it('[R7] stores concurrent sends with distinct consecutive seqs', async () => {
    const results = await Promise.all(
      Array.from({ length: 20 }, (_, i) =>
        store.messages.append({
          roomId: 'general',
          authorId: `u${i % 3}`,
          nickname: 'U',
          text: `t${i}`,
          cid: `k${i}`,
          at: NOW,
        }),
      ),
    );
    const seqs = results.map((r) => r.message.seq).sort((a, b) => a - b);
    expect(seqs).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  it('[R6] pages history: latest, before and after, ascending', async () => {
    for (let i = 1; i <= 12; i++) {
      await store.messages.append({
        roomId: 'general',
        authorId: 'a',
        nickname: 'A',
        text: `m${i}`,
        cid: `c${i}`,
        at: NOW + i,
      });
    }
    expect((await store.messages.latest('general', 5)).map((m) => m.seq)).toEqual([8, 9, 10, 11, 12]);
    expect((await store.messages.before('general', 8, 3)).map((m) => m.seq)).toEqual([5, 6, 7]);
    expect((await store.messages.after('general', 9, 10)).map((m) => m.seq)).toEqual([10, 11, 12]);
    expect((await store.messages.after('general', 2, 2)).map((m) => m.seq)).toEqual([3, 4]);
    expect(await store.messages.hasBefore('general', 2)).toBe(true);
    expect(await store.messages.hasBefore('general', 1)).toBe(false);
    const [first] = await store.messages.latest('general', 1);
    expect(first).toEqual({
      roomId: 'general',
      seq: 12,
      authorId: 'a',
      nickname: 'A',
      text: 'm12',
      at: NOW + 12,
    });
  });

  it('[R6] moves read marks forward only', async () => {
    expect(await store.reads.get('a', 'general')).toBeNull();
    await store.reads.mark('a', 'general', 5);
    await store.reads.mark('a', 'general', 3);
    expect(await store.reads.get('a', 'general')).toBe(5);
    await store.reads.mark('a', 'general', 9);
    expect(await store.reads.get('a', 'general')).toBe(9);
    expect(await store.reads.get('b', 'general')).toBeNull();
  });

  it('keeps text exactly, including HTML and emoji', async () => {
    const text = '<script>alert(1)</script> 😀 é\u0301 \t\n';
    await store.messages.append({ roomId: 'general', authorId: 'a', nickname: 'A', text, cid: 'x', at: NOW });
    expect((await store.messages.latest('general', 1))[0]?.text).toBe(text);
  });

  it('creates a setting once and then keeps it', async () => {
    expect(await store.settings.getOrCreate('secret', () => 'first')).toBe('first');
    expect(await store.settings.getOrCreate('secret', () => 'second')).toBe('first');
  });

  it('[R2][R3] keeps private-room members, bans, links and invitations', async () => {
    await store.rooms.create({
      id: 'p_1',
      kind: 'private',
      name: 'Privé',
      topic: '',
      ownerId: 'a',
      now: NOW,
    });
    expect(await store.rooms.get('p_1')).toMatchObject({
      kind: 'private',
      ownerId: 'a',
      keep: false,
      emptySince: NOW,
    });
    await store.members.add({
      room_id: 'p_1',
      session_id: 'a',
      role: 'owner',
      muted_until: null,
      joined_at: NOW,
    });
    await store.members.add({
      room_id: 'p_1',
      session_id: 'b',
      role: 'member',
      muted_until: null,
      joined_at: NOW,
    });
    await store.members.update('p_1', 'b', { role: 'moderator', muted_until: NOW + 10 });
    expect(await store.members.get('p_1', 'b')).toMatchObject({ role: 'moderator', muted_until: NOW + 10 });
    expect((await store.members.list('p_1')).map((m) => m.session_id).sort()).toEqual(['a', 'b']);
    expect(await store.members.roomsOf('b')).toEqual(['p_1']);
    await store.members.ban('p_1', 'c', NOW + 100, NOW);
    expect(await store.members.activeBan('p_1', 'c', NOW)).toEqual({ until: NOW + 100 });
    expect(await store.members.activeBan('p_1', 'c', NOW + 100)).toBeNull();
    await store.members.ban('p_1', 'd', null, NOW);
    expect(await store.members.activeBan('p_1', 'd', NOW + 1e9)).toEqual({ until: null });
    await store.members.createLink({
      linkId: 'l1',
      roomId: 'p_1',
      tokenHash: 'h1',
      createdBy: 'a',
      now: NOW,
    });
    expect(await store.members.roomForLink('h1')).toBe('p_1');
    expect(await store.members.revokeLink('p_1', 'l1', NOW)).toBe(true);
    expect(await store.members.revokeLink('p_1', 'l1', NOW)).toBe(false);
    expect(await store.members.roomForLink('h1')).toBeNull();
    await store.members.invite('p_1', 'e', 'a', NOW);
    expect(await store.members.takeInvitation('p_1', 'e')).toBe(true);
    expect(await store.members.takeInvitation('p_1', 'e')).toBe(false);
    await store.rooms.update('p_1', { emptySince: NOW });
    expect(await store.rooms.abandoned(NOW)).toEqual(['p_1']);
    await store.rooms.update('p_1', { keep: true });
    expect(await store.rooms.abandoned(NOW)).toEqual([]);
    await store.rooms.delete('p_1');
    expect(await store.rooms.get('p_1')).toBeNull();
    expect(await store.members.list('p_1')).toEqual([]);
  });

  it('[P1] keeps one conversation per pair, with its state and request count', async () => {
    await store.rooms.create({ id: 'd_1', kind: 'direct', name: '', topic: '', ownerId: null, now: NOW });
    const created = await store.conversations.create({
      id: 'd_1',
      requesterId: 'zed',
      otherId: 'amy',
      now: NOW,
    });
    expect(created).toMatchObject({
      user_low: 'amy',
      user_high: 'zed',
      requester_id: 'zed',
      state: 'pending',
      request_count: 0,
    });
    expect((await store.conversations.between('amy', 'zed'))?.id).toBe('d_1');
    await store.conversations.countRequestMessage('d_1', NOW + 1);
    await store.conversations.setState('d_1', 'accepted', NOW + 2);
    expect(await store.conversations.get('d_1')).toMatchObject({
      state: 'accepted',
      request_count: 1,
      updated_at: NOW + 2,
    });
    expect((await store.conversations.of('amy')).map((c) => c.id)).toEqual(['d_1']);
    expect(await store.conversations.of('bob')).toEqual([]);
  });

  it('[P3] keeps blocks with nicknames; [E5] keeps one registration per nickname and user', async () => {
    await store.sessions.create(session('x'));
    await store.blocks.block('a', 'x', NOW);
    await store.blocks.block('a', 'x', NOW);
    expect(await store.blocks.list('a')).toEqual([{ userId: 'x', nickname: 'Nickx' }]);
    expect(await store.blocks.blockedBy('a')).toEqual(['x']);
    await store.blocks.unblock('a', 'x');
    expect(await store.blocks.blockedBy('a')).toEqual([]);
    const row = { nickname_key: 'nick', user_id: 'x', password_hash: '$argon2id$…', created_at: NOW };
    expect(await store.registrations.create(row)).toBe(true);
    expect(await store.registrations.create({ ...row, user_id: 'y' })).toBe(false);
    expect((await store.registrations.byKey('nick'))?.user_id).toBe('x');
    expect((await store.registrations.byUser('x'))?.nickname_key).toBe('nick');
    await store.sessions.rotateToken('x', 'new-hash', NOW + 5, NOW + 500);
    expect((await store.sessions.byTokenHash('new-hash', NOW + 6))?.id).toBe('x');
    await store.sessions.setContactPolicy('x', '{"mode":"nobody"}');
    expect((await store.sessions.byId('x'))?.contact_policy).toBe('{"mode":"nobody"}');
  });

  it('[T8] appends audit entries densely from 1, each chained to the hash of the one before, even at once', async () => {
    expect(await store.audit.last()).toBeNull();
    expect(await store.audit.count()).toBe(0);
    const entry = (i: number): NewAuditEntry => ({
      at: NOW + i,
      actorKind: 'system',
      actorId: null,
      action: 'entry.age_refused',
      targetKind: null,
      targetId: null,
      details: JSON.stringify({ cooldownUntil: NOW + i, note: 'é "quoted" 🙂' }),
    });
    const first = await store.audit.append(entry(0));
    expect(first).toMatchObject({ seq: 1, prevHash: GENESIS_HASH });
    expect(first.hash).toMatch(/^[0-9a-f]{64}$/);
    const second = await store.audit.append({
      at: NOW + 1,
      actorKind: 'user',
      actorId: 'u_owner',
      action: 'room.ban',
      targetKind: 'user',
      targetId: 'u_member',
      details: '{"minutes":60,"roomId":"p_x"}',
    });
    expect(second).toMatchObject({ seq: 2, prevHash: first.hash });
    // Straight to the repository, without the service's queue: still distinct seqs and one chain.
    await Promise.all(Array.from({ length: 6 }, (_, i) => store.audit.append(entry(10 + i))));
    expect(await store.audit.count()).toBe(8);
    const all = await store.audit.range(1, 100);
    expect(all.map((e) => e.seq)).toEqual([1, 2, 3, 4, 5, 6, 7, 8]);
    all.forEach((e, i) => {
      expect(e.hash).toBe(auditHash(e));
      expect(e.prevHash).toBe(i === 0 ? GENESIS_HASH : all[i - 1]!.hash);
    });
    expect(all[0]).toEqual(first);
    expect(all[1]).toEqual(second);
    expect(await store.audit.last()).toEqual(all[7]);
    expect((await store.audit.range(3, 2)).map((e) => e.seq)).toEqual([3, 4]);
    expect(await store.audit.range(9, 10)).toEqual([]);
  });

  it('answers ping', async () => {
    expect(await store.ping()).toBe(true);
  });
});
