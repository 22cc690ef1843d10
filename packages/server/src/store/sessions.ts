import type { Kysely } from 'kysely';
import type { Database, SessionTable } from './schema.js';

export type SessionRow = SessionTable;

export class SessionRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async create(row: SessionRow): Promise<void> {
    await this.db.insertInto('sessions').values(row).execute();
  }

  /** The live session with this token hash, or null when unknown, ended or expired. */
  async byTokenHash(tokenHash: string, now: number): Promise<SessionRow | null> {
    const row = await this.db
      .selectFrom('sessions')
      .selectAll()
      .where('token_hash', '=', tokenHash)
      .where('ended_at', 'is', null)
      .where('expires_at', '>', now)
      .executeTakeFirst();
    return row ?? null;
  }

  async byId(id: string): Promise<SessionRow | null> {
    return (await this.db.selectFrom('sessions').selectAll().where('id', '=', id).executeTakeFirst()) ?? null;
  }

  /** Records activity and slides the expiry forward. */
  async touch(id: string, now: number, expiresAt: number): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ seen_at: now, expires_at: expiresAt })
      .where('id', '=', id)
      .execute();
  }

  async end(id: string, now: number): Promise<void> {
    await this.db.updateTable('sessions').set({ ended_at: now }).where('id', '=', id).execute();
  }
}
