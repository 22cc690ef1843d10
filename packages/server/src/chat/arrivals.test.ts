import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Member } from '@salon/protocol';
import { ArrivalBatcher, type ArrivalRun } from './arrivals.js';

const member = (userId: string): Member => ({
  userId,
  nickname: userId,
  gender: 'woman',
  age: 30,
  region: null,
  role: 'member',
  mutedUntil: null,
  status: 'online',
});

describe('arrival batches [R6]', () => {
  afterEach(() => vi.useRealTimers());

  it('sends the first change at once, then what happens within the window together, in order', () => {
    vi.useFakeTimers();
    const runs: [string, ArrivalRun][] = [];
    const counts: [string, number | undefined][] = [];
    const batcher = new ArrivalBatcher(
      250,
      (roomId, run) => runs.push([roomId, run]),
      (roomId, count) => counts.push([roomId, count]),
    );
    batcher.add('r', { kind: 'join', member: member('a') }, 1);
    expect(runs).toEqual([['r', { kind: 'join', members: [member('a')] }]]);
    expect(counts).toEqual([['r', 1]]);

    batcher.add('r', { kind: 'join', member: member('b') }, 2);
    batcher.add('r', { kind: 'join', member: member('c') }, 3);
    batcher.add('r', { kind: 'leave', userId: 'a' }, 2);
    batcher.add('r', { kind: 'join', member: member('d') }, 3);
    batcher.add('other', { kind: 'leave', userId: 'z' }, 0);
    expect(runs).toHaveLength(2);
    vi.advanceTimersByTime(250);
    expect(runs.slice(2)).toEqual([
      ['r', { kind: 'join', members: [member('b'), member('c')] }],
      ['r', { kind: 'leave', userIds: ['a'] }],
      ['r', { kind: 'join', members: [member('d')] }],
    ]);
    // The count at a window's end is read fresh (undefined: the caller asks the roster).
    expect(counts.at(-1)).toEqual(['r', undefined]);

    // A window with nothing in it closes the batch: the next change goes out at once again.
    vi.advanceTimersByTime(250);
    vi.advanceTimersByTime(250);
    batcher.add('r', { kind: 'join', member: member('e') }, 3);
    expect(runs.at(-1)).toEqual(['r', { kind: 'join', members: [member('e')] }]);
    batcher.close();
  });
});
