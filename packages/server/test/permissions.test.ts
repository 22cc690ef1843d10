import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import {
  CLIENT_MESSAGE_TYPES,
  type ClientMessage,
  type ClientMessageType,
  type ServerMessage,
} from '@salon/protocol';
import { newUser, startServer, type TestServer, type TestUser } from './support/server.js';

/**
 * Every client message type, and what an outsider gets when aiming it at a private room or a
 * conversation they are not part of. `null` marks types that act only on the sender's own data.
 */
const TARGETED: Record<
  ClientMessageType,
  ((room: string, conversation: string, victim: string) => ClientMessage[]) | null
> = {
  hello: null,
  'rooms.list': null,
  ping: null,
  presence: null,
  'room.create': null,
  'dm.list': null,
  'block.list': null,
  'contact.get': null,
  'contact.set': null,
  block: null,
  unblock: null,
  'room.join': (room, conversation) => [
    { type: 'room.join', id: 'a', roomId: room },
    { type: 'room.join', id: 'b', roomId: conversation },
  ],
  'room.leave': (room) => [{ type: 'room.leave', id: 'a', roomId: room }],
  'msg.send': (room, conversation) => [
    { type: 'msg.send', id: 'a', roomId: room, cid: 'x1', text: 'hi' },
    { type: 'msg.send', id: 'b', roomId: conversation, cid: 'x2', text: 'hi' },
  ],
  history: (room, conversation) => [
    { type: 'history', id: 'a', roomId: room, before: 99 },
    { type: 'history', id: 'b', roomId: conversation, before: 99 },
  ],
  typing: (room, conversation) => [
    { type: 'typing', roomId: room },
    { type: 'typing', roomId: conversation },
  ],
  read: (room, conversation) => [
    { type: 'read', roomId: room, seq: 1 },
    { type: 'read', roomId: conversation, seq: 1 },
  ],
  'room.link.create': (room) => [{ type: 'room.link.create', id: 'a', roomId: room }],
  'room.link.list': (room) => [{ type: 'room.link.list', id: 'a', roomId: room }],
  'room.link.revoke': (room) => [{ type: 'room.link.revoke', id: 'a', roomId: room, linkId: 'l' }],
  'room.join.link': () => [{ type: 'room.join.link', id: 'a', token: 'not-a-real-token-000000' }],
  'room.invite': (room, _c, victim) => [{ type: 'room.invite', id: 'a', roomId: room, userId: victim }],
  'room.moderate': (room, _c, victim) => [
    { type: 'room.moderate', id: 'a', roomId: room, userId: victim, action: 'ban' },
  ],
  'room.keep': (room) => [{ type: 'room.keep', id: 'a', roomId: room, keep: true }],
  'dm.request': null,
  'dm.open': (_r, conversation) => [{ type: 'dm.open', id: 'a', conversationId: conversation }],
  'dm.respond': (_r, conversation) => [
    { type: 'dm.respond', id: 'a', conversationId: conversation, action: 'accept' },
  ],
  // V1–V4: live media aimed at a room or conversation the sender is not part of.
  'live.config': null,
  'live.room': (room, conversation) => [
    { type: 'live.room', id: 'a', roomId: room },
    { type: 'live.room', id: 'b', roomId: conversation },
  ],
  'cam.start': (room, conversation) => [
    { type: 'cam.start', id: 'a', roomId: room, access: 'room', sdp: SDP },
    { type: 'cam.start', id: 'b', roomId: conversation, access: 'room', sdp: SDP },
  ],
  'cam.stop': (room) => [{ type: 'cam.stop', id: 'a', roomId: room }],
  'cam.watch': (room, conversation, victim) => [
    { type: 'cam.watch', id: 'a', roomId: room, userId: victim },
    { type: 'cam.watch', id: 'b', roomId: conversation, userId: victim },
  ],
  'cam.unwatch': (room, _c, victim) => [{ type: 'cam.unwatch', id: 'a', roomId: room, userId: victim }],
  'cam.decide': (room, _c, victim) => [
    { type: 'cam.decide', id: 'a', roomId: room, userId: victim, allow: true },
  ],
  'cam.remove': (room, _c, victim) => [{ type: 'cam.remove', id: 'a', roomId: room, userId: victim }],
  'stream.end': (room, _c, victim) => [{ type: 'stream.end', id: 'a', roomId: room, userId: victim }],
  'rtc.answer': () => [{ type: 'rtc.answer', id: 'a', streamId: 'not-mine', sdp: SDP }],
  'rtc.candidate': () => [{ type: 'rtc.candidate', id: 'a', streamId: 'not-mine', candidate: null }],
  'voice.join': (room) => [{ type: 'voice.join', id: 'a', roomId: room, sdp: SDP }],
  'voice.leave': (room) => [{ type: 'voice.leave', id: 'a', roomId: room }],
  'voice.speak': (room) => [{ type: 'voice.speak', id: 'a', roomId: room, on: true }],
  'voice.mute': (room, _c, victim) => [{ type: 'voice.mute', id: 'a', roomId: room, userId: victim }],
  'call.propose': (_r, conversation) => [{ type: 'call.propose', id: 'a', conversationId: conversation }],
  'call.respond': (_r, conversation) => [
    { type: 'call.respond', id: 'a', conversationId: conversation, accept: true },
  ],
  'call.end': (_r, conversation) => [{ type: 'call.end', id: 'a', conversationId: conversation }],
  report: (room, conversation) => [
    { type: 'report', id: 'a', target: { kind: 'message', roomId: room, seq: 1 }, category: 'spam' },
    { type: 'report', id: 'b', target: { kind: 'message', roomId: conversation, seq: 1 }, category: 'spam' },
    { type: 'report', id: 'c', target: { kind: 'room', roomId: room }, category: 'hate' },
  ],
};

