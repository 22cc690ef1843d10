import type { Member, PresenceStatus, RoomRole, ServerMessage, UserCard } from '@salon/protocol';
import { fanoutWritten, type FanoutSink } from '../observability/fanout.js';

/** A connected client as the hub sees it: gateway connections implement this. */
export interface Subscriber {
  readonly sessionId: string;
  /** Writes one already-encoded frame. */
  sendFrame(frame: string): void;
  /** Closes the connection with a WebSocket close code. */
  close(code: number, reason: string): void;
}

export interface HubEvents {
  /** A session became a member of a room on this node (first connection joined). */
  memberJoined(roomId: string, member: Member): Promise<void>;
  /** A session stopped being a member on this node (left, or its grace ran out). */
  memberLeft(roomId: string, sessionId: string): void;
  /** The room has its first member on this node: its events must reach this node from now on. */
  roomOpened(roomId: string): Promise<void>;
  /** The room has no member left on this node. */
  roomClosed(roomId: string): void;
  /** The session has its first connection on this node, or no connection left. */
  sessionOpened(sessionId: string): void;
  sessionClosed(sessionId: string): void;
}

/** Role and mute of a member in one room (R3). */
export interface RoomStanding {
  role: RoomRole;
  mutedUntil: number | null;
}

interface Membership extends RoomStanding {
  connections: Set<Subscriber>;
}

/** Decides per recipient whether an event is delivered (P3 blocks). */
export type RecipientFilter = (recipientId: string) => boolean;

/**
 * Who is connected and who is in which room, on this node. Room membership belongs to a session;
 * each of its connections that joined the room receives the room's events. When a session's last
 * connection in a room drops, it stays a member for `graceMs` so a quick reconnect (R7) does not
 * show it leaving and coming back.
 */
export class Hub {
  private readonly sessions = new Map<string, Set<Subscriber>>();
  private readonly rooms = new Map<string, Map<string, Membership>>();
  private readonly cards = new Map<string, UserCard & { status: PresenceStatus }>();
  private readonly graceTimers = new Map<string, NodeJS.Timeout>();
  private fanoutSink: FanoutSink | null = null;

  constructor(
    private readonly graceMs: number,
    private readonly events: HubEvents,
  ) {}

  /** Where fan-out times of stored messages are recorded (O4 metrics). */
  instrument(sink: FanoutSink): void {
    this.fanoutSink = sink;
  }

  /** Rooms with at least one member on this node (members in their reconnect grace included). */
  activeRooms(): number {
    return this.rooms.size;
  }

  connect(subscriber: Subscriber, card: UserCard): void {
    let connections = this.sessions.get(subscriber.sessionId);
    if (!connections) {
      connections = new Set();
      this.sessions.set(subscriber.sessionId, connections);
      this.events.sessionOpened(subscriber.sessionId);
    }
    connections.add(subscriber);
    const known = this.cards.get(subscriber.sessionId);
    this.cards.set(subscriber.sessionId, { ...card, status: known?.status ?? 'online' });
  }

  disconnect(subscriber: Subscriber): void {
    const connections = this.sessions.get(subscriber.sessionId);
    connections?.delete(subscriber);
    if (connections?.size === 0) {
      this.sessions.delete(subscriber.sessionId);
      this.events.sessionClosed(subscriber.sessionId);
    }
    for (const [roomId, members] of this.rooms) {
      const membership = members.get(subscriber.sessionId);
      if (!membership?.connections.delete(subscriber) || membership.connections.size > 0) continue;
      this.scheduleRemoval(roomId, subscriber.sessionId);
    }
  }

  isConnected(sessionId: string): boolean {
    return this.sessions.has(sessionId);
  }

  card(sessionId: string): UserCard | null {
    const card = this.cards.get(sessionId);
    if (!card) return null;
    const { status: _status, ...rest } = card;
    return rest;
  }

  private timerKey(roomId: string, sessionId: string): string {
    return `${roomId}\u0000${sessionId}`;
  }

  private scheduleRemoval(roomId: string, sessionId: string): void {
    const key = this.timerKey(roomId, sessionId);
    clearTimeout(this.graceTimers.get(key));
    const timer = setTimeout(() => {
      this.graceTimers.delete(key);
      if (this.rooms.get(roomId)?.get(sessionId)?.connections.size === 0) this.remove(roomId, sessionId);
    }, this.graceMs);
    timer.unref();
    this.graceTimers.set(key, timer);
  }

  /**
   * Subscribes a connection to a room; resolves once the room's events reach this node and the
   * membership is announced. Resolves to true when its session just became a member here.
   */
  async join(subscriber: Subscriber, roomId: string, standing: RoomStanding): Promise<boolean> {
    let members = this.rooms.get(roomId);
    let opened: Promise<void> | null = null;
    if (!members) {
      members = new Map();
      this.rooms.set(roomId, members);
      opened = this.events.roomOpened(roomId);
    }
    const key = this.timerKey(roomId, subscriber.sessionId);
    clearTimeout(this.graceTimers.get(key));
    this.graceTimers.delete(key);
    const membership = members.get(subscriber.sessionId);
    if (membership) {
      membership.connections.add(subscriber);
      Object.assign(membership, standing);
      await opened;
      return false;
    }
    members.set(subscriber.sessionId, { ...standing, connections: new Set([subscriber]) });
    const member = this.member(roomId, subscriber.sessionId);
    await opened;
    if (member) await this.events.memberJoined(roomId, member);
    return true;
  }

