import { describe, expect, it } from 'vitest';
import { flush } from '../test/fakes.js';
import { msg, setup } from '../test/chatHarness.js';

describe('ChatClient: reconnect (R7)', () => {
  it('[R7] rejoins every joined room after a reconnect with the last seq held, without duplicates', async () => {
    const { client, connect, answerJoin, reconnect, seqs, room } = setup();
    const socket = await connect();
    client.joinRoom('general');
    client.joinRoom('music');
    expect(socket.last('room.join')).not.toHaveProperty('after');
    await answerJoin(socket, 'general', [msg(1), msg(2), msg(3)]);
    await answerJoin(socket, 'music', []);
    socket.receive({ type: 'msg', message: msg(4) });

    const next = await reconnect();
    const joins = next.ofType('room.join');
    expect(joins.map((j) => [j.roomId, j.after])).toEqual([
      ['general', 4],
      ['music', undefined],
    ]);
    // The server replays from 4 on (overlapping), and a live copy of 5 races with it.
    next.receive({ type: 'msg', message: msg(5) });
    await answerJoin(next, 'general', [msg(4), msg(5), msg(6)]);
    expect(seqs()).toEqual([1, 2, 3, 4, 5, 6]);
    expect(room().phase).toBe('joined');
  });

  it('[R7] replaces the messages held when the server says reset', async () => {
    const { client, connect, answerJoin, reconnect, seqs } = setup();
    const socket = await connect();
    client.joinRoom('general');
    await answerJoin(socket, 'general', [msg(1), msg(2)]);
    const next = await reconnect();
    await answerJoin(next, 'general', [msg(900), msg(901)], { reset: true, hasOlder: true });
    expect(seqs()).toEqual([900, 901]);
  });

  it('[R7] resends unacked messages with the same cid after reconnect', async () => {
    const { client, connect, answerJoin, reconnect, room, seqs } = setup();
    const socket = await connect();
    client.joinRoom('general');
    await answerJoin(socket, 'general', [msg(1)]);
    expect(client.send('general', '  bonjour  ')).toBeNull();
    const sent = socket.last('msg.send');
    expect(sent).toMatchObject({ roomId: 'general', cid: 'cid1', text: 'bonjour' });
    expect(room().pending.map((p) => [p.cid, p.status])).toEqual([['cid1', 'sending']]);

    const next = await reconnect();
    // Not resent before the room is joined again.
    expect(next.ofType('msg.send')).toHaveLength(0);
    await answerJoin(next, 'general', []);
    const resent = next.ofType('msg.send');
    expect(resent).toHaveLength(1);
    expect(resent[0]).toMatchObject({ cid: 'cid1', text: 'bonjour' });
    expect(room().pending).toHaveLength(1);

    next.receive({ type: 'msg.ack', id: resent[0]!.id, cid: 'cid1', roomId: 'general', seq: 2 });
    await flush();
    expect(room().pending).toHaveLength(0);
    expect(room().messages.at(-1)).toMatchObject({ seq: 2, text: 'bonjour', authorId: 'me' });
    next.receive({ type: 'msg', message: { ...msg(2, 'general', 'me'), text: 'bonjour' } });
    expect(seqs()).toEqual([1, 2]);
  });

  it('[R7] a message typed while offline is sent once the room is joined again', async () => {
    const { client, connect, answerJoin, server, clock, room } = setup();
    const socket = await connect();
    client.joinRoom('general');
    await answerJoin(socket, 'general', []);
    socket.drop(1006);
    expect(client.getState().status).toBe('reconnecting');
    expect(client.send('general', 'hors ligne')).toBeNull();
    expect(room().pending[0]?.status).toBe('sending');
    expect(socket.ofType('msg.send')).toHaveLength(0);
    clock.advance(250);
    await flush();
    expect(server.sockets).toHaveLength(2);
    const next = await connect();
    await answerJoin(next, 'general', []);
    expect(next.ofType('msg.send').map((m) => m.cid)).toEqual(['cid1']);
  });

  it('[R7] a rejoin refused for rate limiting is tried again later, keeping the messages', async () => {
    const { client, connect, answerJoin, reconnect, clock, seqs } = setup();
    const socket = await connect();
    client.joinRoom('general');
    await answerJoin(socket, 'general', [msg(1), msg(2)]);
    const next = await reconnect();
    const join = next.last('room.join');
    next.receive({ type: 'error', id: join.id, code: 'RATE_LIMITED', message: 'slow', retryAfterMs: 2000 });
    await flush();
    expect(client.getState().joined.general).toBeDefined();
    clock.advance(2000);
    expect(next.ofType('room.join')).toHaveLength(2);
    expect(next.last('room.join').after).toBe(2);
    await answerJoin(next, 'general', [msg(3)]);
    expect(seqs()).toEqual([1, 2, 3]);
  });
});
