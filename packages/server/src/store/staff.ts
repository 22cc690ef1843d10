import type { Kysely, Selectable } from 'kysely';
import type { Database, StaffSessionTable, StaffTable } from './schema.js';

export type StaffRow = Selectable<StaffTable>;
export type StaffSessionRow = Selectable<StaffSessionTable>;

/** O3: staff sessions, apart from chat sessions. Only the SHA-256 of each token is stored. */
export class StaffSessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(row: StaffSessionRow): Promise<void> {
    await this.db.insertInto('staff_sessions').values(row).execute();
  }

  /** The live session with this token hash, or null when unknown or expired. */
  async byTokenHash(tokenHash: string, now: number): Promise<StaffSessionRow | null> {
    const row = await this.db
      .selectFrom('staff_sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row ?? null;
  }

  async delete(tokenHash: string): Promise<void> {
    await this.db.deleteFrom('staff_sessions').where('token_hash', '=', tokenHash).execute();
  }

  /** Ends every session of one staff member. */
  async deleteAllFor(staffId: string): Promise<void> {
    await this.db.deleteFrom('staff_sessions').where('staff_id', '=', staffId).execute();
  }

  /** Removes sessions past their end. */
  async deleteExpired(now: number): Promise<void> {
    await this.db.deleteFrom('staff_sessions').where('expires_at', '<=', now).execute();
  }
}

/** O3: staff accounts (name, role, argon2id password, TOTP secret) and their enrolment. */
export class StaffRepository {
  readonly sessions: StaffSessionRepository;

  constructor(private readonly db: Kysely<Database>) {
    this.sessions = new StaffSessionRepository(db);
  }

  /** Creates an account; false when the name is taken (compared without regard to case). */
  async create(row: StaffRow): Promise<boolean> {
    if (await this.byName(row.name)) return false;
    const result = await this.db
      .insertInto('staff')
      .values(row)
      .onConflict((oc) => oc.doNothing())
      .executeTakeFirst();
    return Number(result.numInsertedOrUpdatedRows ?? 0) > 0;
  }

  /** The account with this name, compared without regard to case (names are ASCII). */
  async byName(name: string): Promise<StaffRow | null> {
    return (
      (await this.db
        .selectFrom('staff')
        .selectAll()
        .where((eb) => eb(eb.fn('lower', ['name']), '=', name.toLowerCase()))
        .executeTakeFirst()) ?? null
    );
  }

  async byId(id: string): Promise<StaffRow | null> {
    return (await this.db.selectFrom('staff').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  /** The account whose enrolment token has this hash, while it is unused and unexpired. */
  async byEnrolHash(enrolHash: string, now: number): Promise<StaffRow | null> {
    return (
      (await this.db
        .selectFrom('staff')
        .selectAll()
        .where('enrol_hash', '=', enrolHash)
        .where('enrol_expires_at', '>', now)
        .executeTakeFirst()) ?? null
    );
  }

  /**
   * First enrolment step: stores the password hash and a TOTP secret, keeping the token valid until
   * a first code confirms them. False when the token was used meanwhile.
   */
  async setCredentials(
    id: string,
    enrolHash: string,
    passwordHash: string,
    totpSecret: string,
  ): Promise<boolean> {
    const result = await this.db
      .updateTable('staff')
      .set({ password_hash: passwordHash, totp_secret: totpSecret })
      .where('id', '=', id)
      .where('enrol_hash', '=', enrolHash)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** Disables an account: it can no longer log in, and its open sessions stop working. */
  async disable(id: string, now: number): Promise<void> {
    await this.db
      .updateTable('staff')
      .set({ disabled_at: now })
      .where('id', '=', id)
      .where('disabled_at', 'is', null)
      .execute();
  }

  /** Second step: clears the token and marks the account enrolled. False when it was used meanwhile. */
  async completeEnrolment(id: string, enrolHash: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('staff')
      .set({ enrol_hash: null, enrol_expires_at: null, enrolled_at: now })
      .where('id', '=', id)
      .where('enrol_hash', '=', enrolHash)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }
}
