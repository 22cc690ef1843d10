import type { Kysely } from 'kysely';

// V1: voice rooms (public ones from the config, private ones chosen at creation). Never edit a
// migration after it has landed.

export async function up(db: Kysely<unknown>): Promise<void> {
  await db.schema
    .alterTable('rooms')
    .addColumn('voice', 'integer', (c) => c.notNull().defaultTo(0))
    .execute();
}

export async function down(db: Kysely<unknown>): Promise<void> {
  await db.schema.alterTable('rooms').dropColumn('voice').execute();
}
