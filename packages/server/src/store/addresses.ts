import type { Kysely } from 'kysely';
import { seqsByRoom, type MessageKey } from './message-keys.js';
import type { AuthorAddressTable, Database } from './schema.js';

export type AuthorAddressRow = AuthorAddressTable;

const numeric = (row: AuthorAddressTable): AuthorAddressRow => ({
  ...row,
  seq: Number(row.seq),
  at: Number(row.at),
});

/** T11: sealed author addresses, one per stored message. */
export class AddressRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async put(row: AuthorAddressRow): Promise<void> {
    await this.db
      .insertInto('author_addresses')
      .values(row)
      .onConflict((oc) => oc.columns(['room_id', 'seq']).doNothing())
      .execute();
  }

  async of(messages: readonly MessageKey[]): Promise<AuthorAddressRow[]> {
    const rooms = seqsByRoom(messages);
    if (rooms.size === 0) return [];
    const rows = await this.db
      .selectFrom('author_addresses')
      .selectAll()
      .where((eb) =>
        eb.or(
          [...rooms].map(([roomId, seqs]) => eb.and([eb('room_id', '=', roomId), eb('seq', 'in', seqs)])),
        ),
      )
      .orderBy('room_id')
      .orderBy('seq')
      .execute();
    return rows.map(numeric);
  }

  async latestOf(userId: string): Promise<AuthorAddressRow | null> {
    const row = await this.db
      .selectFrom('author_addresses')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('at', 'desc')
      .limit(1)
      .executeTakeFirst();
    return row ? numeric(row) : null;
  }

  /** T11: deletes addresses older than `before`, except those of the kept messages. Returns how many. */
  async purge(before: number, keep: ReadonlyMap<string, number[]>): Promise<number> {
    let query = this.db.deleteFrom('author_addresses').where('at', '<', before);
    if (keep.size > 0) {
      query = query.where((eb) =>
        eb.not(
          eb.or(
            [...keep].map(([roomId, seqs]) => eb.and([eb('room_id', '=', roomId), eb('seq', 'in', seqs)])),
          ),
        ),
      );
    }
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }
}
