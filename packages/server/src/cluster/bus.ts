import type { ServerMessage } from '@salon/protocol';

/** A room event travelling between the nodes that have members in the room. */
export interface RoomEvent {
  roomId: string;
  event: ServerMessage;
  /** The user the event is about or from: recipients are filtered by blocks (P3). */
  authorId?: string;
  /** Do not deliver to this session (e.g. its own typing notice). */
  exceptSession?: string;
}

/** An event for every connection of one user (private messages, invitations). */
export interface UserEvent {
  userId: string;
  event: ServerMessage;
}

/**
 * Carries events to every node (DESIGN "Shape"). The in-process bus delivers to this node only;
 * a Redis bus carries the same events across nodes.
 */
export interface Bus {
  publish(event: RoomEvent): void;
  publishToUser(event: UserEvent): void;
  /** Events for everyone connected (room counts). */
  publishGlobal(event: ServerMessage): void;
  close(): Promise<void>;
}

export interface BusDelivery {
  room(event: RoomEvent): void;
  user(event: UserEvent): void;
  global(event: ServerMessage): void;
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

  close(): Promise<void> {
    return Promise.resolve();
  }
}
