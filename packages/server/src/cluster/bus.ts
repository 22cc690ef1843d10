import type { ServerMessage } from '@salon/protocol';

/** A room event travelling between the nodes that have members in the room. */
export interface RoomEvent {
  roomId: string;
  event: ServerMessage;
  /** Do not deliver to this session (e.g. its own typing notice). */
  exceptSession?: string;
}

/**
 * Carries room events to every node (DESIGN "Shape"). The in-process bus delivers to this node
 * only; a Redis bus carries the same events across nodes.
 */
export interface Bus {
  publish(event: RoomEvent): void;
  /** Events for everyone connected (room counts). */
  publishGlobal(event: ServerMessage): void;
  close(): Promise<void>;
}

export interface BusDelivery {
  room(event: RoomEvent): void;
  global(event: ServerMessage): void;
}

export class LocalBus implements Bus {
  constructor(private readonly deliver: BusDelivery) {}

  publish(event: RoomEvent): void {
    this.deliver.room(event);
  }

  publishGlobal(event: ServerMessage): void {
    this.deliver.global(event);
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
