import type { Migration, MigrationProvider } from 'kysely/migration';
import * as m001 from './001_init.js';
import * as m002 from './002_private.js';
import * as m003 from './003_audit.js';
import * as m004 from './004_media.js';
import * as m005 from './005_moderation.js';
import * as m006 from './006_privacy.js';
import * as m007 from './007_voice.js';

/** Numbered migrations, applied in order, each in a transaction. */
const MIGRATIONS: Record<string, Migration> = {
  '001_init': m001,
  '002_private': m002,
  '003_audit': m003,
  '004_media': m004,
  '005_moderation': m005,
  '006_privacy': m006,
  '007_voice': m007,
};

export const migrationProvider: MigrationProvider = {
  getMigrations: () => Promise.resolve(MIGRATIONS),
};
