import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** P3: who blocked whom. */
export class BlockRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async block(blockerId: string, blockedId: string, now: number): Promise<void> {
    await this.db
      .insertInto('blocks')
      .values({ blocker_id: blockerId, blocked_id: blockedId, created_at: now })
      .onConflict((oc) => oc.columns(['blocker_id', 'blocked_id']).doNothing())
      .execute();
  }

  async unblock(blockerId: string, blockedId: string): Promise<void> {
    await this.db
      .deleteFrom('blocks')
      .where('blocker_id', '=', blockerId)
      .where('blocked_id', '=', blockedId)
      .execute();
  }

  /** The users this user blocked, with their nicknames. */
  async list(blockerId: string): Promise<{ userId: string; nickname: string }[]> {
    const rows = await this.db
      .selectFrom('blocks')
      .innerJoin('sessions', 'sessions.id', 'blocks.blocked_id')
      .select(['blocks.blocked_id as userId', 'sessions.nickname as nickname'])
      .where('blocks.blocker_id', '=', blockerId)
      .orderBy('blocks.created_at', 'asc')
      .execute();
    return rows;
  }

  async blockedBy(blockerId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('blocks')
      .select('blocked_id')
      .where('blocker_id', '=', blockerId)
      .execute();
    return rows.map((r) => r.blocked_id);
  }
}
