import type { ChatMessage } from '@salon/protocol';

export interface MergeResult {
  messages: ChatMessage[];
  /** How many messages ended up before the previous first one (for the list's `firstItemIndex`). */
  prepended: number;
}

/**
 * R7: merges `incoming` into `existing` (both for one room): the result is sorted by seq
 * with one message per seq, whatever the order or overlap of the inputs. On equal seq the
 * incoming copy wins (the server's version replaces a local placeholder).
 */
export function mergeMessages(
  existing: readonly ChatMessage[],
  incoming: readonly ChatMessage[],
): MergeResult {
  if (incoming.length === 0) return { messages: [...existing], prepended: 0 };
  const last = existing.at(-1);
  // Fast path: one or more newer messages, already in order.
  if (isStrictlyAscending(incoming) && (last === undefined || incoming[0]!.seq > last.seq)) {
    return { messages: [...existing, ...incoming], prepended: 0 };
  }
  const bySeq = new Map<number, ChatMessage>();
  for (const m of existing) bySeq.set(m.seq, m);
  for (const m of incoming) bySeq.set(m.seq, m);
  const messages = [...bySeq.values()].sort((a, b) => a.seq - b.seq);
  const first = existing[0];
  const prepended = first === undefined ? 0 : countBefore(messages, first.seq);
  return { messages, prepended };
}

/** Sorted, one per seq (the last copy of a seq wins). */
export function normaliseMessages(messages: readonly ChatMessage[]): ChatMessage[] {
  return mergeMessages([], messages).messages;
}

function isStrictlyAscending(messages: readonly ChatMessage[]): boolean {
  for (let i = 1; i < messages.length; i += 1) {
    if (messages[i]!.seq <= messages[i - 1]!.seq) return false;
  }
  return true;
}

function countBefore(sorted: readonly ChatMessage[], seq: number): number {
  let n = 0;
  while (n < sorted.length && sorted[n]!.seq < seq) n += 1;
  return n;
}
