import type { Kysely, Selectable } from 'kysely';
import type { Database, RoomTable } from './schema.js';

export type RoomKindStored = 'public' | 'private' | 'direct';

export interface RoomRow {
  id: string;
  kind: RoomKindStored;
  name: string;
  topic: string;
  adult: boolean;
  lastSeq: number;
  ownerId: string | null;
  keep: boolean;
  /** V1: a voice room. */
  voice: boolean;
  emptySince: number | null;
}

export interface PublicRoomInput {
  id: string;
  name: string;
  topic: string;
  adult: boolean;
  voice?: boolean;
}

export class RoomRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Creates or updates the operator's public rooms (R1); sequence numbers are kept. */
  async syncPublic(rooms: readonly PublicRoomInput[], now: number): Promise<void> {
    for (const room of rooms) {
      const adult = room.adult ? 1 : 0;
      const voice = room.voice ? 1 : 0;
      const { name, topic } = room;
      await this.db
        .insertInto('rooms')
        .values({ id: room.id, kind: 'public', name, topic, adult, voice, created_at: now })
        .onConflict((oc) => oc.column('id').doUpdateSet({ name, topic, adult, voice }))
        .execute();
    }
  }

  /** R2/P1: a private room (with its owner) or a direct conversation's room. */
  async create(room: {
    id: string;
    kind: 'private' | 'direct';
    name: string;
    topic: string;
    ownerId: string | null;
    now: number;
    voice?: boolean;
  }): Promise<void> {
    await this.db
      .insertInto('rooms')
      .values({
        id: room.id,
        kind: room.kind,
        name: room.name,
        topic: room.topic,
        adult: 0,
        voice: room.voice ? 1 : 0,
        created_at: room.now,
        owner_id: room.ownerId,
        empty_since: room.kind === 'private' ? room.now : null,
      })
      .execute();
  }

  async get(id: string): Promise<RoomRow | null> {
    const row = await this.db.selectFrom('rooms').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? toRoom(row) : null;
  }

  async lastSeq(id: string): Promise<number> {
    const row = await this.db.selectFrom('rooms').select('last_seq').where('id', '=', id).executeTakeFirst();
    return row ? Number(row.last_seq) : 0;
  }

  async update(
    id: string,
    changes: { keep?: boolean; ownerId?: string; emptySince?: number | null },
  ): Promise<void> {
    const set: Partial<{ keep: number; owner_id: string; empty_since: number | null }> = {};
    if (changes.keep !== undefined) set.keep = changes.keep ? 1 : 0;
    if (changes.ownerId !== undefined) set.owner_id = changes.ownerId;
    if (changes.emptySince !== undefined) set.empty_since = changes.emptySince;
    await this.db.updateTable('rooms').set(set).where('id', '=', id).execute();
  }

  /** R2: private rooms empty since before `before` and not kept. */
  async abandoned(before: number): Promise<string[]> {
    const rows = await this.db
      .selectFrom('rooms')
      .select('id')
      .where('kind', '=', 'private')
      .where('keep', '=', 0)
      .where('empty_since', 'is not', null)
      .where('empty_since', '<=', before)
      .execute();
    return rows.map((r) => r.id);
  }

  /** Deletes a room with its messages, members, links and invitations. */
  async delete(id: string): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      for (const table of [
        'messages',
        'room_members',
        'room_bans',
        'room_links',
        'room_invitations',
        'room_reads',
      ] as const) {
        await trx.deleteFrom(table).where('room_id', '=', id).execute();
      }
      await trx.deleteFrom('rooms').where('id', '=', id).execute();
    });
  }
}

function toRoom(row: Selectable<RoomTable>): RoomRow {
  return {
    id: row.id,
    kind: row.kind as RoomKindStored,
    name: row.name,
    topic: row.topic,
    adult: Boolean(row.adult),
    lastSeq: Number(row.last_seq),
    ownerId: row.owner_id,
    keep: Boolean(row.keep),
    voice: Boolean(row.voice),
    emptySince: row.empty_since === null ? null : Number(row.empty_since),
  };
}
