import { describe, expect, it } from 'vitest';
import type { Member } from '@salon/protocol';
import { flush } from '../test/fakes.js';
import { bob, setup } from '../test/chatHarness.js';
import type { FakeSocket } from '../test/fakes.js';
import { secret } from '../test/directFixtures.js';

const owner: Member = { ...bob, userId: 'me', nickname: 'Alice', gender: 'woman', role: 'owner' };

async function answerJoined(socket: FakeSocket, id: string, members: Member[] = [owner]) {
  socket.receive({
    type: 'room.joined',
    id,
    room: secret,
    members,
    messages: [],
    hasOlder: false,
    reset: false,
    unread: 0,
    lastReadSeq: 0,
  });
  await flush();
}

describe('ChatClient: private rooms (R2, R3)', () => {
  it('[R2] creates a private room, joins it and lists it among mine', async () => {
    const { client, connect } = setup();
    const socket = await connect();
    expect(await client.createRoom(' x ')).toBe('NAME_INVALID');
    expect(await client.createRoom('y'.repeat(41))).toBe('NAME_INVALID');
    expect(socket.ofType('room.create')).toHaveLength(0);

    const creating = client.createRoom('  Entre nous ', ' ');
    const create = socket.last('room.create');
    expect(create).toEqual({ type: 'room.create', id: create.id, name: 'Entre nous' });
    socket.receive({ type: 'room.created', id: create.id, room: secret });
    expect(await creating).toBeNull();
    expect(client.getState().mine).toEqual([secret]);
    expect(client.getState().activeRoomId).toBe('p1');
    await answerJoined(socket, socket.last('room.join').id);
    expect(client.getState().joined.p1?.phase).toBe('joined');
  });

  it('[R2] a refused name is given back to the form', async () => {
    const { client, connect } = setup();
    const socket = await connect();
    const creating = client.createRoom('Lolita');
    socket.receive({
      type: 'error',
      id: socket.last('room.create').id,
      code: 'NAME_FORBIDDEN',
      message: 'no',
    });
    expect(await creating).toBe('NAME_FORBIDDEN');
    expect(client.getState().mine).toEqual([]);
  });

  it('[R2] joins through an invite link; a revoked link is refused with INVITE_INVALID', async () => {
    const { client, connect } = setup();
    const socket = await connect();
    const refused = client.joinByLink('revoked');
    socket.receive({
      type: 'error',
      id: socket.last('room.join.link').id,
      code: 'INVITE_INVALID',
      message: 'x',
    });
    expect(await refused).toBe(false);
    expect(client.getState().notice?.code).toBe('INVITE_INVALID');
    expect(client.getState().mine).toEqual([]);
    expect(client.getState().joined).toEqual({});

    const joining = client.joinByLink('tok3n');
    expect(socket.last('room.join.link')).toMatchObject({ token: 'tok3n' });
    await answerJoined(socket, socket.last('room.join.link').id, [{ ...owner, role: 'member' }]);
    expect(await joining).toBe(true);
    const state = client.getState();
    expect(state.activeRoomId).toBe('p1');
    expect(state.joined.p1?.info?.kind).toBe('private');
    expect(state.mine.map((r) => r.id)).toEqual(['p1']);
  });

  it('[R2] an invitation shows until joined or dismissed; Join sends room.join', async () => {
    const { client, connect } = setup();
    const socket = await connect();
    socket.receive({ type: 'room.invited', room: secret, by: 'Bob' });
    expect(client.getState().invites).toEqual([{ room: secret, by: 'Bob' }]);
    client.acceptInvite('p1');
    expect(client.getState().invites).toEqual([]);
    expect(socket.last('room.join')).toMatchObject({ roomId: 'p1' });
    socket.receive({ type: 'room.invited', room: { ...secret, id: 'p2' }, by: 'Bob' });
    client.dismissInvite('p2');
    expect(client.getState().invites).toEqual([]);
  });

  it('[R3] roles and mutes follow member.updated; a kicked member loses the room and is told why', async () => {
    const { client, connect } = setup();
    const socket = await connect({ mine: [secret] });
    client.joinRoom('p1');
    await answerJoined(socket, socket.last('room.join').id, [{ ...owner, role: 'member' }, bob]);
    socket.receive({ type: 'member.updated', roomId: 'p1', member: { ...bob, role: 'moderator' } });
    socket.receive({
      type: 'member.updated',
      roomId: 'p1',
      member: { ...owner, role: 'member', mutedUntil: 99 },
    });
    const members = client.getState().joined.p1!.members;
    expect(members.map((m) => [m.userId, m.role, m.mutedUntil])).toEqual([
      ['me', 'member', 99],
      ['bob', 'moderator', null],
    ]);
    socket.receive({ type: 'room.removed', roomId: 'p1', reason: 'banned', until: 123 });
    const state = client.getState();
    expect(state.joined.p1).toBeUndefined();
    expect(state.mine).toEqual([]);
    expect(state.removal).toMatchObject({ roomId: 'p1', name: 'Entre nous', reason: 'banned', until: 123 });
  });

  it('[R3] moderation, links and keep are plain requests; keep updates the room at once', async () => {
    const { client, connect } = setup();
    const socket = await connect({ mine: [secret] });
    client.joinRoom('p1');
    await answerJoined(socket, socket.last('room.join').id, [owner, bob]);
    void client.moderate('p1', 'bob', 'mute', 15);
    expect(socket.last('room.moderate')).toMatchObject({ userId: 'bob', action: 'mute', minutes: 15 });
    void client.moderate('p1', 'bob', 'kick');
    expect(socket.last('room.moderate')).not.toHaveProperty('minutes');
    const link = client.createLink('p1');
    const create = socket.last('room.link.create');
    socket.receive({ type: 'room.link', id: create.id, roomId: 'p1', linkId: 'l1', token: 'secret-token' });
    expect(await link).toEqual({ linkId: 'l1', token: 'secret-token' });
    const keeping = client.setKeep('p1', true);
    socket.receive({ type: 'ok', id: socket.last('room.keep').id });
    expect(await keeping).toBe(true);
    expect(client.getState().joined.p1?.info?.keep).toBe(true);
    expect(client.getState().mine[0]?.keep).toBe(true);
    // A refusal is told to the user.
    const revoking = client.revokeLink('p1', 'l1');
    socket.receive({
      type: 'error',
      id: socket.last('room.link.revoke').id,
      code: 'FORBIDDEN',
      message: 'no',
    });
    expect(await revoking).toBe(false);
    expect(client.getState().notice?.code).toBe('FORBIDDEN');
  });
  it('[R3] a ban made here can be lifted (unban) from the room menu list', async () => {
    const { client, connect } = setup();
    const socket = await connect({ mine: [secret] });
    client.joinRoom('p1');
    await answerJoined(socket, socket.last('room.join').id, [owner, bob]);
    const banning = client.moderate('p1', 'bob', 'ban');
    socket.receive({ type: 'ok', id: socket.last('room.moderate').id });
    expect(await banning).toBe(true);
    expect(client.getState().bans.p1).toEqual([{ userId: 'bob', nickname: 'Bob' }]);
    const lifting = client.moderate('p1', 'bob', 'unban');
    expect(socket.last('room.moderate')).toMatchObject({ userId: 'bob', action: 'unban' });
    socket.receive({ type: 'ok', id: socket.last('room.moderate').id });
    await lifting;
    expect(client.getState().bans.p1).toEqual([]);
  });
});
