import { readFileSync, existsSync } from 'node:fs';
import { parse as parseYaml } from 'yaml';
import { ConfigSchema, type Config } from './schema.js';
import { DEFAULT_ROOMS } from './defaults.js';

export class ConfigError extends Error {
  constructor(
    /** Dotted path of the offending key, e.g. `entry.minAge`. */
    readonly key: string,
    message: string,
  ) {
    super(`configuration: ${key}: ${message}`);
    this.name = 'ConfigError';
  }
}

/** Environment variables and the config key each overrides (O2). */
export const ENV_OVERRIDES: Record<string, { path: string[]; kind: 'string' | 'number' | 'boolean' }> = {
  SALON_HOST: { path: ['http', 'host'], kind: 'string' },
  SALON_PORT: { path: ['http', 'port'], kind: 'number' },
  SALON_TRUST_PROXY: { path: ['http', 'trustProxy'], kind: 'boolean' },
  SALON_DATA_DIR: { path: ['storage', 'dataDir'], kind: 'string' },
  SALON_DATABASE_URL: { path: ['storage', 'databaseUrl'], kind: 'string' },
  SALON_REDIS_URL: { path: ['cluster', 'redisUrl'], kind: 'string' },
  SALON_ADDRESS_KEY: { path: ['privacy', 'addressKey'], kind: 'string' },
  SALON_MIN_AGE: { path: ['entry', 'minAge'], kind: 'number' },
  SALON_AGE_COOLDOWN: { path: ['entry', 'ageCooldown'], kind: 'string' },
  SALON_WORD_LIST: { path: ['entry', 'wordList'], kind: 'string' },
  SALON_LOG_LEVEL: { path: ['log', 'level'], kind: 'string' },
  SALON_LIVE: { path: ['live', 'mode'], kind: 'string' },
  SALON_PUBLIC_IP: { path: ['live', 'publicIp'], kind: 'string' },
  SALON_TURN_SECRET: { path: ['live', 'turn', 'secret'], kind: 'string' },
};

type Tree = Record<string, unknown>;

function setPath(tree: Tree, path: string[], value: unknown): void {
  let node = tree;
  for (const key of path.slice(0, -1)) {
    const next = node[key];
    if (typeof next !== 'object' || next === null || Array.isArray(next)) node[key] = {};
    node = node[key] as Tree;
  }
  node[path[path.length - 1]!] = value;
}

function envValue(name: string, raw: string, kind: 'string' | 'number' | 'boolean'): unknown {
  if (kind === 'string') return raw === '' ? null : raw;
  if (kind === 'number') {
    const n = Number(raw);
    if (raw.trim() === '' || !Number.isFinite(n))
      throw new ConfigError(name, `expected a number, got "${raw}"`);
    return n;
  }
  if (/^(1|true|yes)$/i.test(raw)) return true;
  if (/^(0|false|no)$/i.test(raw)) return false;
  throw new ConfigError(name, `expected true or false, got "${raw}"`);
}

function deepFreeze<T>(value: T): T {
  if (typeof value === 'object' && value !== null && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const child of Object.values(value)) deepFreeze(child);
  }
  return value;
}

/** Validates a raw config tree (file contents plus overrides) into the frozen, typed config (O2). */
export function parseConfig(raw: unknown): Readonly<Config> {
  const result = ConfigSchema.safeParse(raw ?? {});
  if (!result.success) {
    const issue = result.error.issues[0]!;
    const path = issue.code === 'unrecognized_keys' ? [...issue.path, issue.keys[0]!] : issue.path;
    const key = path.map(String).join('.') || '(root)';
    throw new ConfigError(key, issue.code === 'unrecognized_keys' ? 'unknown key' : issue.message);
  }
  const rooms =
    result.data.rooms ??
    DEFAULT_ROOMS.map((room) => ({
      topic: '',
      adult: false,
      voice: false,
      ...room,
    }));
  const seen = new Set<string>();
  rooms.forEach((room, index) => {
    if (seen.has(room.id)) throw new ConfigError(`rooms.${index}.id`, `duplicate room id "${room.id}"`);
    seen.add(room.id);
  });
  // T11, O1: nodes that each generated their own key could not open each other's sealed addresses.
  if (result.data.cluster.redisUrl !== null && result.data.privacy.addressKey === null) {
    throw new ConfigError(
      'privacy.addressKey',
      'required in cluster mode (cluster.redisUrl): give every node the same key (SALON_ADDRESS_KEY)',
    );
  }
  return deepFreeze({ ...result.data, rooms });
}

/**
 * Reads the config file (YAML; none is fine), applies `SALON_*` environment overrides and validates.
 * A bad file or value throws ConfigError naming the key.
 */
export function loadConfig(file: string | null, env: NodeJS.ProcessEnv = process.env): Readonly<Config> {
  let tree: Tree = {};
  if (file !== null) {
    if (!existsSync(file)) throw new ConfigError('--config', `file not found: ${file}`);
    let parsed: unknown;
    try {
      parsed = parseYaml(readFileSync(file, 'utf8'));
    } catch (error) {
      throw new ConfigError('(file)', `${file} is not valid YAML: ${(error as Error).message}`);
    }
    if (parsed !== null && parsed !== undefined) {
      if (typeof parsed !== 'object' || Array.isArray(parsed)) {
        throw new ConfigError('(root)', `${file} must hold a mapping of keys`);
      }
      tree = parsed as Tree;
    }
  }
  for (const [name, spec] of Object.entries(ENV_OVERRIDES)) {
    const raw = env[name];
    if (raw !== undefined) setPath(tree, spec.path, envValue(name, raw, spec.kind));
  }
  return parseConfig(tree);
}
