import type { Clock } from '../clock.js';
import { SalonError } from '../errors.js';
import type { RestrictionRow, Store } from '../store/index.js';

/**
 * T2, T4: mutes and bans decided by staff, in one room or on the whole platform. Kept in memory
 * (loaded at start, updated with each change made through here) so every message is checked
 * without a query.
 */
export class Restrictions {
  private byUser = new Map<string, RestrictionRow[]>();
  private devices = new Map<string, RestrictionRow>();

  constructor(
    private readonly store: Pick<Store, 'moderation'>,
    private readonly clock: Clock,
  ) {}

  async load(): Promise<void> {
    const rows = await this.store.moderation.activeRestrictions(this.clock.now());
    this.byUser = new Map();
    this.devices = new Map();
    for (const row of rows) this.note(row);
  }

  /** Records a restriction already written to the store. */
  note(row: RestrictionRow): void {
    const list = this.byUser.get(row.user_id) ?? [];
    list.push(row);
    this.byUser.set(row.user_id, list);
    if (row.kind === 'ban' && row.room_id === null && row.device_hash) this.devices.set(row.device_hash, row);
  }

  /** Forgets the restrictions that came with a statement (an appeal reversed it). */
  liftStatement(statementId: string): void {
    for (const [userId, list] of this.byUser) {
      const kept = list.filter((row) => row.statement_id !== statementId);
      if (kept.length > 0) this.byUser.set(userId, kept);
      else this.byUser.delete(userId);
    }
    for (const [device, row] of this.devices)
      if (row.statement_id === statementId) this.devices.delete(device);
  }

  private active(row: RestrictionRow): boolean {
    return row.lifted_at === null && (row.until === null || row.until > this.clock.now());
  }

  /** The platform ban in force for this user or this device, if any. */
  platformBan(userId: string, deviceHash?: string | null): RestrictionRow | null {
    const own = (this.byUser.get(userId) ?? []).find(
      (row) => row.kind === 'ban' && row.room_id === null && this.active(row),
    );
    if (own) return own;
    const device = deviceHash ? this.devices.get(deviceHash) : undefined;
    return device && this.active(device) ? device : null;
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
