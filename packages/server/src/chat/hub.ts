import type { Member, PresenceStatus, ServerMessage } from '@salon/protocol';

/** A connected client as the hub sees it: gateway connections implement this. */
export interface Subscriber {
  readonly sessionId: string;
  /** Writes one already-encoded frame. */
  sendFrame(frame: string): void;
  /** Closes the connection with a WebSocket close code. */
  close(code: number, reason: string): void;
}

export interface HubEvents {
  /** A session became a member of a room (first connection joined). */
  memberJoined(roomId: string, member: Member): void;
  /** A session stopped being a member (left, or its grace ran out). */
  memberLeft(roomId: string, sessionId: string): void;
}

/**
 * Who is connected and who is in which room, on this node. Room membership belongs to a session;
 * each of its connections that joined the room receives the room's events. When a session's last
 * connection in a room drops, it stays a member for `graceMs` so a quick reconnect (R7) does not
 * show it leaving and coming back.
 */
export class Hub {
  private readonly subscribers = new Set<Subscriber>();
  private readonly rooms = new Map<string, Map<string, Set<Subscriber>>>();
  private readonly profiles = new Map<string, Member>();
  private readonly graceTimers = new Map<string, NodeJS.Timeout>();

  constructor(
    private readonly graceMs: number,
    private readonly events: HubEvents,
  ) {}

  connect(subscriber: Subscriber, profile: Omit<Member, 'status'>): void {
    this.subscribers.add(subscriber);
    const known = this.profiles.get(subscriber.sessionId);
    this.profiles.set(subscriber.sessionId, { ...profile, status: known?.status ?? 'online' });
  }

  disconnect(subscriber: Subscriber): void {
    this.subscribers.delete(subscriber);
    for (const [roomId, members] of this.rooms) {
      const connections = members.get(subscriber.sessionId);
      if (!connections?.delete(subscriber) || connections.size > 0) continue;
      this.scheduleRemoval(roomId, subscriber.sessionId);
    }
  }

  private timerKey(roomId: string, sessionId: string): string {
    return `${roomId}\u0000${sessionId}`;
  }

  private scheduleRemoval(roomId: string, sessionId: string): void {
    const key = this.timerKey(roomId, sessionId);
    clearTimeout(this.graceTimers.get(key));
    const timer = setTimeout(() => {
      this.graceTimers.delete(key);
      if (this.rooms.get(roomId)?.get(sessionId)?.size === 0) this.remove(roomId, sessionId);
    }, this.graceMs);
    timer.unref();
    this.graceTimers.set(key, timer);
  }

  /** Subscribes a connection to a room. Returns true when its session just became a member. */
  join(subscriber: Subscriber, roomId: string): boolean {
    let members = this.rooms.get(roomId);
    if (!members) {
      members = new Map();
      this.rooms.set(roomId, members);
    }
    const key = this.timerKey(roomId, subscriber.sessionId);
    clearTimeout(this.graceTimers.get(key));
    this.graceTimers.delete(key);
    const connections = members.get(subscriber.sessionId);
    if (connections) {
      connections.add(subscriber);
      return false;
    }
    members.set(subscriber.sessionId, new Set([subscriber]));
    const profile = this.profiles.get(subscriber.sessionId);
    if (profile) this.events.memberJoined(roomId, profile);
    return true;
  }

  /** Removes a session from a room, all its connections included. Returns false if it was not in it. */
  remove(roomId: string, sessionId: string): boolean {
    const members = this.rooms.get(roomId);
    if (!members?.delete(sessionId)) return false;
    clearTimeout(this.graceTimers.get(this.timerKey(roomId, sessionId)));
    this.graceTimers.delete(this.timerKey(roomId, sessionId));
    if (members.size === 0) this.rooms.delete(roomId);
    this.events.memberLeft(roomId, sessionId);
    return true;
  }

  /** The session ended (it left Salon): closes its connections and removes it from every room. */
  endSession(sessionId: string, closeCode: number): void {
    for (const subscriber of [...this.subscribers]) {
      if (subscriber.sessionId === sessionId) subscriber.close(closeCode, 'session ended');
    }
    for (const roomId of [...this.rooms.keys()]) this.remove(roomId, sessionId);
    this.profiles.delete(sessionId);
  }

  isMember(roomId: string, sessionId: string): boolean {
    return this.rooms.get(roomId)?.has(sessionId) ?? false;
  }

  /** True when this connection joined the room. */
  isSubscribed(roomId: string, subscriber: Subscriber): boolean {
    return this.rooms.get(roomId)?.get(subscriber.sessionId)?.has(subscriber) ?? false;
  }

  count(roomId: string): number {
    return this.rooms.get(roomId)?.size ?? 0;
  }

  members(roomId: string): Member[] {
    const members = this.rooms.get(roomId);
    if (!members) return [];
    return [...members.keys()].flatMap((id) => {
      const profile = this.profiles.get(id);
      return profile ? [profile] : [];
    });
  }

  roomsOf(sessionId: string): string[] {
    return [...this.rooms].filter(([, members]) => members.has(sessionId)).map(([roomId]) => roomId);
  }

  /** Sets a session's presence; returns the rooms it is in when the status changed. */
  setStatus(sessionId: string, status: PresenceStatus): string[] {
    const profile = this.profiles.get(sessionId);
    if (!profile || profile.status === status) return [];
    profile.status = status;
    return this.roomsOf(sessionId);
  }

  /** Sends one event to every connection in a room, encoding it once. */
  toRoom(roomId: string, event: ServerMessage, exceptSession?: string): void {
    const members = this.rooms.get(roomId);
    if (!members) return;
    const frame = JSON.stringify(event);
    for (const [sessionId, connections] of members) {
      if (sessionId === exceptSession) continue;
      for (const connection of connections) connection.sendFrame(frame);
    }
  }

  /** Sends one event to every connection of this node. */
  toEveryone(event: ServerMessage): void {
    const frame = JSON.stringify(event);
    for (const subscriber of this.subscribers) subscriber.sendFrame(frame);
  }

  close(): void {
    for (const timer of this.graceTimers.values()) clearTimeout(timer);
    this.graceTimers.clear();
  }
}
