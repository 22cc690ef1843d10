import type { Kysely } from 'kysely';

// O3: staff accounts and their sessions. T1–T4: reports grouped into cases, decisions,
// statements of reasons, appeals, and mutes and bans (T4). Never edit a migration after it has landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('staff')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('name', 'text', (c) => c.notNull().unique())
    .addColumn('role', 'text', (c) => c.notNull())
    // Null until enrolment is complete.
    .addColumn('password_hash', 'text')
    .addColumn('totp_secret', 'text')
    // SHA-256 of the one-time enrolment token, and its end; null once used.
    .addColumn('enrol_hash', 'text')
    .addColumn('enrol_expires_at', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('enrolled_at', 'bigint')
    .addColumn('disabled_at', 'bigint')
    .execute();

  await db.schema
    .createTable('staff_sessions')
    .addColumn('token_hash', 'text', (c) => c.primaryKey())
    .addColumn('staff_id', 'text', (c) => c.notNull().references('staff.id').onDelete('cascade'))
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('expires_at', 'bigint', (c) => c.notNull())
    .execute();

  await db.schema
    .createTable('cases')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('severity', 'integer', (c) => c.notNull())
    // JSON of the ReportTarget, and a key that groups reports of the same thing into one case.
    .addColumn('target', 'text', (c) => c.notNull())
    .addColumn('target_key', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('room_id', 'text')
    // T1: JSON of the frozen context (messages before and after, media ids).
    .addColumn('evidence', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('assigned_to', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('first_action_at', 'bigint')
    .addColumn('closed_at', 'bigint')
    .addColumn('outcome', 'text')
    .execute();
  await db.schema
    .createIndex('cases_open')
    .on('cases')
    .columns(['status', 'severity', 'created_at'])
    .execute();
  await db.schema.createIndex('cases_target').on('cases').columns(['target_key', 'status']).execute();
  await db.schema.createIndex('cases_subject').on('cases').column('subject_id').execute();

  await db.schema
    .createTable('reports')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text', (c) => c.notNull().references('cases.id').onDelete('cascade'))
    .addColumn('reporter_id', 'text', (c) => c.notNull())
    .addColumn('category', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('reports_case').on('reports').column('case_id').execute();
  await db.schema.createIndex('reports_reporter').on('reports').column('reporter_id').execute();

  await db.schema
    .createTable('decisions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('case_id', 'text')
    // Null for an automated decision.
    .addColumn('staff_id', 'text')
    .addColumn('action', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('subject_id', 'text')
    .addColumn('room_id', 'text')
    .addColumn('until', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('decisions_case').on('decisions').column('case_id').execute();

  await db.schema
    .createTable('statements')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('decision_id', 'text', (c) => c.notNull())
    .addColumn('restriction', 'text', (c) => c.notNull())
    .addColumn('room_id', 'text')
    .addColumn('facts', 'text', (c) => c.notNull())
    .addColumn('rule', 'text', (c) => c.notNull())
    .addColumn('automated', 'integer', (c) => c.notNull())
    .addColumn('until', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .execute();
  await db.schema.createIndex('statements_user').on('statements').column('user_id').execute();

  await db.schema
    .createTable('appeals')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('statement_id', 'text', (c) => c.notNull().unique())
    .addColumn('user_id', 'text', (c) => c.notNull())
    .addColumn('text', 'text', (c) => c.notNull())
    .addColumn('status', 'text', (c) => c.notNull())
    .addColumn('decided_by', 'text')
    .addColumn('reason', 'text')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('decided_at', 'bigint')
    .execute();

  // T2, T4: mutes and bans decided by staff, in one room or on the whole platform.
  await db.schema
    .createTable('restrictions')
    .addColumn('id', 'text', (c) => c.primaryKey())
    .addColumn('user_id', 'text', (c) => c.notNull())
    // `mute` or `ban`.
    .addColumn('kind', 'text', (c) => c.notNull())
    // Null: the whole platform.
    .addColumn('room_id', 'text')
    .addColumn('device_hash', 'text')
    .addColumn('address_hash', 'text')
    .addColumn('statement_id', 'text', (c) => c.notNull())
    .addColumn('until', 'bigint')
    .addColumn('created_at', 'bigint', (c) => c.notNull())
    .addColumn('lifted_at', 'bigint')
    .execute();
  await db.schema.createIndex('restrictions_user').on('restrictions').column('user_id').execute();
  await db.schema.createIndex('restrictions_device').on('restrictions').column('device_hash').execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  for (const table of [
    'restrictions',
    'appeals',
    'statements',
    'decisions',
    'reports',
    'cases',
    'staff_sessions',
    'staff',
  ]) {
    await db.schema.dropTable(table).execute();
  }
}
