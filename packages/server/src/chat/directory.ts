import type { RoomInfo } from '@salon/protocol';
import type { Config } from '../config/schema.js';
import type { RoomRow, Store } from '../store/index.js';
import { roomNotFound } from '../errors.js';

/** Finds rooms of every kind; the kind of a room never changes, so it is cached. */
export class RoomDirectory {
  private readonly kinds = new Map<string, RoomRow['kind']>();
  readonly publicRooms: Omit<RoomInfo, 'members'>[];

  constructor(
    private readonly store: Store,
    config: Readonly<Config>,
  ) {
    this.publicRooms = config.rooms.map((room) => ({
      id: room.id,
      kind: 'public' as const,
      name: room.name,
      topic: room.topic,
      adult: room.adult,
      keep: true,
      voice: room.voice,
    }));
    for (const room of config.rooms) this.kinds.set(room.id, 'public');
  }

  /** The room's kind, or null when it does not exist. */
  async kind(roomId: string): Promise<RoomRow['kind'] | null> {
    const known = this.kinds.get(roomId);
    if (known) return known;
    const row = await this.store.rooms.get(roomId);
    if (!row) return null;
    this.kinds.set(roomId, row.kind);
    return row.kind;
  }

  /** A public or private room, or ROOM_NOT_FOUND. */
  async room(roomId: string): Promise<RoomRow> {
    const row = await this.store.rooms.get(roomId);
    if (!row || row.kind === 'direct') throw roomNotFound();
    return row;
  }

  forget(roomId: string): void {
    this.kinds.delete(roomId);
  }
}

export function roomInfo(row: RoomRow, members: number): RoomInfo {
  return {
    id: row.id,
    kind: row.kind === 'public' ? 'public' : 'private',
    name: row.name,
    topic: row.topic,
    adult: row.adult,
    members,
    keep: row.kind === 'public' || row.keep,
    voice: row.voice,
  };
}
