import type { Kysely, Selectable } from 'kysely';
import type { ConversationTable, Database } from './schema.js';

export type ConversationRow = Selectable<ConversationTable>;

/** P1: private conversations between two users. */
export class ConversationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  private static pair(a: string, b: string): [string, string] {
    return a < b ? [a, b] : [b, a];
  }

  async get(id: string): Promise<ConversationRow | null> {
    return (
      (await this.db.selectFrom('conversations').selectAll().where('id', '=', id).executeTakeFirst()) ?? null
    );
  }

  async between(a: string, b: string): Promise<ConversationRow | null> {
    const [low, high] = ConversationRepository.pair(a, b);
    return (
      (await this.db
        .selectFrom('conversations')
        .selectAll()
        .where('user_low', '=', low)
        .where('user_high', '=', high)
        .executeTakeFirst()) ?? null
    );
  }

  /** Creates the conversation (its `rooms` row must exist); returns the existing one on a race. */
  async create(row: {
    id: string;
    requesterId: string;
    otherId: string;
    now: number;
  }): Promise<ConversationRow> {
    const [low, high] = ConversationRepository.pair(row.requesterId, row.otherId);
    await this.db
      .insertInto('conversations')
      .values({
        id: row.id,
        user_low: low,
        user_high: high,
        requester_id: row.requesterId,
        state: 'pending',
        created_at: row.now,
        updated_at: row.now,
      })
      .onConflict((oc) => oc.columns(['user_low', 'user_high']).doNothing())
      .execute();
    return (await this.between(row.requesterId, row.otherId))!;
  }

  async setState(id: string, state: ConversationRow['state'], now: number): Promise<void> {
    await this.db.updateTable('conversations').set({ state, updated_at: now }).where('id', '=', id).execute();
  }

  /** Counts one more message sent while the request is not accepted. */
  async countRequestMessage(id: string, now: number): Promise<void> {
    await this.db
      .updateTable('conversations')
      .set((eb) => ({ request_count: eb('request_count', '+', 1), updated_at: now }))
      .where('id', '=', id)
      .execute();
  }

  /** Every conversation a user takes part in, most recently active first. */
  async of(userId: string): Promise<ConversationRow[]> {
    return this.db
      .selectFrom('conversations')
      .selectAll()
      .where((eb) => eb.or([eb('user_low', '=', userId), eb('user_high', '=', userId)]))
      .orderBy('updated_at', 'desc')
      .limit(500)
      .execute();
  }
}
