import { PROTOCOL_VERSION } from '@salon/protocol';
import type { ChatMessage, Conversation, MediaOptions, Me, Member, RoomInfo } from '@salon/protocol';
import { ChatClient } from '../chat/client.js';
import { Connection } from '../net/connection.js';
import { FakeClock, SocketServer, flush } from './fakes.js';
import type { FakeSocket } from './fakes.js';
import { fakeMediaApi } from './mediaFakes.js';

export const me: Me = {
  userId: 'me',
  nickname: 'Alice',
  age: 30,
  gender: 'woman',
  region: 'bre',
  registered: false,
};
export const general: RoomInfo = {
  id: 'general',
  kind: 'public',
  name: 'Général',
  topic: 'On parle de tout',
  adult: false,
  members: 3,
  keep: false,
  voice: false,
};
export const music: RoomInfo = {
  id: 'music',
  kind: 'public',
  name: 'Musique',
  topic: 'Sons',
  adult: false,
  members: 1,
  keep: false,
  voice: false,
};
export const bob: Member = {
  userId: 'bob',
  nickname: 'Bob',
  gender: 'man',
  age: 40,
  region: null,
  status: 'online',
  role: 'member',
  mutedUntil: null,
};

export function msg(seq: number, roomId = 'general', authorId = 'bob'): ChatMessage {
  return {
    roomId,
    seq,
    authorId,
    nickname: authorId === 'me' ? 'Alice' : 'Bob',
    text: `m${seq}`,
    at: seq * 1000,
  };
}

/**
 * A ChatClient over a Connection whose sockets the test drives as the server; uploads go to
 * fake XHRs (`uploads`), and the server accepts `mediaOptions` (everything by default).
 */
export function setup(options: { mediaOptions?: MediaOptions } = {}) {
  const clock = new FakeClock();
  const server = new SocketServer();
  const connection = new Connection({
    url: 'ws://t/ws',
    createSocket: server.create,
    timers: clock,
    random: () => 1,
  });
  let n = 0;
  const { api: media, uploads } = fakeMediaApi(options.mediaOptions);
  const client = new ChatClient({ connection, me, timers: clock, newId: () => `cid${++n}`, media });
  client.start();

  /** Opens the current socket, answers hello, the room lists, conversations and blocks. */
  const connect = async (
    lists: { mine?: RoomInfo[]; conversations?: Conversation[] } = {},
  ): Promise<FakeSocket> => {
    const socket = server.current;
    socket.open();
    socket.receive({ type: 'welcome', id: socket.last('hello').id, v: PROTOCOL_VERSION, me });
    socket.receive({
      type: 'rooms',
      id: socket.last('rooms.list').id,
      rooms: [general, music],
      mine: lists.mine ?? [],
    });
    socket.receive({
      type: 'dm.list',
      id: socket.last('dm.list').id,
      conversations: lists.conversations ?? [],
    });
    socket.receive({ type: 'block.list', id: socket.last('block.list').id, users: [] });
    await flush();
    return socket;
  };
  const answerJoin = async (
    socket: FakeSocket,
    roomId: string,
    messages: ChatMessage[],
    extra: { reset?: boolean; hasOlder?: boolean; unread?: number } = {},
  ) => {
    const join = socket
      .ofType('room.join')
      .filter((j) => j.roomId === roomId)
      .at(-1);
    if (!join) throw new Error(`no join for ${roomId}`);
    socket.receive({
      type: 'room.joined',
      id: join.id,
      room: roomId === 'general' ? general : music,
      members: [bob],
      messages,
      hasOlder: extra.hasOlder ?? false,
      reset: extra.reset ?? false,
      unread: extra.unread ?? 0,
      lastReadSeq: 0,
    });
    await flush();
  };
  const reconnect = async (lists?: Parameters<typeof connect>[0]): Promise<FakeSocket> => {
    server.current.drop(1006);
    await flush();
    clock.advance(250);
    await flush();
    return connect(lists);
  };
  const room = (id = 'general') => client.getState().joined[id]!;
  const seqs = (id = 'general') => room(id).messages.map((m) => m.seq);
  return { clock, server, client, uploads, connect, answerJoin, reconnect, room, seqs };
}
