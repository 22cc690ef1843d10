import type { Kysely } from 'kysely';
import type { Database, RoomMemberTable } from './schema.js';

export type RoomMemberRow = RoomMemberTable;

/** R2/R3: who belongs to a private room, with roles, mutes, bans, links and invitations. */
export class MemberRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async get(roomId: string, sessionId: string): Promise<RoomMemberRow | null> {
    return (
      (await this.db
        .selectFrom('room_members')
        .selectAll()
        .where('room_id', '=', roomId)
        .where('session_id', '=', sessionId)
        .executeTakeFirst()) ?? null
    );
  }

  async add(row: RoomMemberRow): Promise<void> {
    await this.db
      .insertInto('room_members')
      .values(row)
      .onConflict((oc) => oc.columns(['room_id', 'session_id']).doNothing())
      .execute();
  }

  async remove(roomId: string, sessionId: string): Promise<void> {
    await this.db
      .deleteFrom('room_members')
      .where('room_id', '=', roomId)
      .where('session_id', '=', sessionId)
      .execute();
  }

  async update(
    roomId: string,
    sessionId: string,
    changes: { role?: RoomMemberRow['role']; muted_until?: number | null },
  ): Promise<void> {
    await this.db
      .updateTable('room_members')
      .set(changes)
      .where('room_id', '=', roomId)
      .where('session_id', '=', sessionId)
      .execute();
  }

  async list(roomId: string): Promise<RoomMemberRow[]> {
    return this.db.selectFrom('room_members').selectAll().where('room_id', '=', roomId).execute();
  }

  /** The private rooms a user belongs to. */
  async roomsOf(sessionId: string): Promise<string[]> {
    const rows = await this.db
      .selectFrom('room_members')
      .select('room_id')
      .where('session_id', '=', sessionId)
      .execute();
    return rows.map((r) => r.room_id);
  }

  // ---- bans

  async ban(roomId: string, sessionId: string, until: number | null, now: number): Promise<void> {
    await this.db
      .insertInto('room_bans')
      .values({ room_id: roomId, session_id: sessionId, until, created_at: now })
      .onConflict((oc) => oc.columns(['room_id', 'session_id']).doUpdateSet({ until, created_at: now }))
      .execute();
  }

  async unban(roomId: string, sessionId: string): Promise<void> {
    await this.db
      .deleteFrom('room_bans')
      .where('room_id', '=', roomId)
      .where('session_id', '=', sessionId)
      .execute();
  }

  /** The ban in force at `now` ({until: null} for one without end), or null. */
  async activeBan(roomId: string, sessionId: string, now: number): Promise<{ until: number | null } | null> {
    const row = await this.db
      .selectFrom('room_bans')
      .select('until')
      .where('room_id', '=', roomId)
      .where('session_id', '=', sessionId)
      .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', now)]))
      .executeTakeFirst();
    return row ? { until: row.until === null ? null : Number(row.until) } : null;
  }

  // ---- invite links (only token hashes are stored)

  async createLink(link: {
    linkId: string;
    roomId: string;
    tokenHash: string;
    createdBy: string;
    now: number;
  }): Promise<void> {
    await this.db
      .insertInto('room_links')
      .values({
        link_id: link.linkId,
        room_id: link.roomId,
        token_hash: link.tokenHash,
        created_by: link.createdBy,
        created_at: link.now,
        revoked_at: null,
      })
      .execute();
  }

  async links(roomId: string): Promise<{ linkId: string; createdAt: number }[]> {
    const rows = await this.db
      .selectFrom('room_links')
      .select(['link_id', 'created_at'])
      .where('room_id', '=', roomId)
      .where('revoked_at', 'is', null)
      .orderBy('created_at', 'asc')
      .execute();
    return rows.map((r) => ({ linkId: r.link_id, createdAt: Number(r.created_at) }));
  }

  /** Revokes a live link of the room; false when there was none. */
  async revokeLink(roomId: string, linkId: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('room_links')
      .set({ revoked_at: now })
      .where('room_id', '=', roomId)
      .where('link_id', '=', linkId)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  /** The room a live link leads to, or null (unknown and revoked links look the same). */
  async roomForLink(tokenHash: string): Promise<string | null> {
    const row = await this.db
      .selectFrom('room_links')
      .select('room_id')
      .where('token_hash', '=', tokenHash)
      .where('revoked_at', 'is', null)
      .executeTakeFirst();
    return row?.room_id ?? null;
  }

  // ---- invitations to a connected user

  async invite(roomId: string, sessionId: string, invitedBy: string, now: number): Promise<void> {
    await this.db
      .insertInto('room_invitations')
      .values({ room_id: roomId, session_id: sessionId, invited_by: invitedBy, created_at: now })
      .onConflict((oc) =>
        oc.columns(['room_id', 'session_id']).doUpdateSet({ invited_by: invitedBy, created_at: now }),
      )
      .execute();
  }

  /** Uses up an invitation; true when there was one. */
  async takeInvitation(roomId: string, sessionId: string): Promise<boolean> {
    const result = await this.db
      .deleteFrom('room_invitations')
      .where('room_id', '=', roomId)
      .where('session_id', '=', sessionId)
      .executeTakeFirst();
    return Number(result.numDeletedRows) > 0;
  }
}
