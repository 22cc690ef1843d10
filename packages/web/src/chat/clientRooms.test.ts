import { describe, expect, it } from 'vitest';
import type { Member } from '@salon/protocol';
import { flush } from '../test/fakes.js';
import { bob, msg, setup } from '../test/chatHarness.js';

describe('ChatClient: rooms, messages, members', () => {
  it('[R1] lists rooms and keeps member counts live', async () => {
    const { client, connect } = setup();
    const socket = await connect();
    expect(client.getState().rooms.map((r) => r.id)).toEqual(['general', 'music']);
    socket.receive({ type: 'room.count', roomId: 'music', members: 7 });
    expect(client.getState().rooms.find((r) => r.id === 'music')?.members).toBe(7);
  });

  it('[R5] refuses empty and too long messages before sending', async () => {
    const { client, connect, answerJoin } = setup();
    const socket = await connect();
    client.joinRoom('general');
    await answerJoin(socket, 'general', []);
    expect(client.send('general', '   \n ')).toBe('TEXT_EMPTY');
    expect(client.send('general', 'é'.repeat(2001))).toBe('TEXT_TOO_LONG');
    expect(client.send('general', '😀'.repeat(2000))).toBeNull();
  });

  it('[R5] a message the server refuses is marked failed and can be retried', async () => {
    const { client, connect, answerJoin, room } = setup();
    const socket = await connect();
    client.joinRoom('general');
    await answerJoin(socket, 'general', []);
    client.send('general', 'vite');
    const first = socket.last('msg.send');
    socket.receive({
      type: 'error',
      id: first.id,
      code: 'RATE_LIMITED',
      message: 'slow down',
      retryAfterMs: 1000,
    });
    await flush();
    expect(room().pending[0]).toMatchObject({ status: 'failed', error: 'RATE_LIMITED' });
    client.retryPending('general', 'cid1');
    const again = socket.last('msg.send');
    expect(again.id).not.toBe(first.id);
    expect(again.cid).toBe('cid1');
  });

  it('[R6] counts unread messages in rooms not on screen and marks read when viewed', async () => {
    const { client, connect, answerJoin, room, clock } = setup();
    const socket = await connect();
    client.joinRoom('general');
    await answerJoin(socket, 'general', [msg(1)]);
    expect(socket.last('read')).toEqual({ type: 'read', roomId: 'general', seq: 1 });
    client.joinRoom('music');
    await answerJoin(socket, 'music', []);
    expect(client.getState().activeRoomId).toBe('music');
    socket.receive({ type: 'msg', message: msg(2) });
    socket.receive({ type: 'msg', message: msg(3) });
    socket.receive({ type: 'msg', message: msg(3) });
    socket.receive({ type: 'msg', message: msg(4, 'general', 'me') });
    expect(room().unread).toBe(2);
    expect(socket.ofType('read')).toHaveLength(1);
    clock.advance(1000);
    client.setActive('general');
    expect(room().unread).toBe(0);
    expect(socket.last('read')).toEqual({ type: 'read', roomId: 'general', seq: 4 });
    // At most one read per second while messages keep coming.
    socket.receive({ type: 'msg', message: msg(5) });
    socket.receive({ type: 'msg', message: msg(6) });
    expect(socket.ofType('read')).toHaveLength(2);
    clock.advance(1000);
    expect(socket.last('read')).toEqual({ type: 'read', roomId: 'general', seq: 6 });
    // Scrolled up: new messages count as unread again.
    client.setAtBottom(false);
    socket.receive({ type: 'msg', message: msg(7) });
    expect(room().unread).toBe(1);
  });

  it('[R6] shows who is typing for 5 s and sends typing at most every 3 s', async () => {
    const { client, connect, answerJoin, room, clock } = setup();
    const socket = await connect();
    client.joinRoom('general');
    await answerJoin(socket, 'general', []);
    socket.receive({ type: 'typing', roomId: 'general', userId: 'bob', nickname: 'Bob' });
    expect(room().typing).toEqual([{ userId: 'bob', nickname: 'Bob' }]);
    clock.advance(4999);
    expect(room().typing).toHaveLength(1);
    clock.advance(1);
    expect(room().typing).toHaveLength(0);
    socket.receive({ type: 'typing', roomId: 'general', userId: 'bob', nickname: 'Bob' });
    socket.receive({ type: 'msg', message: msg(1) });
    expect(room().typing).toHaveLength(0);

    client.typing('general');
    client.typing('general');
    clock.advance(2999);
    client.typing('general');
    expect(socket.ofType('typing')).toHaveLength(1);
    clock.advance(1);
    client.typing('general');
    expect(socket.ofType('typing')).toHaveLength(2);
  });

  it('[R6] loads older messages before the first one held', async () => {
    const { client, connect, answerJoin, room, seqs } = setup();
    const socket = await connect();
    client.joinRoom('general');
    await answerJoin(socket, 'general', [msg(51), msg(52)], { hasOlder: true });
    const firstIndex = room().firstIndex;
    const loading = client.loadOlder('general');
    const request = socket.last('history');
    expect(request).toMatchObject({ roomId: 'general', before: 51 });
    socket.receive({
      type: 'history',
      id: request.id,
      roomId: 'general',
      messages: [msg(49), msg(50)],
      hasOlder: false,
    });
    await loading;
    expect(seqs()).toEqual([49, 50, 51, 52]);
    expect(room().firstIndex).toBe(firstIndex - 2);
    expect(room().hasOlder).toBe(false);
  });

  it('[R4] keeps the member list and presence up to date', async () => {
    const { client, connect, answerJoin, room } = setup();
    const socket = await connect();
    client.joinRoom('general');
    await answerJoin(socket, 'general', []);
    const carol: Member = { ...bob, userId: 'carol', nickname: 'Carol', gender: 'nonbinary', region: 'idf' };
    socket.receive({ type: 'member.joined', roomId: 'general', member: carol });
    socket.receive({ type: 'presence', userId: 'bob', status: 'away' });
    expect(room().members.map((m) => [m.nickname, m.status])).toEqual([
      ['Bob', 'away'],
      ['Carol', 'online'],
    ]);
    socket.receive({ type: 'member.left', roomId: 'general', userId: 'bob' });
    expect(room().members.map((m) => m.nickname)).toEqual(['Carol']);
  });

  it('[R6] applies arrivals and departures that come in batches', async () => {
    const { client, connect, answerJoin, room } = setup();
    const socket = await connect();
    client.joinRoom('general');
    await answerJoin(socket, 'general', []);
    const dan: Member = { ...bob, userId: 'dan', nickname: 'Dan' };
    const eve: Member = { ...bob, userId: 'eve', nickname: 'Eve' };
    socket.receive({ type: 'members.joined', roomId: 'general', members: [dan, eve] });
    expect(room().members.map((m) => m.nickname)).toEqual(['Bob', 'Dan', 'Eve']);
    socket.receive({ type: 'members.left', roomId: 'general', userIds: ['bob', 'eve'] });
    expect(room().members.map((m) => m.nickname)).toEqual(['Dan']);
  });

  it('[R6] sends presence away when hidden, and again after a reconnect', async () => {
    const { client, connect, reconnect } = setup();
    const socket = await connect();
    client.setVisible(false);
    expect(socket.last('presence')).toEqual({ type: 'presence', status: 'away' });
    const next = await reconnect();
    expect(next.last('presence')).toEqual({ type: 'presence', status: 'away' });
  });

  it('leaving a room forgets it and tells the server', async () => {
    const { client, connect, answerJoin } = setup();
    const socket = await connect();
    client.joinRoom('general');
    await answerJoin(socket, 'general', []);
    client.leaveRoom('general');
    expect(client.getState().joined).toEqual({});
    expect(client.getState().activeRoomId).toBeNull();
    expect(socket.last('room.leave')).toMatchObject({ roomId: 'general' });
  });

  it('a refused join drops the room and tells the user why', async () => {
    const { client, connect } = setup();
    const socket = await connect();
    client.joinRoom('nowhere');
    socket.receive({ type: 'error', id: socket.last('room.join').id, code: 'ROOM_NOT_FOUND', message: 'no' });
    await flush();
    expect(client.getState().joined).toEqual({});
    expect(client.getState().notice?.code).toBe('ROOM_NOT_FOUND');
  });
});
