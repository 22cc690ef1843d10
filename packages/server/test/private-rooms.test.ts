import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage, ServerMessageOf } from '@salon/protocol';
import { ManualClock } from '../src/clock.js';
import { newUser, startServer, type TestServer, type TestUser, moderate } from './support/server.js';
import { TEST_DATABASES } from './support/databases.js';

type Reply<T extends ServerMessage['type']> = ServerMessageOf<T>;

describe.each(TEST_DATABASES)('private rooms on $name', (database) => {
  let server: TestServer;
  let drop: () => Promise<void>;
  const clock = new ManualClock(Date.now());

  beforeAll(async () => {
    const opened = await database.open();
    drop = opened.drop;
    server = await startServer({ chat: { privateRoomEmptyDelay: '10m' } }, { store: opened.store, clock });
  });
  afterAll(async () => {
    await server.close();
    await drop();
  });

  async function create(owner: TestUser, name = 'Les amis') {
    const reply = await owner.client.request({ type: 'room.create', id: owner.client.nextId(), name });
    if (reply.type !== 'room.created') throw new Error(JSON.stringify(reply));
    return reply.room;
  }

  async function link(owner: TestUser, roomId: string) {
    return (await owner.client.request({
      type: 'room.link.create',
      id: owner.client.nextId(),
      roomId,
    })) as Reply<'room.link'>;
  }

  it('[R2] a private room never appears in the public list and is listed to its members only', async () => {
    const owner = await newUser(server);
    const stranger = await newUser(server);
    const room = await create(owner);
    expect(room).toMatchObject({ kind: 'private', name: 'Les amis', keep: false });
    const mine = (await owner.client.request({ type: 'rooms.list', id: 'l' })) as Reply<'rooms'>;
    expect(mine.mine.map((r) => r.id)).toEqual([room.id]);
    expect(mine.rooms.some((r) => r.id === room.id)).toBe(false);
    const theirs = (await stranger.client.request({ type: 'rooms.list', id: 'l' })) as Reply<'rooms'>;
    expect(theirs.mine).toEqual([]);
    const http = (await (await fetch(`${server.url}/api/rooms`)).json()) as { rooms: { id: string }[] };
    expect(http.rooms.some((r) => r.id === room.id)).toBe(false);
  });

  it('[R2] a link of at least 128 random bits lets a user in; a revoked or wrong link looks like none', async () => {
    const owner = await newUser(server);
    const guest = await newUser(server);
    const late = await newUser(server);
    const room = await create(owner);
    await owner.client.join(room.id);
    const made = await link(owner, room.id);
    expect(Buffer.from(made.token, 'base64url').length * 8).toBeGreaterThanOrEqual(128);
    const joined = await guest.client.request({ type: 'room.join.link', id: 'j', token: made.token });
    expect(joined).toMatchObject({ type: 'room.joined', room: { id: room.id, kind: 'private' } });
    const said = await guest.client.say(room.id, 'merci pour le lien');
    expect(said.type).toBe('msg.ack');
    const links = (await owner.client.request({
      type: 'room.link.list',
      id: 'x',
      roomId: room.id,
    })) as Reply<'room.links'>;
    expect(links.links.map((l) => l.linkId)).toEqual([made.linkId]);
    expect(JSON.stringify(links)).not.toContain(made.token);
    expect(
      await owner.client.request({ type: 'room.link.revoke', id: 'r', roomId: room.id, linkId: made.linkId }),
    ).toMatchObject({
      type: 'ok',
    });
    const revoked = await late.client.request({ type: 'room.join.link', id: 'j2', token: made.token });
    const wrong = await late.client.request({ type: 'room.join.link', id: 'j3', token: 'A'.repeat(32) });
    expect(revoked).toMatchObject({ type: 'error', code: 'INVITE_INVALID' });
    expect({ ...wrong, id: 'j2' }).toEqual(revoked);
    // The earlier guest is still a member.
    expect((await guest.client.say(room.id, 'toujours là')).type).toBe('msg.ack');
  });

  it('[R2] an invitation to a connected user lets them join without a link', async () => {
    const owner = await newUser(server);
    const friend = await newUser(server);
    const room = await create(owner, 'Invités');
    const notice = friend.client.waitFor((m) => m.type === 'room.invited');
    expect(
      await owner.client.request({ type: 'room.invite', id: 'i', roomId: room.id, userId: friend.userId }),
    ).toMatchObject({
      type: 'ok',
    });
    expect(await notice).toMatchObject({ room: { id: room.id, name: 'Invités' }, by: owner.nickname });
    expect((await friend.client.join(room.id)).room.id).toBe(room.id);
  });

  it('[R2] non-members learn nothing about a private room, whatever they try', async () => {
    const owner = await newUser(server);
    const outsider = await newUser(server);
    const room = await create(owner, 'Secret');
    await owner.client.join(room.id);
    await owner.client.say(room.id, 'confidentiel');
    const c = outsider.client;
    const tries = [
      { type: 'room.join', id: 't1', roomId: room.id },
      { type: 'history', id: 't2', roomId: room.id, before: 100 },
      { type: 'msg.send', id: 't3', roomId: room.id, cid: 'x', text: 'hi' },
      { type: 'room.leave', id: 't4', roomId: room.id },
      { type: 'room.link.create', id: 't5', roomId: room.id },
      { type: 'room.link.list', id: 't6', roomId: room.id },
      { type: 'room.link.revoke', id: 't7', roomId: room.id, linkId: 'abc' },
      { type: 'room.invite', id: 't8', roomId: room.id, userId: outsider.userId },
      { type: 'room.moderate', id: 't9', roomId: room.id, userId: owner.userId, action: 'kick' },
      { type: 'room.keep', id: 't10', roomId: room.id, keep: true },
      { type: 'typing', roomId: room.id },
      { type: 'read', roomId: room.id, seq: 1 },
    ] as const;
    for (const attempt of tries) {
      c.frames.length = 0;
      c.send(attempt);
      await c.request({ type: 'ping', id: `p-${attempt.type}` });
      const answers = c.frames.filter((m) => m.type !== 'pong' && m.type !== 'room.count');
      // Every attempt fails with the same answer as for a room that does not exist.
      const ghost = JSON.stringify({ ...attempt, roomId: 'p_doesnotexist' });
      c.frames.length = 0;
      c.sendRaw(ghost);
      await c.request({ type: 'ping', id: `q-${attempt.type}` });
      const ghostAnswers = c.frames.filter((m) => m.type !== 'pong' && m.type !== 'room.count');
      expect(answers, attempt.type).toEqual(ghostAnswers);
      expect(JSON.stringify(answers)).not.toMatch(/confidentiel|Secret|owner/);
    }
  });

  it('[R3] the owner and appointed moderators kick, mute and ban; moderators cannot touch moderators', async () => {
    const owner = await newUser(server);
    const mod = await newUser(server);
    const member = await newUser(server);
    const other = await newUser(server);
    const room = await create(owner, 'Bonne ambiance');
    const made = await link(owner, room.id);
    for (const user of [mod, member, other])
      await user.client.request({ type: 'room.join.link', id: 'j', token: made.token });
    await owner.client.join(room.id);
    expect(await moderate(member, room.id, other.userId, 'kick')).toMatchObject({ code: 'FORBIDDEN' });
    expect(await moderate(owner, room.id, mod.userId, 'promote')).toMatchObject({ type: 'ok' });
    expect(await moderate(mod, room.id, owner.userId, 'kick')).toMatchObject({ code: 'FORBIDDEN' });
    expect(await moderate(mod, room.id, member.userId, 'promote')).toMatchObject({ code: 'FORBIDDEN' });

    // Mute for 5 minutes: sending is refused until it ends.
    const updated = owner.client.waitFor(
      (m) => m.type === 'member.updated' && m.member.userId === member.userId,
    );
    expect(await moderate(mod, room.id, member.userId, 'mute', 5)).toMatchObject({ type: 'ok' });
    expect(((await updated) as Reply<'member.updated'>).member.mutedUntil).toBe(clock.now() + 5 * 60_000);
    expect(await member.client.say(room.id, 'chut')).toMatchObject({ type: 'error', code: 'MUTED' });
    clock.advance(5 * 60_000 + 1);
    expect((await member.client.say(room.id, 'de retour')).type).toBe('msg.ack');

    // Kick: out of the room, told why, and needs a new way in.
    const kicked = other.client.waitFor((m) => m.type === 'room.removed');
    expect(await moderate(mod, room.id, other.userId, 'kick')).toMatchObject({ type: 'ok' });
    expect(await kicked).toMatchObject({ roomId: room.id, reason: 'kicked' });
    expect(await other.client.say(room.id, 'encore ?')).toMatchObject({ code: 'ROOM_NOT_FOUND' });

    // Ban for a day: even a valid link is refused until it ends or is lifted.
    const banned = member.client.waitFor((m) => m.type === 'room.removed');
    expect(await moderate(owner, room.id, member.userId, 'ban', 60 * 24)).toMatchObject({ type: 'ok' });
    expect(await banned).toMatchObject({ reason: 'banned', until: clock.now() + 86_400_000 });
    expect(await member.client.request({ type: 'room.join.link', id: 'b', token: made.token })).toMatchObject(
      { code: 'BANNED' },
    );
    expect(await moderate(owner, room.id, member.userId, 'unban')).toMatchObject({ type: 'ok' });
    expect(
      await member.client.request({ type: 'room.join.link', id: 'b2', token: made.token }),
    ).toMatchObject({ type: 'room.joined' });
  });

  it('[R3] ownership can be handed over', async () => {
    const owner = await newUser(server);
    const heir = await newUser(server);
    const room = await create(owner, 'Héritage');
    await heir.client.request({ type: 'room.join.link', id: 'j', token: (await link(owner, room.id)).token });
    expect(await moderate(owner, room.id, heir.userId, 'transfer')).toMatchObject({ type: 'ok' });
    expect(
      await heir.client.request({ type: 'room.keep', id: 'k', roomId: room.id, keep: true }),
    ).toMatchObject({ type: 'ok' });
    expect(
      await owner.client.request({ type: 'room.keep', id: 'k', roomId: room.id, keep: false }),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await moderate(heir, room.id, owner.userId, 'demote')).toMatchObject({ type: 'ok' });
  });

  it('[R2] an empty room disappears after the delay unless the owner kept it', async () => {
    const owner = await newUser(server);
    const gone = await create(owner, 'Éphémère');
    const kept = await create(owner, 'Permanent');
    await owner.client.request({ type: 'room.keep', id: 'k', roomId: kept.id, keep: true });
    await owner.client.join(gone.id);
    await owner.client.say(gone.id, 'bientôt parti');
    await owner.client.request({ type: 'room.leave', id: 'l', roomId: gone.id });
    await new Promise((resolve) => setTimeout(resolve, 20));
    expect(await server.app.services.privateRooms.sweep()).not.toContain(gone.id);
    clock.advance(11 * 60_000);
    const told = owner.client.waitFor((m) => m.type === 'room.removed' && m.roomId === gone.id);
    const swept = await server.app.services.privateRooms.sweep();
    expect(await told).toMatchObject({ reason: 'deleted' });
    expect(swept).toContain(gone.id);
    expect(swept).not.toContain(kept.id);
    expect(await owner.client.join(kept.id)).toMatchObject({ room: { id: kept.id, keep: true } });
    expect(await owner.client.request({ type: 'room.join', id: 'g', roomId: gone.id })).toMatchObject({
      code: 'ROOM_NOT_FOUND',
    });
    expect(await server.app.store.messages.latest(gone.id, 10)).toEqual([]);
  });

  it('[R2] a private room’s live count reaches its members only', async () => {
    const owner = await newUser(server);
    const outsider = await newUser(server);
    const room = await create(owner, 'Discret');
    await owner.client.join(room.id);
    await owner.client.request({ type: 'room.leave', id: 'l', roomId: room.id });
    await owner.client.join(room.id);
    await outsider.client.request({ type: 'ping', id: 'p' });
    expect(owner.client.frames.some((m) => m.type === 'room.count' && m.roomId === room.id)).toBe(true);
    expect(JSON.stringify(outsider.client.frames)).not.toContain(room.id);
  });

  it('[T5] limits how many private rooms a user creates', async () => {
    const busy = await newUser(server);
    const results = [];
    for (let i = 0; i < 6; i++)
      results.push(await busy.client.request({ type: 'room.create', id: `c${i}`, name: `Salle ${i}` }));
    expect(results.slice(0, 5).every((r) => r.type === 'room.created')).toBe(true);
    expect(results[5]).toMatchObject({ type: 'error', code: 'RATE_LIMITED' });
  });

  it('[R2][E4] room names are checked and pass the word filter', async () => {
    const owner = await newUser(server);
    for (const [name, code] of [
      ['x', 'NAME_INVALID'],
      ['y'.repeat(41), 'NAME_INVALID'],
      ['l0lita land', 'NAME_FORBIDDEN'],
    ] as const) {
      expect(await owner.client.request({ type: 'room.create', id: 'c', name })).toMatchObject({ code });
    }
  });
});
