import type { Kysely, Selectable } from 'kysely';
import type { Database, RegistrationTable } from './schema.js';

export type RegistrationRow = Selectable<RegistrationTable>;

/** E5: registered nicknames (nickname + argon2id password hash, no e-mail). */
export class RegistrationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async byKey(nicknameKey: string): Promise<RegistrationRow | null> {
    return (
      (await this.db
        .selectFrom('registrations')
        .selectAll()
        .where('nickname_key', '=', nicknameKey)
        .executeTakeFirst()) ?? null
    );
  }

  async byUser(userId: string): Promise<RegistrationRow | null> {
    return (
      (await this.db
        .selectFrom('registrations')
        .selectAll()
        .where('user_id', '=', userId)
        .executeTakeFirst()) ?? null
    );
  }

  /** Registers; false when the nickname (or the user) is registered already. */
  async create(row: RegistrationRow): Promise<boolean> {
    const result = await this.db
      .insertInto('registrations')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }
}