/** An SDP offer as a browser writes one (its content does not matter for these checks). */
const SDP = 'v=0\r\no=- 1 2 IN IP4 127.0.0.1\r\ns=-\r\nt=0 0\r\n';

describe('permissions, message type by message type', () => {
  let server: TestServer;
  let owner: TestUser;
  let friend: TestUser;
  let outsider: TestUser;
  let room: string;
  let conversation: string;

  beforeAll(async () => {
    server = await startServer();
    owner = await newUser(server);
    friend = await newUser(server);
    outsider = await newUser(server);
    const created = await owner.client.request({ type: 'room.create', id: 'c', name: 'Entre nous' });
    room = (created as { room: { id: string } }).room.id;
    await owner.client.join(room);
    await owner.client.say(room, 'secret de salon');
    const requested = await owner.client.request({
      type: 'dm.request',
      id: 'd',
      userId: friend.userId,
      cid: 'c1',
      text: 'secret privé',
    });
    conversation = (requested as { conversation: { id: string } }).conversation.id;
  });
  afterAll(async () => {
    await server.close();
  });

  async function answers(user: TestUser, frame: ClientMessage): Promise<ServerMessage[]> {
    user.client.frames.length = 0;
    user.client.send(frame);
    await user.client.request({ type: 'ping', id: 'sync' });
    return user.client.frames.filter((m) => m.type !== 'pong' && m.type !== 'room.count');
  }

  it('covers every client message type', () => {
    expect(Object.keys(TARGETED).sort()).toEqual([...CLIENT_MESSAGE_TYPES].sort());
  });

  it('[R2][P1] a non-member gets the same answer as for something that does not exist, and learns nothing', async () => {
    for (const [type, build] of Object.entries(TARGETED)) {
      if (!build) continue;
      const real = build(room, conversation, owner.userId);
      const ghost = build('p_ghost', 'd_ghost', owner.userId);
      for (const [index, frame] of real.entries()) {
        const got = await answers(outsider, frame);
        const expected = await answers(outsider, ghost[index]!);
        expect(got, type).toEqual(expected);
        if (got.length > 0) expect(got[0], type).toMatchObject({ type: 'error' });
        expect(JSON.stringify(got), type).not.toMatch(/secret|Entre nous/);
      }
    }
  });

  it('[R2] lists and HTTP routes never show the private room or conversation to others', async () => {
    const rooms = await outsider.client.request({ type: 'rooms.list', id: 'l' });
    const list = await outsider.client.request({ type: 'dm.list', id: 'd' });
    const http = await (await fetch(`${server.url}/api/rooms`)).text();
    for (const seen of [JSON.stringify(rooms), JSON.stringify(list), http]) {
      expect(seen).not.toContain(room);
      expect(seen).not.toContain(conversation);
      expect(seen).not.toContain('Entre nous');
    }
  });

  it('[P3] a blocked user and [P2] a refused requester get CONTACT_REFUSED and nothing else', async () => {
    await friend.client.request({ type: 'block', id: 'b', userId: outsider.userId });
    const blocked = await answers(outsider, {
      type: 'dm.request',
      id: 'r',
      userId: friend.userId,
      cid: 'z1',
      text: 'hello',
    });
    await owner.client.request({
      type: 'contact.set',
      id: 's',
      policy: { mode: 'nobody', genders: [], minAge: null, maxAge: null },
    });
    const refused = await answers(outsider, {
      type: 'dm.request',
      id: 'r',
      userId: owner.userId,
      cid: 'z2',
      text: 'hello',
    });
    expect(blocked).toEqual(refused);
    expect(blocked).toMatchObject([{ type: 'error', code: 'CONTACT_REFUSED' }]);
  });
});
