import { LIMITS, type ChatMessage } from '@salon/protocol';
import type { BlockService } from '../safety/blocks.js';
import type { Store } from '../store/index.js';

/**
 * R6: a page of history before `before`, or R7: what came after `after` (up to LIMITS.resumeMax;
 * beyond that, `reset` and the latest page). Messages from users the reader blocked are left out (P3).
 */
export async function loadHistory(
  store: Store,
  blocks: BlockService,
  readerId: string,
  roomId: string,
  options: { before: number; pageSize: number; after?: number },
): Promise<{ messages: ChatMessage[]; hasOlder: boolean; reset: boolean }> {
  const { before, pageSize, after } = options;
  let messages: ChatMessage[];
  let reset = false;
  let hasOlder: boolean;
  const lastSeq = before - 1;
  if (after !== undefined && after <= lastSeq && lastSeq - after <= LIMITS.resumeMax) {
    messages = await store.messages.after(roomId, after, LIMITS.resumeMax);
    hasOlder = after > 0 && (await store.messages.hasBefore(roomId, after + 1));
  } else {
    reset = after !== undefined;
    messages = await store.messages.before(roomId, before, pageSize);
    hasOlder = messages.length > 0 && (await store.messages.hasBefore(roomId, messages[0]!.seq));
  }
  await blocks.load(readerId);
  return { messages: messages.filter((m) => !blocks.blocks(readerId, m.authorId)), hasOlder, reset };
}
