import type { Kysely } from 'kysely';
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

  async of(messages: readonly { roomId: string; seq: number }[]): Promise<AuthorAddressRow[]> {
    const found: AuthorAddressRow[] = [];
    for (const { roomId, seq } of messages) {
      const row = await this.db
        .selectFrom('author_addresses')
        .selectAll()
        .where('room_id', '=', roomId)
        .where('seq', '=', seq)
        .executeTakeFirst();
      if (row) found.push(numeric(row));
    }
    return found;
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
  async purge(before: number, keep: ReadonlySet<string>): Promise<number> {
    const old = await this.db
      .selectFrom('author_addresses')
      .select(['room_id', 'seq'])
      .where('at', '<', before)
      .execute();
    let deleted = 0;
    for (const row of old) {
      if (keep.has(`${row.room_id}:${Number(row.seq)}`)) continue;
      await this.db
        .deleteFrom('author_addresses')
        .where('room_id', '=', row.room_id)
        .where('seq', '=', row.seq)
        .execute();
      deleted += 1;
    }
    return deleted;
  }
}
