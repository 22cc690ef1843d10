import type { Clock } from '../clock.js';

interface Hold {
  sessionId: string;
  connections: number;
  /** While no connection is open, the nickname stays held until then (reload, short drop). */
  heldUntil: number;
}

/** E1: who holds which nickname; in memory on one process, in Redis across a cluster. */
export interface Nicknames {
  /** True when `sessionId` may use the nickname with this key now. */
  isFree(key: string, sessionId: string): boolean | Promise<boolean>;
  /** Takes the key for the session (call after isFree). Drops the session's previous key. */
  claim(key: string, sessionId: string): void | Promise<void>;
  /** A connection of the session opened. Returns false when someone else holds the nickname. */
  attach(key: string, sessionId: string): boolean | Promise<boolean>;
  /** A connection of the session closed. */
  detach(sessionId: string): void;
  /** The session ended: its nickname is free at once. */
  release(sessionId: string): void | Promise<void>;
  /** Forgets holds that lapsed (keeps memory bounded). */
  sweep(): void;
}

/**
 * E1: nicknames are unique among connected users. A nickname is held by its session while the
 * session has a connection open, and for a grace period after its last one closed (or after entry).
 */
export class NicknameRegistry implements Nicknames {
  private readonly byKey = new Map<string, Hold>();
  private readonly keyOf = new Map<string, string>();

  constructor(
    private readonly clock: Clock,
    private readonly graceMs: number,
  ) {}

  /** True when `sessionId` may use the nickname with this key now. */
  isFree(key: string, sessionId: string): boolean {
    const hold = this.byKey.get(key);
    if (!hold || hold.sessionId === sessionId) return true;
    return hold.connections === 0 && hold.heldUntil <= this.clock.now();
  }

  /** Takes the key for the session (call after isFree). Drops the session's previous key. */
  claim(key: string, sessionId: string): void {
    const previous = this.keyOf.get(sessionId);
    if (previous !== undefined && previous !== key) this.release(sessionId);
    const existing = this.byKey.get(key);
    const connections = existing?.sessionId === sessionId ? existing.connections : 0;
    this.byKey.set(key, { sessionId, connections, heldUntil: this.clock.now() + this.graceMs });
    this.keyOf.set(sessionId, key);
  }

  /** A connection of the session opened. Returns false when someone else holds the nickname. */
  attach(key: string, sessionId: string): boolean {
    if (!this.isFree(key, sessionId)) return false;
    if (this.byKey.get(key)?.sessionId !== sessionId) this.claim(key, sessionId);
    this.byKey.get(key)!.connections += 1;
    return true;
  }

  /** A connection of the session closed. */
  detach(sessionId: string): void {
    const key = this.keyOf.get(sessionId);
    const hold = key === undefined ? undefined : this.byKey.get(key);
    if (!hold || hold.sessionId !== sessionId) return;
    hold.connections = Math.max(0, hold.connections - 1);
    if (hold.connections === 0) hold.heldUntil = this.clock.now() + this.graceMs;
  }

  /** The session ended: its nickname is free at once. */
  release(sessionId: string): void {
    const key = this.keyOf.get(sessionId);
    if (key === undefined) return;
    this.keyOf.delete(sessionId);
    if (this.byKey.get(key)?.sessionId === sessionId) this.byKey.delete(key);
  }

  /** Forgets holds that lapsed (keeps memory bounded). */
  sweep(): void {
    const now = this.clock.now();
    for (const [key, hold] of this.byKey) {
      if (hold.connections === 0 && hold.heldUntil <= now) {
        this.byKey.delete(key);
        if (this.keyOf.get(hold.sessionId) === key) this.keyOf.delete(hold.sessionId);
      }
    }
  }
}
