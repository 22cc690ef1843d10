import { describe, expect, it } from 'vitest';
import { flush } from '../test/fakes.js';
import { bob, msg, setup } from '../test/chatHarness.js';
import { answerOpen, bobCard, conversation } from '../test/directFixtures.js';
import { draftId } from './conversations.js';

describe('ChatClient: private messages (P1)', () => {
  it('[P1] keeps the request composer text-only, and the first message opens the conversation', async () => {
    const { client, connect, room } = setup();
    const socket = await connect();
    client.messageUser(bob);
    const draft = draftId('bob');
    expect(client.getState().activeRoomId).toBe(draft);
    expect(client.send(draft, 'regarde https://example.com')).toBe('REQUEST_TEXT_ONLY');
    expect(client.send(draft, 'www.example.fr')).toBe('REQUEST_TEXT_ONLY');
    expect(socket.ofType('dm.request')).toHaveLength(0);
    expect(socket.ofType('msg.send')).toHaveLength(0);

    client.typing(draft);
    expect(socket.ofType('typing')).toHaveLength(0);
    expect(client.send(draft, 'Bonjour Bob')).toBeNull();
    const request = socket.last('dm.request');
    expect(request).toMatchObject({ userId: 'bob', cid: 'cid1', text: 'Bonjour Bob' });
    const started = conversation({ requestLeft: 2, lastSeq: 1 });
    socket.receive({ type: 'dm.requested', id: request.id, cid: 'cid1', conversation: started, seq: 1 });
    await flush();

    const state = client.getState();
    expect(state.joined[draft]).toBeUndefined();
    expect(state.activeRoomId).toBe('c1');
    expect(state.order).toEqual(['c1']);
    expect(state.conversations.c1).toEqual(started);
    expect(room('c1').pending).toHaveLength(0);
    expect(room('c1').messages.map((m) => [m.seq, m.text])).toEqual([[1, 'Bonjour Bob']]);
    // The conversation is then opened from the start (no `after`), like a fresh join.
    const open = socket.last('dm.open');
    expect(open).toEqual({ type: 'dm.open', id: open.id, conversationId: 'c1' });
  });

  it('[P1] counts what is left of a request (requestLeft) and refuses a fourth message', async () => {
    const { client, connect, room } = setup();
    const pending = conversation({ requestLeft: 1, lastSeq: 2 });
    const socket = await connect({ conversations: [pending] });
    client.messageUser(bob);
    expect(client.getState().activeRoomId).toBe('c1');
    await answerOpen(socket, pending, [1, 2]);
    expect(client.send('c1', 'encore un')).toBeNull();
    // Not acknowledged yet: it already counts.
    expect(client.send('c1', 'et un autre')).toBe('REQUEST_LIMIT');
    const request = socket.last('dm.request');
    expect(request).toMatchObject({ userId: 'bob', text: 'encore un' });
    const after = conversation({ requestLeft: 0, lastSeq: 3 });
    socket.receive({ type: 'dm.requested', id: request.id, cid: request.cid, conversation: after, seq: 3 });
    await flush();
    expect(client.getState().conversations.c1?.requestLeft).toBe(0);
    expect(client.send('c1', 'toujours là ?')).toBe('REQUEST_LIMIT');
    expect(room('c1').messages.map((m) => m.seq)).toEqual([1, 2, 3]);
  });

  it('[P1] once accepted (pending → accepted), messages go out as msg.send without limits', async () => {
    const { client, connect } = setup();
    const pending = conversation({ requestLeft: 0, lastSeq: 3 });
    const socket = await connect({ conversations: [pending] });
    client.openConversation('c1');
    await answerOpen(socket, pending, [1, 2, 3]);
    expect(client.send('c1', 'allô ?')).toBe('REQUEST_LIMIT');
    socket.receive({ type: 'dm.updated', conversation: { ...pending, state: 'accepted' } });
    expect(client.send('c1', 'merci https://example.com')).toBeNull();
    client.typing('c1');
    expect(socket.last('typing')).toEqual({ type: 'typing', roomId: 'c1' });
    expect(socket.last('msg.send')).toMatchObject({ roomId: 'c1', text: 'merci https://example.com' });
    expect(socket.ofType('dm.request')).toHaveLength(0);
  });

  it('[P1][R7] a conversation resumes after a reconnect: one message per seq, reset replaces', async () => {
    const { client, connect, reconnect, seqs } = setup();
    const accepted = conversation({ state: 'accepted', lastSeq: 2 });
    const socket = await connect({ conversations: [accepted] });
    client.openConversation('c1');
    expect(socket.last('dm.open')).not.toHaveProperty('after');
    await answerOpen(socket, accepted, [1, 2]);
    socket.receive({ type: 'msg', message: msg(3, 'c1') });
    socket.receive({ type: 'msg', message: msg(3, 'c1') });
    expect(seqs('c1')).toEqual([1, 2, 3]);

    const next = await reconnect({ conversations: [accepted] });
    expect(next.last('dm.open')).toMatchObject({ conversationId: 'c1', after: 3 });
    next.receive({ type: 'msg', message: msg(4, 'c1') });
    await answerOpen(next, accepted, [3, 4, 5]);
    expect(seqs('c1')).toEqual([1, 2, 3, 4, 5]);

    const third = await reconnect({ conversations: [accepted] });
    await answerOpen(third, accepted, [700, 701], { reset: true, hasOlder: true });
    expect(seqs('c1')).toEqual([700, 701]);
  });

  it('[P1] an unopened conversation counts unread messages; opening it shows them', async () => {
    const { client, connect } = setup();
    const accepted = conversation({ state: 'accepted', lastSeq: 1, unread: 1 });
    const socket = await connect({ conversations: [accepted] });
    socket.receive({ type: 'msg', message: msg(2, 'c1') });
    socket.receive({ type: 'msg', message: msg(2, 'c1') });
    expect(client.getState().conversations.c1).toMatchObject({ unread: 2, lastSeq: 2 });
    socket.receive({ type: 'msg', message: msg(3, 'c1', 'me') });
    expect(client.getState().conversations.c1).toMatchObject({ unread: 2, lastSeq: 3 });
  });

  it('[P1] the recipient accepts or ignores a request; it is never a place to write before', async () => {
    const { client, connect } = setup();
    const incoming = conversation({ direction: 'incoming', safetyNotice: true, lastSeq: 1 });
    const other = conversation({ id: 'c2', direction: 'incoming', peer: { ...bobCard, userId: 'carol' } });
    const socket = await connect({ conversations: [incoming, other] });
    client.openConversation('c1');
    await answerOpen(socket, incoming, [1]);
    expect(client.send('c1', 'coucou')).toBe('FORBIDDEN');
    const accepting = client.respond('c1', 'accept');
    const respond = socket.last('dm.respond');
    expect(respond).toMatchObject({ conversationId: 'c1', action: 'accept' });
    socket.receive({ type: 'ok', id: respond.id });
    await accepting;
    expect(client.getState().conversations.c1?.state).toBe('accepted');
    expect(client.send('c1', 'coucou')).toBeNull();

    client.openConversation('c2');
    const ignoring = client.respond('c2', 'ignore');
    socket.receive({ type: 'ok', id: socket.last('dm.respond').id });
    await ignoring;
    expect(client.getState().conversations.c2?.state).toBe('ignored');
    expect(client.getState().joined.c2).toBeUndefined();
  });

  it('[P3] blocking closes their request; a refused message is marked and told (CONTACT_REFUSED)', async () => {
    const { client, connect, room } = setup();
    const incoming = conversation({ direction: 'incoming' });
    const withCarol = conversation({ id: 'c2', state: 'accepted', peer: { ...bobCard, userId: 'carol' } });
    const socket = await connect({ conversations: [incoming, withCarol] });
    client.openConversation('c1');
    await answerOpen(socket, incoming, []);
    const blocking = client.block(bobCard);
    expect(socket.last('block')).toMatchObject({ userId: 'bob' });
    socket.receive({ type: 'ok', id: socket.last('block').id });
    await blocking;
    expect(client.getState().blocked).toEqual([{ userId: 'bob', nickname: 'Bob' }]);
    expect(client.getState().joined.c1).toBeUndefined();

    client.openConversation('c2');
    await answerOpen(socket, withCarol, []);
    client.send('c2', 'tu es là ?');
    const sent = socket.last('msg.send');
    socket.receive({ type: 'error', id: sent.id, code: 'CONTACT_REFUSED', message: 'refused' });
    await flush();
    expect(room('c2').pending[0]).toMatchObject({ status: 'failed', error: 'CONTACT_REFUSED' });
    expect(client.getState().notice?.code).toBe('CONTACT_REFUSED');
  });
});
