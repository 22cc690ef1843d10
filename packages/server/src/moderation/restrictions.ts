import { randomToken, type Clock, type Random } from '../clock.js';
import { SalonError } from '../errors.js';
import type { RestrictionRow, Store } from '../store/index.js';

/**
 * T2, T4: mutes and bans decided by staff, in one room or on the whole platform. Kept in memory
 * (loaded at start, updated with each change made through here) so every message is checked
 * without a query. `onChange` tells the other nodes of a cluster, which load them again.
 */
export class Restrictions {
  private byUser = new Map<string, RestrictionRow[]>();
  private devices = new Map<string, RestrictionRow>();
  private addresses = new Map<string, RestrictionRow>();

  constructor(
    private readonly store: Pick<Store, 'moderation'>,
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly onChange: () => void = () => {},
  ) {}

  async load(): Promise<void> {
    const rows = await this.store.moderation.activeRestrictions(this.clock.now());
    this.byUser = new Map();
    this.devices = new Map();
    this.addresses = new Map();
    for (const row of rows) this.index(row);
  }

  /** Records a restriction already written to the store. */
  note(row: RestrictionRow): void {
    this.index(row);
    this.onChange();
  }

  private index(row: RestrictionRow): void {
    const list = this.byUser.get(row.user_id) ?? [];
    list.push(row);
    this.byUser.set(row.user_id, list);
    if (row.kind === 'ban' && row.room_id === null) {
      if (row.device_hash) this.devices.set(row.device_hash, row);
      if (row.address_hash) this.addresses.set(row.address_hash, row);
    }
  }

  /** Forgets the restrictions that came with a statement (an appeal reversed it). */
  liftStatement(statementId: string): void {
    for (const [userId, list] of this.byUser) {
      const kept = list.filter((row) => row.statement_id !== statementId);
      if (kept.length > 0) this.byUser.set(userId, kept);
      else this.byUser.delete(userId);
    }
    for (const index of [this.devices, this.addresses]) {
      for (const [key, row] of index) if (row.statement_id === statementId) index.delete(key);
    }
    this.onChange();
  }

  private active(row: RestrictionRow): boolean {
    return row.lifted_at === null && (row.until === null || row.until > this.clock.now());
  }

  /** The platform ban in force for this user, this device or this (hashed) address, if any (T4). */
  platformBan(
    userId: string,
    deviceHash?: string | null,
    addressHash?: string | null,
  ): RestrictionRow | null {
    const own = (this.byUser.get(userId) ?? []).find(
      (row) => row.kind === 'ban' && row.room_id === null && this.active(row),
    );
    if (own) return own;
    for (const found of [
      deviceHash ? this.devices.get(deviceHash) : undefined,
      addressHash ? this.addresses.get(addressHash) : undefined,
    ]) {
      if (found && this.active(found)) return found;
    }
    return null;
  }

  /**
   * T4: refuses entry to a banned device or address, whatever nickname it brings, and flags the
   * attempt to staff (a moderation alert naming the banned user; never the address).
   */
  async checkEntry(deviceHash: string, addressHash: string): Promise<void> {
    const ban = this.platformBan('', deviceHash, addressHash);
    if (!ban) return;
    const via = ban.device_hash === deviceHash ? 'device' : 'address';
    await this.store.moderation.addAlert({
      id: randomToken(this.random, 96),
      kind: 'ban_evasion',
      user_id: ban.user_id,
      details: JSON.stringify({ via, statementId: ban.statement_id }),
      created_at: this.clock.now(),
    });
    throw new SalonError(
      'BANNED',
      'This browser or network is banned from Salon for now.',
      ban.until ? { until: ban.until } : {},
    );
  }

  /**
   * Throws BANNED or MUTED when this user may not write here (a room or conversation id; null
   * for a new private-message request, where only platform-wide restrictions apply).
   */
  checkSend(userId: string, roomId: string | null): void {
    for (const row of this.byUser.get(userId) ?? []) {
      if (!this.active(row) || (row.room_id !== null && row.room_id !== roomId)) continue;
      const until = row.until ?? undefined;
      if (row.kind === 'ban') throw new SalonError('BANNED', 'You are banned.', until ? { until } : {});
      throw new SalonError('MUTED', 'You are muted for now.', until ? { until } : {});
    }
  }

  /** Throws BANNED when this user is banned from this room or from the platform. */
  checkJoin(userId: string, roomId: string): void {
    for (const row of this.byUser.get(userId) ?? []) {
      if (row.kind !== 'ban' || !this.active(row)) continue;
      if (row.room_id === null || row.room_id === roomId) {
        throw new SalonError(
          'BANNED',
          'You are banned from this room.',
          row.until ? { until: row.until } : {},
        );
      }
    }
  }
}
