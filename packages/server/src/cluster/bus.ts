import type { ServerMessage } from '@salon/protocol';

/** A room event travelling between the nodes that have members in the room. */
export interface RoomEvent {
  roomId: string;
  event: ServerMessage;
  /** The user the event is about or from: recipients are filtered by blocks (P3). */
  authorId?: string;
  /** Do not deliver to this session (e.g. its own typing notice). */
  exceptSession?: string;
  /**
   * For events from another node: whom each user the event is about blocks (P3), as known where
   * those users are connected. Absent for users who block nobody.
   */
  blockedBy?: Record<string, readonly string[]>;
}

/** An event for every connection of one user (private messages, invitations). */
export interface UserEvent {
  userId: string;
  event: ServerMessage;
}

/** An order every node carries out on its own connections (the session may be on any node). */
export type ControlEvent =
  | { op: 'remove'; roomId: string; sessionId: string }
  | { op: 'end'; sessionId: string; closeCode: number }
  /** Staff restrictions (T2, T4) or suspensions (S1) changed: read them again from the store. */
  | { op: 'reload'; what: 'restrictions' | 'suspensions' };

/**
 * Carries events to every node (DESIGN "Shape"). The in-process bus delivers to this node only;
 * a Redis bus carries the same events across nodes.
 */
export interface Bus {
  publish(event: RoomEvent): void;
  publishToUser(event: UserEvent): void;
  /** Events for everyone connected (room counts). */
  publishGlobal(event: ServerMessage): void;
  /** Runs on every node, this one included. */
  publishControl(event: ControlEvent): void;
  /** Runs on every other node only (this one already did it; nothing to do on one process). */
  publishControlToOthers(event: ControlEvent): void;
  /** This node has members in the room (first one) or no longer has any: (un)subscribe. */
  watchRoom(roomId: string): Promise<void>;
  unwatchRoom(roomId: string): void;
  /** This node has connections of the user (first one) or no longer has any. */
  watchUser(userId: string): Promise<void>;
  unwatchUser(userId: string): void;
  close(): Promise<void>;
}

export interface BusDelivery {
  /** `frame` is the event already encoded, when it came from another node. */
  room(event: RoomEvent, frame?: string): void;
  user(event: UserEvent): void;
  global(event: ServerMessage): void;
  control(event: ControlEvent): void;
}

export class LocalBus implements Bus {
  constructor(private readonly deliver: BusDelivery) {}

  publish(event: RoomEvent): void {
    this.deliver.room(event);
  }

  publishToUser(event: UserEvent): void {
    this.deliver.user(event);
  }

  publishGlobal(event: ServerMessage): void {
    this.deliver.global(event);
  }

  publishControl(event: ControlEvent): void {
    this.deliver.control(event);
  }

  publishControlToOthers(): void {}

  watchRoom(): Promise<void> {
    return Promise.resolve();
  }

  unwatchRoom(): void {}

  watchUser(): Promise<void> {
    return Promise.resolve();
  }

  unwatchUser(): void {}

  close(): Promise<void> {
    return Promise.resolve();
  }
}
