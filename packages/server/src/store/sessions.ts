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

  /** E5: a new token for an existing identity (login): the session lives again. */
  async rotateToken(id: string, tokenHash: string, now: number, expiresAt: number): Promise<void> {
    await this.db
      .updateTable('sessions')
      .set({ token_hash: tokenHash, seen_at: now, expires_at: expiresAt, ended_at: null })
      .where('id', '=', id)
      .execute();
  }

  /** P2: stores the contact policy (JSON). */
  async setContactPolicy(id: string, policy: string): Promise<void> {
    await this.db.updateTable('sessions').set({ contact_policy: policy }).where('id', '=', id).execute();
  }

  async end(id: string, now: number): Promise<void> {
    await this.db.updateTable('sessions').set({ ended_at: now }).where('id', '=', id).execute();
  }
}
