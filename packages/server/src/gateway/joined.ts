import type { ServerMessage, ServerMessageOf } from '@salon/protocol';
import type { HandlerContext } from './context.js';

type Joined = Omit<ServerMessageOf<'room.joined'>, 'type' | 'id'>;

/**
 * R7: runs a join with the room's events held, answers with its history, then lets the held
 * events through, less the messages the history already carries: one copy of each per client.
 */
export async function answerJoin(
  context: Pick<HandlerContext, 'reply' | 'holdEvents'>,
  id: string,
  join: () => Promise<Joined>,
): Promise<void> {
  const release = context.holdEvents();
  let sent: Set<number> | null = null;
  let roomId = '';
  try {
    const joined = await join();
    roomId = joined.room.id;
    sent = new Set(joined.messages.map((message) => message.seq));
    context.reply({ type: 'room.joined', id, ...joined });
  } finally {
    release((frame) => sent !== null && inHistory(frame, roomId, sent));
  }
}

function inHistory(frame: string, roomId: string, seqs: Set<number>): boolean {
  if (!frame.startsWith('{"type":"msg"')) return false;
  const event = JSON.parse(frame) as ServerMessage;
  return event.type === 'msg' && event.message.roomId === roomId && seqs.has(event.message.seq);
}
