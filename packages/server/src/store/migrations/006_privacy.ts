import type { Kysely } from 'kysely';

// T10, T11: authors' network addresses and ports, sealed (AES-256-GCM) in their own table, and
// the legal hold on a case. Never edit a migration after it has landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .createTable('author_addresses')
    .addColumn('room_id', 'text', (c) => c.notNull())
    .addColumn('seq', 'bigint', (c) => c.notNull())
    .addColumn('user_id', 'text', (c) => c.notNull())
    // base64 of IV (12 bytes) + tag (16) + ciphertext of "address port".
    .addColumn('sealed', 'text', (c) => c.notNull())
    .addColumn('at', 'bigint', (c) => c.notNull())
    .addPrimaryKeyConstraint('author_addresses_pk', ['room_id', 'seq'])
    .execute();
  await db.schema.createIndex('author_addresses_at').on('author_addresses').column('at').execute();
  await db.schema
    .createIndex('author_addresses_user')
    .on('author_addresses')
    .columns(['user_id', 'at'])
    .execute();
  await db.schema
    .alterTable('cases')
    .addColumn('legal_hold', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('cases').dropColumn('legal_hold').execute();
  await db.schema.dropTable('author_addresses').execute();
}
