import type { Member } from '@salon/protocol';

/** A change in a room's member list, in the order it happened. */
export type Arrival = { kind: 'join'; member: Member } | { kind: 'leave'; userId: string };

/** Runs of the same kind, in order: what one event each can carry. */
export type ArrivalRun = { kind: 'join'; members: Member[] } | { kind: 'leave'; userIds: string[] };

function runs(arrivals: Arrival[]): ArrivalRun[] {
  const out: ArrivalRun[] = [];
  for (const arrival of arrivals) {
    const last = out.at(-1);
    if (arrival.kind === 'join') {
      if (last?.kind === 'join') last.members.push(arrival.member);
      else out.push({ kind: 'join', members: [arrival.member] });
    } else if (last?.kind === 'leave') last.userIds.push(arrival.userId);
    else out.push({ kind: 'leave', userIds: [arrival.userId] });
  }
  return out;
}

/**
 * R6 at scale: telling every member of a room about each arrival costs members × arrivals frames,
 * which grows with the square of the room while it fills up (a crowd entering after a restart).
 * Per room, the first change goes out at once; changes within the next `windowMs` wait and go
 * out together at its end, in order, so a quiet room sees no delay and a busy one a few events
 * a second. The same goes for the room's count, which every connected client receives.
 */
export class ArrivalBatcher {
  private readonly open = new Map<string, { arrivals: Arrival[]; counted: boolean; timer: NodeJS.Timeout }>();

  constructor(
    private readonly windowMs: number,
    private readonly publish: (roomId: string, run: ArrivalRun) => void,
    /** Publishes the room's current count (read fresh when a window closes). */
    private readonly publishCount: (roomId: string, count?: number) => void,
  ) {}

  /** A member joined or left; `count` is the room's count after it. */
  add(roomId: string, arrival: Arrival, count?: number): void {
    const batch = this.open.get(roomId);
    if (batch) {
      batch.arrivals.push(arrival);
      batch.counted = true;
      return;
    }
    for (const run of runs([arrival])) this.publish(roomId, run);
    this.publishCount(roomId, count);
    this.startWindow(roomId);
  }

  /** The count changed without an arrival to announce (a rejoin elsewhere, a node's report). */
  count(roomId: string, count: number): void {
    const batch = this.open.get(roomId);
    if (batch) batch.counted = true;
    else {
      this.publishCount(roomId, count);
      this.startWindow(roomId);
    }
  }

  private startWindow(roomId: string): void {
    const batch = {
      arrivals: [] as Arrival[],
      counted: false,
      timer: setTimeout(() => {
        this.open.delete(roomId);
        if (batch.arrivals.length === 0 && !batch.counted) return;
        for (const run of runs(batch.arrivals)) this.publish(roomId, run);
        this.publishCount(roomId);
        this.startWindow(roomId);
      }, this.windowMs),
    };
    batch.timer.unref();
    this.open.set(roomId, batch);
  }

  close(): void {
    for (const batch of this.open.values()) clearTimeout(batch.timer);
    this.open.clear();
  }
}
