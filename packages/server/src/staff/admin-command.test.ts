import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { main } from '../cli.js';
import { ManualClock } from '../clock.js';
import { parseConfig } from '../config/load.js';
import { openStore, type Store } from '../store/index.js';
import { sha256Hex } from '../util/hash.js';
import { adminCommand, type AdminArgs } from './admin-command.js';

const LINK = /^http:\/\/localhost:8080\/staff#enrol=([A-Za-z0-9_-]+)$/;

describe('salon admin create', () => {
  let store: Store;
  const clock = new ManualClock();
  const config = parseConfig({});

  const run = async (args: AdminArgs) => {
    const out: string[] = [];
    const err: string[] = [];
    const code = await adminCommand(
      args,
      { store, config, clock },
      { out: (line) => out.push(line), err: (line) => err.push(line) },
    );
    return { code, out, err };
  };

  beforeEach(async () => {
    store = await openStore({ sqlitePath: ':memory:' });
  });
  afterEach(async () => {
    await store.close();
  });

  it('[O3] creates an admin waiting for enrolment and prints only its link; only the token hash is kept', async () => {
    const result = await run({ positionals: ['create', 'alice'] });
    expect(result.code).toBe(0);
    expect(result.out).toHaveLength(1);
    const token = LINK.exec(result.out[0]!)?.[1];
    expect(token, result.out[0]).toBeDefined();
    // At least 128 random bits.
    expect(Buffer.from(token!, 'base64url').length).toBeGreaterThanOrEqual(16);
    expect(result.err.join('\n')).not.toContain(token);

    const row = await store.staff.byName('alice');
    expect(row).toMatchObject({
      name: 'alice',
      role: 'admin',
      password_hash: null,
      totp_secret: null,
      enrolled_at: null,
      disabled_at: null,
      enrol_hash: sha256Hex(token!),
      enrol_expires_at: clock.now() + 24 * 3_600_000,
    });
    expect(JSON.stringify(row)).not.toContain(token);
    expect(await store.staff.byEnrolHash(sha256Hex(token!), clock.now())).toMatchObject({ id: row!.id });
    expect(await store.staff.byEnrolHash(sha256Hex(token!), clock.now() + 24 * 3_600_000)).toBeNull();
  });

  it('[O3][T8] records staff.created by the system, without the token', async () => {
    await run({ positionals: ['create', 'bob'], role: 'moderator' });
    const row = await store.staff.byName('bob');
    expect(row?.role).toBe('moderator');
    const [entry] = await store.audit.range(1, 10);
    expect(entry).toMatchObject({ actorKind: 'system', actorId: null, action: 'staff.created' });
    expect(JSON.parse(entry!.details)).toEqual({ staffId: row!.id, name: 'bob', role: 'moderator' });
    expect(entry!.details).not.toContain(row!.enrol_hash);
  });

  it('[O3] uses --base-url for the link, without a trailing slash', async () => {
    const result = await run({
      positionals: ['create', 'carol'],
      baseUrl: 'https://chat.example.org/salon/',
    });
    expect(result.out[0]).toMatch(/^https:\/\/chat\.example\.org\/salon\/staff#enrol=[A-Za-z0-9_-]{22,}$/);
  });

  it('[O3] refuses a taken name, whatever its case, with exit code 1', async () => {
    expect((await run({ positionals: ['create', 'dave'] })).code).toBe(0);
    for (const name of ['dave', 'DAVE']) {
      const again = await run({ positionals: ['create', name] });
      expect(again.code).toBe(1);
      expect(again.out).toEqual([]);
      expect(again.err.join('\n')).toMatch(/taken/);
    }
    expect(await store.audit.count()).toBe(1);
  });

  it('[O3] refuses invalid names (exit 1) and bad usage (exit 2)', async () => {
    for (const name of ['a', 'x'.repeat(41), 'with space', 'émile', 'semi;colon']) {
      const result = await run({ positionals: ['create', name] });
      expect(result.code, name).toBe(1);
      expect(result.err.join('\n')).toMatch(/2 to 40/);
    }
    expect((await run({ positionals: ['create', 'ok.name-1_x'] })).code).toBe(0);
    for (const args of [
      { positionals: [] },
      { positionals: ['delete', 'erin'] },
      { positionals: ['create'] },
      { positionals: ['create', 'erin', 'frank'] },
      { positionals: ['create', 'erin'], role: 'owner' },
      { positionals: ['create', 'erin'], baseUrl: 'ftp://example.org' },
      { positionals: ['create', 'erin'], baseUrl: 'not a url' },
    ]) {
      const result = await run(args);
      expect(result.code, JSON.stringify(args)).toBe(2);
      expect(result.err.join('\n')).toContain('Usage: salon admin create');
    }
    expect(await store.staff.byName('erin')).toBeNull();
  });
});

describe('salon admin on the command line', () => {
  let dataDir: string;
  let configFile: string;

  beforeEach(async () => {
    dataDir = await mkdtemp(join(tmpdir(), 'salon-admin-'));
    configFile = join(dataDir, 'salon.yaml');
    await writeFile(configFile, `storage:\n  dataDir: ${JSON.stringify(join(dataDir, 'data'))}\n`);
    vi.stubEnv('SALON_DATA_DIR', join(dataDir, 'data'));
    vi.stubEnv('SALON_DATABASE_URL', '');
  });
  afterEach(async () => {
    vi.unstubAllEnvs();
    vi.restoreAllMocks();
    await rm(dataDir, { recursive: true, force: true });
  });

  it('[O3] `salon admin create` writes to the configured database, creating it when needed', async () => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(
      await main(['admin', 'create', 'root', '-c', configFile, '--base-url', 'https://example.org']),
    ).toBe(0);
    expect(out.mock.calls.map((call) => String(call[0]))).toEqual([
      expect.stringMatching(/^https:\/\/example\.org\/staff#enrol=/),
    ]);
    expect(await main(['admin', 'create', 'root', '--config', configFile])).toBe(1);
    const store = await openStore({ sqlitePath: join(dataDir, 'data', 'salon.db') });
    try {
      expect(await store.staff.byName('root')).toMatchObject({ role: 'admin' });
    } finally {
      await store.close();
    }
  });

  it('[O3] --role and --base-url are refused outside `salon admin create`', async () => {
    vi.spyOn(console, 'error').mockImplementation(() => undefined);
    expect(await main(['start', '--role', 'admin'])).toBe(2);
  });
});
