import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { ConfigError, loadConfig, parseConfig } from './load.js';

function file(contents: string): string {
  const dir = mkdtempSync(join(tmpdir(), 'salon-config-'));
  const path = join(dir, 'salon.yaml');
  writeFileSync(path, contents);
  return path;
}

function keyOf(run: () => unknown): string | null {
  try {
    run();
    return null;
  } catch (error) {
    if (error instanceof ConfigError) return error.key;
    throw error;
  }
}

describe('configuration', () => {
  it('[O2] has working defaults with no file, frozen', () => {
    const config = loadConfig(null, {});
    expect(config.http.port).toBe(8080);
    expect(config.entry.minAge).toBe(18);
    expect(config.entry.ageCooldown).toBe(24 * 3_600_000);
    expect(config.storage.databaseUrl).toBeNull();
    expect(config.rooms.map((r) => r.id)).toContain('general');
    expect(Object.isFrozen(config.entry)).toBe(true);
  });

  it('[O2] reads durations and rooms from the file, and lets the environment override', () => {
    const path = file(
      'entry:\n  ageCooldown: 12h\nhttp:\n  port: 9000\nrooms:\n  - id: cafe\n    name: Café\n',
    );
    const config = loadConfig(path, { SALON_PORT: '9100', SALON_DATABASE_URL: 'postgres://x/y' });
    expect(config.entry.ageCooldown).toBe(12 * 3_600_000);
    expect(config.http.port).toBe(9100);
    expect(config.storage.databaseUrl).toBe('postgres://x/y');
    expect(config.rooms).toEqual([{ id: 'cafe', name: 'Café', topic: '', adult: false, voice: false }]);
  });

  it('[O2] stops with the name of the bad key', () => {
    expect(keyOf(() => parseConfig({ http: { port: 'eighty' } }))).toBe('http.port');
    expect(keyOf(() => parseConfig({ entry: { ageCooldown: 'soon' } }))).toBe('entry.ageCooldown');
    expect(keyOf(() => parseConfig({ entry: { minAge: 12 } }))).toBe('entry.minAge');
    expect(keyOf(() => parseConfig({ htpp: {} }))).toBe('htpp');
    expect(keyOf(() => parseConfig({ http: { prot: 1 } }))).toBe('http.prot');
    expect(
      keyOf(() =>
        parseConfig({
          rooms: [
            { id: 'a', name: 'A' },
            { id: 'a', name: 'B' },
          ],
        }),
      ),
    ).toBe('rooms.1.id');
    expect(keyOf(() => parseConfig({ rooms: [{ id: 'Bad Id', name: 'A' }] }))).toBe('rooms.0.id');
    expect(keyOf(() => loadConfig(null, { SALON_PORT: 'abc' }))).toBe('SALON_PORT');
    expect(keyOf(() => loadConfig(file('http: [1, 2'), {}))).toBe('(file)');
    expect(keyOf(() => loadConfig('/nonexistent/salon.yaml', {}))).toBe('--config');
  });

  it('[O1][T11] cluster mode needs the address key every node shares', () => {
    expect(keyOf(() => loadConfig(null, { SALON_REDIS_URL: 'redis://127.0.0.1:6379' }))).toBe(
      'privacy.addressKey',
    );
    const key = 'ab'.repeat(32);
    const config = loadConfig(null, { SALON_REDIS_URL: 'redis://127.0.0.1:6379', SALON_ADDRESS_KEY: key });
    expect(config.cluster.redisUrl).toBe('redis://127.0.0.1:6379');
    expect(config.privacy.addressKey).toBe(key);
  });
});
