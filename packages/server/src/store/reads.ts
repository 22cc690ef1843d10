import type { Kysely } from 'kysely';
import type { Database } from './schema.js';

/** R6: each user's read mark per room, for unread counts. */
export class ReadRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(sessionId: string, roomId: string): Promise<number | null> {
    const row = await this.db
      .selectFrom('room_reads')
      .select('seq')
      .where('session_id', '=', sessionId)
      .where('room_id', '=', roomId)
      .executeTakeFirst();
    return row ? Number(row.seq) : null;
  }

  /** Moves the read mark forward (never back). */
  async mark(sessionId: string, roomId: string, seq: number): Promise<void> {
    await this.db
      .insertInto('room_reads')
      .values({ session_id: sessionId, room_id: roomId, seq })
      .onConflict((oc) =>
        oc.columns(['session_id', 'room_id']).doUpdateSet((eb) => ({
          seq: eb.case().when('room_reads.seq', '<', seq).then(seq).else(eb.ref('room_reads.seq')).end(),
        })),
      )
      .execute();
  }
}
