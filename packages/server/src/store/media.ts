import type { Kysely } from 'kysely';
import type {
  Database,
  MediaEvidenceTable,
  MediaTable,
  ModerationAlertTable,
  SuspensionTable,
} from './schema.js';

export type MediaRow = MediaTable;
export type MediaEvidenceRow = MediaEvidenceTable;
export type ModerationAlertRow = ModerationAlertTable;

function numeric(row: MediaTable): MediaRow {
  return {
    ...row,
    size: Number(row.size),
    duration_ms: row.duration_ms === null ? null : Number(row.duration_ms),
    created_at: Number(row.created_at),
  };
}

/** M1–M4, S1: uploaded files, quarantine evidence, moderation alerts and suspensions. */
export class MediaRepository {
  constructor(private readonly db: Kysely<Database>) {}

  async insert(row: MediaRow): Promise<void> {
    await this.db.insertInto('media').values(row).execute();
  }

  async get(id: string): Promise<MediaRow | null> {
    const row = await this.db.selectFrom('media').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? numeric(row) : null;
  }

  /** M4, T2: `removed` (by staff) or `quarantined` files are never served again. */
  async setStatus(id: string, status: 'ready' | 'removed' | 'quarantined'): Promise<void> {
    await this.db.updateTable('media').set({ status }).where('id', '=', id).execute();
  }

  /**
   * S1: stores a quarantined file's row, its evidence and the moderation alert, and suspends the
   * uploader, all at once: a half-recorded match would lose evidence or leave the user free.
   */
  async quarantine(
    media: MediaRow,
    evidence: MediaEvidenceRow,
    alert: ModerationAlertRow,
    suspension: SuspensionTable,
  ): Promise<void> {
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('media').values(media).execute();
      await trx.insertInto('media_evidence').values(evidence).execute();
      await trx.insertInto('moderation_alerts').values(alert).execute();
      await trx
        .insertInto('suspensions')
        .values(suspension)
        .onConflict((oc) => oc.column('user_id').doNothing())
        .execute();
    });
  }

  async evidence(mediaId: string): Promise<MediaEvidenceRow | null> {
    const row = await this.db
      .selectFrom('media_evidence')
      .selectAll()
      .where('media_id', '=', mediaId)
      .executeTakeFirst();
    return row ? { ...row, created_at: Number(row.created_at) } : null;
  }

  /** Alerts not yet resolved, oldest first. */
  async openAlerts(): Promise<ModerationAlertRow[]> {
    const rows = await this.db
      .selectFrom('moderation_alerts')
      .selectAll()
      .where('resolved_at', 'is', null)
      .orderBy('created_at')
      .execute();
    return rows.map((row) => ({ ...row, created_at: Number(row.created_at) }));
  }

  /** Marks an alert as looked at. Returns false when there is no such open alert. */
  async resolveAlert(id: string, now: number): Promise<boolean> {
    const result = await this.db
      .updateTable('moderation_alerts')
      .set({ resolved_at: now })
      .where('id', '=', id)
      .where('resolved_at', 'is', null)
      .executeTakeFirst();
    return Number(result.numUpdatedRows) > 0;
  }

  async isSuspended(userId: string): Promise<boolean> {
    const row = await this.db
      .selectFrom('suspensions')
      .select('user_id')
      .where('user_id', '=', userId)
      .executeTakeFirst();
    return row !== undefined;
  }

  async suspendedUsers(): Promise<string[]> {
    const rows = await this.db.selectFrom('suspensions').select('user_id').execute();
    return rows.map((row) => row.user_id);
  }

  async liftSuspension(userId: string): Promise<void> {
    await this.db.deleteFrom('suspensions').where('user_id', '=', userId).execute();
  }
}
