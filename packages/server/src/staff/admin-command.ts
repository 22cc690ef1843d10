/**
 * `salon admin create NAME [--role admin|moderator] [--base-url URL]` (O3): creates a staff account
 * and prints its one-time enrolment link, the only way to make the first admin. The link carries
 * the token after `#`, so it never reaches a server log; the database keeps only its SHA-256.
 */
import { join } from 'node:path';
import { HTTP_PATHS, STAFF_ROLES, type StaffRole } from '@salon/protocol';
import { cryptoRandom, systemClock, type Clock, type Random } from '../clock.js';
import type { Config } from '../config/schema.js';
import { AuditLog } from '../safety/audit.js';
import { Limiter } from '../safety/limiter.js';
import { openStore, type Store } from '../store/index.js';
import { StaffService } from './accounts.js';

export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

const consoleOutput: CommandOutput = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

export const ADMIN_USAGE = 'Usage: salon admin create NAME [--role admin|moderator] [--base-url URL]';

export interface AdminArgs {
  /** What follows `admin`: `create NAME`. */
  positionals: readonly string[];
  role?: string | undefined;
  baseUrl?: string | undefined;
}

export interface AdminDeps {
  store: Store;
  config: Readonly<Config>;
  clock?: Clock;
  random?: Random;
}

/** The site's address without a trailing slash, or null when it is not an http(s) URL. */
function siteUrl(value: string): string | null {
  let url: URL;
  try {
    url = new URL(value);
  } catch {
    return null;
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
  if (url.search || url.hash || url.username || url.password) return null;
  return url.href.replace(/\/+$/, '');
}

type Parsed = { name: string; role: StaffRole; base: string } | { usage: string };

/** Checks the arguments before anything is opened. */
function parseAdminArgs(args: AdminArgs, config: Readonly<Config>): Parsed {
  const [sub, name, ...rest] = args.positionals;
  if (sub !== 'create') return { usage: 'unknown or missing subcommand' };
  if (name === undefined || rest.length > 0) return { usage: 'give exactly one name' };
  const role = STAFF_ROLES.find((known) => known === (args.role ?? 'admin'));
  if (!role) return { usage: `--role is one of ${STAFF_ROLES.join(', ')}` };
  const base = siteUrl(args.baseUrl ?? `http://localhost:${config.http.port}`);
  if (base === null) return { usage: "--base-url is the site's http:// or https:// address" };
  return { name, role, base };
}

/**
 * Runs `salon admin …` against an open store. Exit codes: 0 created, 1 refused (name taken or
 * invalid), 2 bad usage. Prints the link alone on standard output; the rest goes to `err`.
 */
export async function adminCommand(
  args: AdminArgs,
  deps: AdminDeps,
  output: CommandOutput = consoleOutput,
): Promise<number> {
  const parsed = parseAdminArgs(args, deps.config);
  if ('usage' in parsed) {
    output.err(`salon admin: ${parsed.usage}\n${ADMIN_USAGE}`);
    return 2;
  }
  const { name, role, base } = parsed;
  const clock = deps.clock ?? systemClock;
  const service = new StaffService({
    store: deps.store,
    config: deps.config,
    limiter: new Limiter(deps.config.limits),
    clock,
    random: deps.random ?? cryptoRandom,
    audit: new AuditLog(deps.store, clock),
  });
  const created = await service.create(name, role);
  if (!created.ok) {
    output.err(`salon admin: ${created.problem}`);
    return 1;
  }
  output.out(`${base}${HTTP_PATHS.staffPage}#enrol=${created.token}`);
  output.err(
    `salon admin: ${role} "${name}" created; open the link above to choose a password and set up ` +
      `the authenticator app. It works once, until ${new Date(created.expiresAt).toISOString()}.`,
  );
  return 0;
}

/** `salon admin …` with the database of this configuration (created if it does not exist yet). */
export async function runAdminCommand(
  args: AdminArgs,
  config: Readonly<Config>,
  output: CommandOutput = consoleOutput,
): Promise<number> {
  const parsed = parseAdminArgs(args, config);
  if ('usage' in parsed) {
    output.err(`salon admin: ${parsed.usage}\n${ADMIN_USAGE}`);
    return 2;
  }
  // The same database `salon start` uses (see app.ts).
  const store = await openStore({
    databaseUrl: config.storage.databaseUrl,
    sqlitePath: join(config.storage.dataDir, 'salon.db'),
  });
  try {
    return await adminCommand(args, { store, config }, output);
  } finally {
    await store.close();
  }
}
