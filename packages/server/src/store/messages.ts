import type { Kysely } from 'kysely';
import type { ChatMessage, MediaRef } from '@salon/protocol';
import type { Database, MessageTable } from './schema.js';

export interface NewMessage {
  roomId: string;
  authorId: string;
  nickname: string;
  text: string;
  cid: string;
  at: number;
  /** M1: an attached file that passed the pipeline. */
  media?: MediaRef;
}

function toMessage(row: MessageTable): ChatMessage {
  const message: ChatMessage = {
    roomId: row.room_id,
    seq: Number(row.seq),
    authorId: row.author_id,
    nickname: row.nickname,
    text: row.text,
    at: Number(row.created_at),
  };
  if (row.media !== null) message.media = JSON.parse(row.media) as MediaRef;
  return message;
}

export class MessageRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /**
   * Stores a message with the room's next sequence number (R7). If this author already stored a
   * message with this `cid`, nothing is written and the stored one is returned as a duplicate.
   */
  async append(input: NewMessage): Promise<{ message: ChatMessage; duplicate: boolean }> {
    return this.db.transaction().execute(async (trx) => {
      const existing = await trx
        .selectFrom('messages')
        .selectAll()
        .where('author_id', '=', input.authorId)
        .where('cid', '=', input.cid)
        .executeTakeFirst();
      if (existing) return { message: toMessage(existing), duplicate: true };
      const room = await trx
        .updateTable('rooms')
        .set((eb) => ({ last_seq: eb('last_seq', '+', 1) }))
        .where('id', '=', input.roomId)
        .returning('last_seq')
        .executeTakeFirstOrThrow();
      const row: MessageTable = {
        room_id: input.roomId,
        seq: Number(room.last_seq),
        author_id: input.authorId,
        nickname: input.nickname,
        text: input.text,
        cid: input.cid,
        created_at: input.at,
        media: input.media ? JSON.stringify(input.media) : null,
      };
      await trx.insertInto('messages').values(row).execute();
      return { message: toMessage(row), duplicate: false };
    });
  }

  /**
   * T11: deletes messages stored before `before`, except the kept ones (seqs per room); returns
   * how many. Rooms keep their last seq, so resume (R7) still works.
   */
  async purge(before: number, keep: ReadonlyMap<string, number[]>): Promise<number> {
    let query = this.db.deleteFrom('messages').where('created_at', '<', before);
    if (keep.size > 0) {
      query = query.where((eb) =>
        eb.not(
          eb.or(
            [...keep].map(([roomId, seqs]) => eb.and([eb('room_id', '=', roomId), eb('seq', 'in', seqs)])),
          ),
        ),
      );
    }
    const result = await query.executeTakeFirst();
    return Number(result.numDeletedRows);
  }

  /** T2: blanks a removed message's text and file; its place in the sequence stays. */
  async redact(roomId: string, seq: number): Promise<void> {
    await this.db
      .updateTable('messages')
      .set({ text: '', media: null })
      .where('room_id', '=', roomId)
      .where('seq', '=', seq)
      .execute();
  }

  /** The message this author stored with this client id, if any (R7). */
  async byCid(authorId: string, cid: string): Promise<ChatMessage | null> {
    const row = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('author_id', '=', authorId)
      .where('cid', '=', cid)
      .executeTakeFirst();
    return row ? toMessage(row) : null;
  }

  /** The last `limit` messages, ascending. */
  async latest(roomId: string, limit: number): Promise<ChatMessage[]> {
    const rows = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('room_id', '=', roomId)
      .orderBy('seq', 'desc')
      .limit(limit)
      .execute();
    return rows.reverse().map(toMessage);
  }

  /** Up to `limit` messages with seq < `before`, ascending (the newest of them). */
  before(roomId: string, before: number, limit: number): Promise<ChatMessage[]> {
    return this.page(roomId, '<', before, limit);
  }

  /** Up to `limit` messages with seq > `after`, ascending (the oldest of them). */
  after(roomId: string, after: number, limit: number): Promise<ChatMessage[]> {
    return this.page(roomId, '>', after, limit);
  }

  /** The `limit` messages nearest to `seq` on one side of it, ascending. */
  private async page(roomId: string, side: '<' | '>', seq: number, limit: number): Promise<ChatMessage[]> {
    const rows = await this.db
      .selectFrom('messages')
      .selectAll()
      .where('room_id', '=', roomId)
      .where('seq', side, seq)
      .orderBy('seq', side === '<' ? 'desc' : 'asc')
      .limit(limit)
      .execute();
    if (side === '<') rows.reverse();
    return rows.map(toMessage);
  }

  /** True when the room holds a message with seq < `seq`. */
  async hasBefore(roomId: string, seq: number): Promise<boolean> {
    const row = await this.db
      .selectFrom('messages')
      .select('seq')
      .where('room_id', '=', roomId)
      .where('seq', '<', seq)
      .limit(1)
      .executeTakeFirst();
    return row !== undefined;
  }
}
