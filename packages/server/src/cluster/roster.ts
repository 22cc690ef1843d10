import type { Member } from '@salon/protocol';
import type { Hub } from '../chat/hub.js';

/** What changed in a room's membership across the whole service. */
export interface RosterChange {
  /** The session became a member (join) or stopped being one anywhere (leave). */
  changed: boolean;
  /** Members of the room across the service, after the change. */
  count: number;
}

/**
 * Room membership and who is online, across every node of the service (R6, O1). The hub knows
 * the connections of this node; the roster knows the members of every node. On one process it
 * is the hub itself; in a cluster it lives in Redis.
 */
export interface Roster {
  /** This node now has the session in the room (its first connection there joined). */
  join(roomId: string, member: Member): Promise<RosterChange>;
  /** This node no longer has the session in the room. */
  leave(roomId: string, sessionId: string): Promise<RosterChange>;
  /** A member's role, mute or presence changed. Unknown members are ignored. */
  update(roomId: string, member: Member): Promise<void>;
  members(roomId: string): Promise<Member[]>;
  member(roomId: string, sessionId: string): Promise<Member | null>;
  count(roomId: string): Promise<number>;
  isMember(roomId: string, sessionId: string): Promise<boolean>;
  /** The last count this node saw for the room, without waiting (public room list). */
  knownCount(roomId: string): number;
  /** Remembers a count announced by any node (room.count events). */
  noteCount(roomId: string, count: number): void;
  /** This node opened the session's first connection, or closed its last one. */
  sessionUp(sessionId: string): Promise<void>;
  sessionDown(sessionId: string): Promise<void>;
  /** Whether the session has a connection open on any node. */
  online(sessionId: string): Promise<boolean>;
  close(): Promise<void>;
}

/** One process: the hub is the whole truth. */
export class LocalRoster implements Roster {
  constructor(private readonly hub: Hub) {}

  join(roomId: string): Promise<RosterChange> {
    return Promise.resolve({ changed: true, count: this.hub.count(roomId) });
  }

  leave(roomId: string): Promise<RosterChange> {
    return Promise.resolve({ changed: true, count: this.hub.count(roomId) });
  }

  update(): Promise<void> {
    return Promise.resolve();
  }

  members(roomId: string): Promise<Member[]> {
    return Promise.resolve(this.hub.members(roomId));
  }

  member(roomId: string, sessionId: string): Promise<Member | null> {
    return Promise.resolve(this.hub.member(roomId, sessionId));
  }

  count(roomId: string): Promise<number> {
    return Promise.resolve(this.hub.count(roomId));
  }

  isMember(roomId: string, sessionId: string): Promise<boolean> {
    return Promise.resolve(this.hub.isMember(roomId, sessionId));
  }

  knownCount(roomId: string): number {
    return this.hub.count(roomId);
  }

  noteCount(): void {}

  sessionUp(): Promise<void> {
    return Promise.resolve();
  }

  sessionDown(): Promise<void> {
    return Promise.resolve();
  }

  online(sessionId: string): Promise<boolean> {
    return Promise.resolve(this.hub.isConnected(sessionId));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
