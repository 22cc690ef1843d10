import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

export interface RoomRow {
  id: string;
  kind: 'public';
  name: string;
  topic: string;
  adult: boolean;
  lastSeq: number;
}

export interface PublicRoomInput {
  id: string;
  name: string;
  topic: string;
  adult: boolean;
}

export class RoomRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Creates or updates the operator's public rooms (R1); sequence numbers are kept. */
  async syncPublic(rooms: readonly PublicRoomInput[], now: number): Promise<void> {
    for (const room of rooms) {
      await this.db
        .insertInto('rooms')
        .values({
          id: room.id,
          kind: 'public',
          name: room.name,
          topic: room.topic,
          adult: room.adult ? 1 : 0,
          created_at: now,
        })
        .onConflict((oc) =>
          oc.column('id').doUpdateSet({ name: room.name, topic: room.topic, adult: room.adult ? 1 : 0 }),
        )
        .execute();
    }
  }

  async get(id: string): Promise<RoomRow | null> {
    const row = await this.db.selectFrom('rooms').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRoom(row) : null;
  }

  async lastSeq(id: string): Promise<number> {
    const row = await this.db.selectFrom('rooms').select('last_seq').where('id', '=', id).executeTakeFirst();
    return row ? Number(row.last_seq) : 0;
  }
}

function toRoom(row: { id: string; name: string; topic: string; adult: number; last_seq: number }): RoomRow {
  return {
    id: row.id,
    kind: 'public',
    name: row.name,
    topic: row.topic,
    adult: Boolean(row.adult),
    lastSeq: Number(row.last_seq),
  };
}
