import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from 'node:util';
import { systemClock } from './clock.js';
import { ConfigError, ENV_OVERRIDES, loadConfig } from './config/load.js';
import type { Config } from './config/schema.js';
import { start } from './main.js';
import { hashCommand } from './media/hash-command.js';
import { AuditLog } from './safety/audit.js';
import { runSignals } from './safety/signals/command.js';
import { ADMIN_USAGE, runAdminCommand } from './staff/admin-command.js';
import { openStore } from './store/index.js';

const HELP = `Usage: salon <command> [options]

Commands:
  start             Run Salon (HTTP, WebSocket, web client)
  hash FILE…        Print pdq_hex,quality,sha256,FILE for each image (for hash lists)
  signals           Read one message a line on standard input; print its risk signals (or -)
  audit verify      Check the audit log's hash chain (T8) in the configured database;
                    exit 0 when intact, 1 when an entry was changed or removed
  admin create NAME [--role admin|moderator] [--base-url URL]
                    Create a staff account (role default admin) in the configured database
                    and print its one-time enrolment link (valid 24 h); exit 1 when the name
                    is taken. --base-url: the site's address (default http://localhost:PORT)
  help              Show this help

Options:
  -c, --config FILE YAML configuration file (default: ./salon.yaml if present;
                    see config/salon.example.yaml for every key)
  -h, --help        Show this help
  -v, --version     Show the version

Environment overrides:
${Object.entries(ENV_OVERRIDES)
  .map(([name, spec]) => `  ${name.padEnd(20)}${spec.path.join('.')}`)
  .join('\n')}
`;

export async function main(argv: string[]): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({
      args: argv,
      allowPositionals: true,
      options: {
        config: { type: 'string', short: 'c' },
        help: { type: 'boolean', short: 'h' },
        version: { type: 'boolean', short: 'v' },
        role: { type: 'string' },
        'base-url': { type: 'string' },
      },
    });
  } catch (error) {
    console.error(`salon: ${(error as Error).message}\n\n${HELP}`);
    return 2;
  }
  const { values, positionals } = parsed;
  const command = positionals[0] ?? (values.help ? 'help' : undefined);
  if (values.version) {
    console.log('salon 0.1.0');
    return 0;
  }
  if (command === undefined || command === 'help' || values.help) {
    console.log(HELP);
    return command === undefined && !values.help ? 2 : 0;
  }
  const admin = command === 'admin';
  if (!admin && (values.role !== undefined || values['base-url'] !== undefined)) {
    console.error(`salon: --role and --base-url belong to "salon admin create"\n\n${ADMIN_USAGE}`);
    return 2;
  }
  if (command === 'hash') return hashCommand(positionals.slice(1));
  if (command === 'signals') {
    await runSignals(process.stdin, process.stdout);
    return 0;
  }
  const audit = command === 'audit';
  if (audit && (positionals[1] !== 'verify' || positionals.length > 2)) {
    console.error(`salon: usage: salon audit verify [--config FILE]\n\n${HELP}`);
    return 2;
  }
  if (command !== 'start' && !audit && !admin) {
    console.error(`salon: unknown command "${command}"\n\n${HELP}`);
    return 2;
  }
  const file = values.config ?? process.env.SALON_CONFIG ?? (existsSync('salon.yaml') ? 'salon.yaml' : null);
  try {
    const config = loadConfig(file);
    if (audit) return await auditVerify(config);
    if (admin) {
      const adminArgs = { positionals: positionals.slice(1), role: values.role, baseUrl: values['base-url'] };
      return await runAdminCommand(adminArgs, config);
    }
    await start(config);
    return -1;
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(`salon: ${error.message}`);
      return 78;
    }
    throw error;
  }
}

/** T8: `salon audit verify` walks the audit log of the configured database and checks its chain. */
async function auditVerify(config: Readonly<Config>): Promise<number> {
  // The same database `salon start` uses (see app.ts).
  const sqlitePath = join(config.storage.dataDir, 'salon.db');
  if (!config.storage.databaseUrl && !existsSync(sqlitePath)) {
    console.error(`salon: no database at ${sqlitePath} (check storage.dataDir)`);
    return 1;
  }
  const store = await openStore({ databaseUrl: config.storage.databaseUrl, sqlitePath });
  try {
    const verdict = await new AuditLog(store, systemClock).verify();
    if (verdict.ok) {
      console.log(`audit log: ${verdict.count} entries, chain intact`);
      return 0;
    }
    console.error(`audit log: broken at entry ${verdict.seq}: ${verdict.reason}`);
    return 1;
  } finally {
    await store.close();
  }
}
