import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import type { ChatMessage } from '@salon/protocol';
import { mergeMessages, normaliseMessages } from './merge.js';

function msg(seq: number, text = `m${seq}`): ChatMessage {
  return { roomId: 'general', seq, authorId: 'u', nickname: 'U', text, at: seq };
}

const seqList = fc.array(fc.integer({ min: 0, max: 60 }), { maxLength: 40 });

describe('mergeMessages', () => {
  it('[R7] result is sorted by seq with no duplicates, whatever the order and overlap', () => {
    fc.assert(
      fc.property(seqList, seqList, (a, b) => {
        const existing = normaliseMessages(a.map((s) => msg(s)));
        const { messages } = mergeMessages(
          existing,
          b.map((s) => msg(s)),
        );
        const seqs = messages.map((m) => m.seq);
        const expected = [...new Set([...a, ...b])].sort((x, y) => x - y);
        expect(seqs).toEqual(expected);
      }),
    );
  });

  it('[R7] the order in which batches arrive does not change the result', () => {
    fc.assert(
      fc.property(fc.array(seqList, { minLength: 1, maxLength: 6 }), fc.integer(), (batches, seed) => {
        const apply = (order: number[][]) =>
          order.reduce<ChatMessage[]>(
            (held, batch) =>
              mergeMessages(
                held,
                batch.map((s) => msg(s)),
              ).messages,
            [],
          );
        const shuffled = [...batches].sort(() => ((seed = (seed * 1103515245 + 12345) | 0) & 1 ? 1 : -1));
        expect(apply(shuffled).map((m) => m.seq)).toEqual(apply(batches).map((m) => m.seq));
        expect(apply([...batches].reverse()).map((m) => m.seq)).toEqual(apply(batches).map((m) => m.seq));
      }),
    );
  });

  it('[R7] counts messages prepended before the first one held', () => {
    fc.assert(
      fc.property(fc.integer({ min: 10, max: 50 }), fc.integer({ min: 0, max: 9 }), (first, older) => {
        const existing = [msg(first), msg(first + 1)];
        const page = Array.from({ length: older }, (_, i) => msg(first - older + i));
        const result = mergeMessages(existing, [...page, msg(first)]);
        expect(result.prepended).toBe(older);
        expect(result.messages).toHaveLength(older + 2);
      }),
    );
  });

  it('[R7] the incoming copy of a seq replaces the one held', () => {
    const { messages } = mergeMessages([msg(1, 'local'), msg(2)], [msg(1, 'server')]);
    expect(messages.map((m) => m.text)).toEqual(['server', 'm2']);
  });

  it('appends newer messages without reordering', () => {
    const { messages, prepended } = mergeMessages([msg(1), msg(2)], [msg(3), msg(4)]);
    expect(messages.map((m) => m.seq)).toEqual([1, 2, 3, 4]);
    expect(prepended).toBe(0);
  });
});