  /** Removes a session from a room, all its connections included. Returns false if it was not in it. */
  remove(roomId: string, sessionId: string): boolean {
    const members = this.rooms.get(roomId);
    if (!members?.delete(sessionId)) return false;
    clearTimeout(this.graceTimers.get(this.timerKey(roomId, sessionId)));
    this.graceTimers.delete(this.timerKey(roomId, sessionId));
    if (members.size === 0) {
      this.rooms.delete(roomId);
      this.events.roomClosed(roomId);
    }
    this.events.memberLeft(roomId, sessionId);
    return true;
  }

  /** The session ended (it left Salon): closes its connections and removes it from every room. */
  endSession(sessionId: string, closeCode: number): void {
    for (const subscriber of [...(this.sessions.get(sessionId) ?? [])])
      subscriber.close(closeCode, 'session ended');
    for (const roomId of [...this.rooms.keys()]) this.remove(roomId, sessionId);
    this.cards.delete(sessionId);
  }

  isMember(roomId: string, sessionId: string): boolean {
    return this.rooms.get(roomId)?.has(sessionId) ?? false;
  }

  standing(roomId: string, sessionId: string): RoomStanding | null {
    const membership = this.rooms.get(roomId)?.get(sessionId);
    return membership ? { role: membership.role, mutedUntil: membership.mutedUntil } : null;
  }

  /** Changes a member's role or mute; returns the updated member, or null if not a member here. */
  setStanding(roomId: string, sessionId: string, changes: Partial<RoomStanding>): Member | null {
    const membership = this.rooms.get(roomId)?.get(sessionId);
    if (!membership) return null;
    Object.assign(membership, changes);
    return this.member(roomId, sessionId);
  }

  count(roomId: string): number {
    return this.rooms.get(roomId)?.size ?? 0;
  }

  /** One member of a room on this node, or null. */
  member(roomId: string, sessionId: string): Member | null {
    const membership = this.rooms.get(roomId)?.get(sessionId);
    const card = this.cards.get(sessionId);
    if (!membership || !card) return null;
    return { ...card, role: membership.role, mutedUntil: membership.mutedUntil };
  }

  /** Members of a room, optionally only those `visible` accepts. */
  members(roomId: string, visible: RecipientFilter = () => true): Member[] {
    const members = this.rooms.get(roomId);
    if (!members) return [];
    return [...members.keys()].filter(visible).flatMap((id) => this.member(roomId, id) ?? []);
  }

  roomsOf(sessionId: string): string[] {
    return [...this.rooms].filter(([, members]) => members.has(sessionId)).map(([roomId]) => roomId);
  }

  /** Sets a session's presence; returns the rooms it is in when the status changed. */
  setStatus(sessionId: string, status: PresenceStatus): string[] {
    const card = this.cards.get(sessionId);
    if (!card || card.status === status) return [];
    card.status = status;
    return this.roomsOf(sessionId);
  }

  /**
   * Sends one event to every connection in a room that `deliver` accepts, encoding it once (or
   * not at all when the frame arrives already encoded from another node).
   */
  toRoom(
    roomId: string,
    event: ServerMessage,
    deliver: RecipientFilter = () => true,
    encoded?: string,
  ): void {
    const members = this.rooms.get(roomId);
    if (!members) return;
    const frame = encoded ?? JSON.stringify(event);
    let written = false;
    for (const [sessionId, membership] of members) {
      if (!deliver(sessionId)) continue;
      for (const connection of membership.connections) {
        connection.sendFrame(frame);
        written = true;
      }
    }
    if (written) this.written(event);
  }

  /** Every membership held on this node, as members (to list them again in a fresh Redis). */
  *memberships(): Generator<{ roomId: string; member: Member }> {
    for (const [roomId, members] of this.rooms) {
      for (const sessionId of members.keys()) {
        const member = this.member(roomId, sessionId);
        if (member) yield { roomId, member };
      }
    }
  }

  /** Sessions with a connection on this node. */
  connectedSessions(): string[] {
    return [...this.sessions.keys()];
  }

  /** Closes every connection of this node (their clients reconnect and resume, R7). */
  closeAll(code: number, reason: string): void {
    for (const connections of [...this.sessions.values()])
      for (const subscriber of [...connections]) subscriber.close(code, reason);
  }

  /**
   * Sends each member's own frame, or none when `frameFor` returns null (events whose content
   * depends on the recipient); recipients getting the same string share its encoding.
   */
  toRoomEach(roomId: string, frameFor: (recipientId: string) => string | null): void {
    const members = this.rooms.get(roomId);
    if (!members) return;
    for (const [sessionId, membership] of members) {
      const frame = frameFor(sessionId);
      if (frame === null) continue;
      for (const connection of membership.connections) connection.sendFrame(frame);
    }
  }

  /** Sends one event to every connection of one session. */
  toSession(sessionId: string, event: ServerMessage): void {
    const connections = this.sessions.get(sessionId);
    if (!connections) return;
    const frame = JSON.stringify(event);
    for (const connection of connections) connection.sendFrame(frame);
    this.written(event);
  }

  /** Sends one event to every connection of this node. */
  toEveryone(event: ServerMessage): void {
    const frame = JSON.stringify(event);
    for (const connections of this.sessions.values()) {
      for (const connection of connections) connection.sendFrame(frame);
    }
  }

  private written(event: ServerMessage): void {
    if (this.fanoutSink) fanoutWritten(event, this.fanoutSink);
  }

  close(): void {
    for (const timer of this.graceTimers.values()) clearTimeout(timer);
    this.graceTimers.clear();
  }
}
