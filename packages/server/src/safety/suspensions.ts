import { SalonError } from '../errors.js';
import type { Store } from '../store/index.js';

/**
 * S1: users suspended pending review (after a hash-list match). A suspended user can still read,
 * but nothing they send, upload or request is accepted until staff lift the suspension. The
 * set is kept in memory, loaded at start and updated with every change made through here.
 */
export class Suspensions {
  private readonly users = new Set<string>();

  /** `onChange` tells the other nodes of a cluster, which load the set again. */
  constructor(
    private readonly store: Pick<Store, 'media'>,
    private readonly onChange: () => void = () => {},
  ) {}

  async load(): Promise<void> {
    const users = await this.store.media.suspendedUsers();
    this.users.clear();
    for (const userId of users) this.users.add(userId);
  }

  /** Records a suspension already written to the store (it is part of the quarantine transaction). */
  noteSuspended(userId: string): void {
    this.users.add(userId);
    this.onChange();
  }

  isSuspended(userId: string): boolean {
    return this.users.has(userId);
  }

  /** Throws SUSPENDED for a suspended user. */
  check(userId: string): void {
    if (this.users.has(userId)) {
      throw new SalonError('SUSPENDED', 'Your account is suspended while our team reviews a file you sent.');
    }
  }

  async lift(userId: string): Promise<void> {
    await this.store.media.liftSuspension(userId);
    this.users.delete(userId);
    this.onChange();
  }
}
