import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** Small server-wide values shared by every node (e.g. the secret used to hash addresses). */
export class SettingRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The stored value for `key`; when there is none, stores `make()` first. Safe across nodes. */
  async getOrCreate(key: string, make: () => string): Promise<string> {
    await this.db
      .insertInto('settings')
      .values({ key, value: make() })
      .onConflict((oc) => oc.column('key').doNothing())
      .execute();
    const row = await this.db
      .selectFrom('settings')
      .select('value')
      .where('key', '=', key)
      .executeTakeFirstOrThrow();
    return row.value;
  }
}
