import type { Conversation, RoomInfo, UserCard } from '@salon/protocol';
import type { FakeSocket } from './fakes.js';
import { flush } from './fakes.js';
import { msg } from './chatHarness.js';

export const bobCard: UserCard = { userId: 'bob', nickname: 'Bob', gender: 'man', age: 40, region: null };

export function conversation(change: Partial<Conversation> = {}): Conversation {
  return {
    id: 'c1',
    peer: bobCard,
    state: 'pending',
    direction: 'outgoing',
    lastSeq: 0,
    unread: 0,
    safetyNotice: false,
    requestLeft: 3,
    ...change,
  };
}

export const secret: RoomInfo = {
  id: 'p1',
  kind: 'private',
  name: 'Entre nous',
  topic: '',
  adult: false,
  members: 1,
  keep: false,
  voice: false,
};

/** Answers the last `dm.open` for a conversation with these message seqs. */
export async function answerOpen(
  socket: FakeSocket,
  of: Conversation,
  seqs: number[],
  extra: { reset?: boolean; hasOlder?: boolean } = {},
) {
  const open = socket
    .ofType('dm.open')
    .filter((o) => o.conversationId === of.id)
    .at(-1);
  if (!open) throw new Error(`no dm.open for ${of.id}`);
  socket.receive({
    type: 'dm.opened',
    id: open.id,
    conversation: of,
    messages: seqs.map((seq) => msg(seq, of.id)),
    hasOlder: extra.hasOlder ?? false,
    reset: extra.reset ?? false,
  });
  await flush();
}
