import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** E3: refused devices and addresses, by hashed key, until a time. */
export class RefusalRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** Refuses every key until `until` (a later existing refusal is kept). */
  async refuse(keys: string[], until: number): Promise<void> {
    for (const key of keys) {
      await this.db
        .insertInto('age_refusals')
        .values({ key, until })
        .onConflict((oc) =>
          oc.column('key').doUpdateSet((eb) => ({
            until: eb
              .case()
              .when('age_refusals.until', '<', until)
              .then(until)
              .else(eb.ref('age_refusals.until'))
              .end(),
          })),
        )
        .execute();
    }
  }

  /** The latest refusal end among `keys` that is still in force at `now`, or null. */
  async activeUntil(keys: string[], now: number): Promise<number | null> {
    if (keys.length === 0) return null;
    const row = await this.db
      .selectFrom('age_refusals')
      .select((eb) => eb.fn.max('until').as('until'))
      .where('key', 'in', keys)
      .where('until', '>', now)
      .executeTakeFirst();
    return row?.until == null ? null : Number(row.until);
  }
}
