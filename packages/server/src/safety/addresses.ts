/**
 * T11: the network address and port each message came from, kept apart from the messages,
 * sealed with AES-256-GCM under a key from the configuration (or a key file in the data
 * folder). Staff never see them; they leave the vault only through a logged legal request or
 * an escalation's evidence bundle (T10), and are purged after the retention period.
 */
import { createCipheriv, createDecipheriv, randomBytes } from 'node:crypto';
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import type { Clock } from '../clock.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../store/index.js';

export interface Origin {
  address: string;
  port: number;
}

/** The sealing key: the configured one, or one kept in <dataDir>/address.key (created once, mode 0600). */
export function addressKey(config: Readonly<Config>): Buffer {
  if (config.privacy.addressKey) return Buffer.from(config.privacy.addressKey, 'hex');
  const file = join(config.storage.dataDir, 'address.key');
  if (!existsSync(file)) {
    mkdirSync(dirname(file), { recursive: true });
    writeFileSync(file, `${randomBytes(32).toString('hex')}\n`, { mode: 0o600, flag: 'wx' });
  }
  const hex = readFileSync(file, 'utf8').trim();
  if (!/^[0-9a-fA-F]{64}$/.test(hex)) throw new Error(`${file} does not hold a 256-bit hex key`);
  return Buffer.from(hex, 'hex');
}

export function seal(key: Buffer, origin: Origin): string {
  const iv = randomBytes(12);
  const cipher = createCipheriv('aes-256-gcm', key, iv);
  const body = Buffer.concat([cipher.update(`${origin.address} ${origin.port}`, 'utf8'), cipher.final()]);
  return Buffer.concat([iv, cipher.getAuthTag(), body]).toString('base64');
}

export function unseal(key: Buffer, sealed: string): Origin {
  const raw = Buffer.from(sealed, 'base64');
  const decipher = createDecipheriv('aes-256-gcm', key, raw.subarray(0, 12));
  decipher.setAuthTag(raw.subarray(12, 28));
  const text = Buffer.concat([decipher.update(raw.subarray(28)), decipher.final()]).toString('utf8');
  const space = text.lastIndexOf(' ');
  return { address: text.slice(0, space), port: Number(text.slice(space + 1)) };
}

export interface RevealedAddress extends Origin {
  roomId: string;
  seq: number;
  userId: string;
  at: number;
}

export class AddressVault {
  constructor(
    private readonly store: Pick<Store, 'addresses'>,
    private readonly key: Buffer,
    private readonly clock: Clock,
  ) {}

  /** Records where a stored message came from (once: a resend keeps the first record). */
  async record(roomId: string, seq: number, userId: string, origin: Origin): Promise<void> {
    await this.store.addresses.put({
      room_id: roomId,
      seq,
      user_id: userId,
      sealed: seal(this.key, origin),
      at: this.clock.now(),
    });
  }

  /** Opens the addresses of these messages (T10, T11: only for a logged legal request or bundle). */
  async reveal(messages: readonly { roomId: string; seq: number }[]): Promise<RevealedAddress[]> {
    const rows = await this.store.addresses.of(messages);
    return rows.map((row) => ({
      roomId: row.room_id,
      seq: row.seq,
      userId: row.user_id,
      at: row.at,
      ...unseal(this.key, row.sealed),
    }));
  }

  /** The latest address this user wrote from, if any is still kept (T4: a ban binds it). */
  async latestOf(userId: string): Promise<Origin | null> {
    const row = await this.store.addresses.latestOf(userId);
    return row ? unseal(this.key, row.sealed) : null;
  }
}
