import type { Kysely } from 'kysely';

// M1–M4, S1: uploaded files, the evidence kept when one matches a hash list, moderation alerts
// and suspensions pending review. Never edit a migration after it has landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('media')
    // 128 random bits, base64url: the id is also the unguessable part of the URL (M4).
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('owner_id', 'text', (c) => c.notNull())
    // The room or conversation the file was uploaded to: who may fetch it (M4).
    .addColumn('room_id', 'text', (c) => c.notNull())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('mime', 'text', (c) => c.notNull())
    .addColumn('size', 'bigint', (c) => c.notNull())
    .addColumn('width', 'integer')
    .addColumn('height', 'integer')
    .addColumn('duration_ms', 'bigint')
    .addColumn('explicit', 'integer', (c) => c.notNull())
    // ready | quarantined: a quarantined file is never served (S1).
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('file_key', 'text', (c) => c.notNull())
    .addColumn('thumb_key', 'text')
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('md5', 'text', (c) => c.notNull())
    .addColumn('pdq', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('media_room').on('media').column('room_id').execute();

  await db.schema
    .createTable('media_evidence')
    .addColumn('media_id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('nickname', 'text', (c) => c.notNull())
    .addColumn('room_id', 'text', (c) => c.notNull())
    .addColumn('address', 'text', (c) => c.notNull())
    .addColumn('port', 'integer', (c) => c.notNull())
    .addColumn('sha256', 'text', (c) => c.notNull())
    .addColumn('md5', 'text', (c) => c.notNull())
    .addColumn('pdq', 'text')
    .addColumn('pdq_quality', 'integer')
    .addColumn('match_kind', 'text', (c) => c.notNull())
    .addColumn('match_hex', 'text', (c) => c.notNull())
    .addColumn('match_list', 'text', (c) => c.notNull())
    .addColumn('match_distance', 'integer', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('moderation_alerts')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('kind', 'text', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('media_id', 'text')
    .addColumn('details', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('resolved_at', 'bigint')
    .execute();
  await db.schema
    .createIndex('moderation_alerts_open')
    .on('moderation_alerts')
    .column('resolved_at')
    .execute();

  await db.schema
    .createTable('suspensions')
    .addColumn('user_id', 'text', (c) => c.primaryKey())
    .addColumn('reason', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema.alterTable('messages').addColumn('media', 'text').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('messages').dropColumn('media').execute();
  for (const table of ['suspensions', 'moderation_alerts', 'media_evidence', 'media']) {
    await db.schema.dropTable(table).execute();
  }
}
