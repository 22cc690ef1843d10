import { createHash } from 'node:crypto';
import type { Clock } from '../clock.js';

/** T5: WebSocket connections open at once, per network address. */
export interface OpenConnections {
  /** Counts one more connection from `address`; false (and nothing counted) at the limit. */
  tryOpen(address: string): boolean | Promise<boolean>;
  /** A connection from `address` ended. */
  close(address: string): void;
}

/**
 * T5: WebSocket connections open at once, per network address, in this process (one node; in a
 * cluster, RedisConnectionCounter counts across nodes).
 */
export class ConnectionCounter implements OpenConnections {
  private readonly open = new Map<string, number>();

  constructor(private readonly max: number) {}

  /** Counts one more connection from `address`; false (and nothing counted) when it is at the limit. */
  tryOpen(address: string): boolean {
    const count = this.open.get(address) ?? 0;
    if (count >= this.max) return false;
    this.open.set(address, count + 1);
    return true;
  }

  /** A connection from `address` ended. */
  close(address: string): void {
    const count = (this.open.get(address) ?? 0) - 1;
    if (count > 0) this.open.set(address, count);
    else this.open.delete(address);
  }

  count(address: string): number {
    return this.open.get(address) ?? 0;
  }

  /** Addresses with at least one connection (for tests: nothing is kept for closed ones). */
  get addresses(): number {
    return this.open.size;
  }
}

/** T5: the form in which texts are compared for repeats: trimmed, lower-case, runs of spaces as one. */
export function repeatKey(text: string): string {
  return text.trim().toLowerCase().replace(/\s+/gu, ' ');
}

/** A 52-bit digest (exact in a double) of a string. */
function digest(value: string): number {
  return parseInt(createHash('sha256').update(value).digest('hex').slice(0, 13), 16);
}

/** How many recent messages are remembered per user. */
export const REPEAT_MEMORY = 32;
const SLOTS = 3; // text digest, cid digest, time

interface Ring {
  slots: Float64Array;
  next: number;
  last: number;
}

/**
 * T5: the same text sent again and again by one user, in any rooms or conversations. Each user
 * has a small ring of their last messages (digests and times, never the text); users with nothing
 * inside the window are dropped, so memory stays bounded by the users active in the last window.
 */
export class RepeatGuard {
  private readonly users = new Map<string, Ring>();
  private lastSweep: number;

  constructor(
    private readonly max: number,
    private readonly window: number,
    private readonly clock: Clock,
  ) {
    this.lastSweep = clock.now();
  }

  /**
   * Records one message and returns 0, or returns the wait in ms (and records nothing) when the
   * user already sent this text `max` times within the window. A resend with the same `cid` (a
   * retry after a reconnect, R7) is not a repeat. Empty texts (a file without a caption) pass.
   */
  check(userId: string, text: string, cid: string): number {
    const key = repeatKey(text);
    if (key === '') return 0;
    const now = this.clock.now();
    this.sweep(now);
    const textDigest = digest(key);
    const cidDigest = digest(cid);
    const since = now - this.window;
    let ring = this.users.get(userId);
    if (ring) {
      let count = 0;
      let oldest = Infinity;
      for (let i = 0; i < REPEAT_MEMORY; i++) {
        const at = ring.slots[i * SLOTS + 2]!;
        if (at <= since || ring.slots[i * SLOTS] !== textDigest) continue;
        if (ring.slots[i * SLOTS + 1] === cidDigest) return 0;
        count += 1;
        oldest = Math.min(oldest, at);
      }
      if (count >= this.max) return Math.max(1, oldest + this.window - now);
    } else {
      ring = { slots: new Float64Array(REPEAT_MEMORY * SLOTS).fill(-Infinity), next: 0, last: now };
      this.users.set(userId, ring);
    }
    const base = ring.next * SLOTS;
    ring.slots[base] = textDigest;
    ring.slots[base + 1] = cidDigest;
    ring.slots[base + 2] = now;
    ring.next = (ring.next + 1) % REPEAT_MEMORY;
    ring.last = now;
    return 0;
  }

  /** Users remembered now. */
  get size(): number {
    return this.users.size;
  }

  /** Once per window, forgets the users whose last message is older than the window. */
  private sweep(now: number): void {
    if (now - this.lastSweep < this.window) return;
    this.lastSweep = now;
    for (const [userId, ring] of this.users) if (ring.last <= now - this.window) this.users.delete(userId);
  }
}
