import type { ServerMessage } from '@salon/protocol';
import type { Clock } from '../clock.js';
import type { Store } from '../store/index.js';

/**
 * P3: blocks, with an in-memory copy of each connected user's list so fan-out can filter without
 * a query per recipient.
 */
export class BlockService {
  private readonly cache = new Map<string, Set<string>>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Loads a user's list (at connection). */
  async load(userId: string): Promise<Set<string>> {
    let set = this.cache.get(userId);
    if (!set) {
      set = new Set(await this.store.blocks.blockedBy(userId));
      this.cache.set(userId, set);
    }
    return set;
  }

  forget(userId: string): void {
    this.cache.delete(userId);
  }

  /** True when `blocker` blocks `blocked`, from the cache (users taking part in live events are loaded). */
  blocks(blocker: string, blocked: string): boolean {
    return this.cache.get(blocker)?.has(blocked) ?? false;
  }

  /** True when either blocks the other, asking the database for users not loaded. */
  async eitherBlocks(a: string, b: string): Promise<boolean> {
    return (await this.load(a)).has(b) || (await this.load(b)).has(a);
  }

  async block(blocker: string, blocked: string): Promise<void> {
    await this.store.blocks.block(blocker, blocked, this.clock.now());
    (await this.load(blocker)).add(blocked);
  }

  async unblock(blocker: string, blocked: string): Promise<void> {
    await this.store.blocks.unblock(blocker, blocked);
    (await this.load(blocker)).delete(blocked);
  }

  list(blocker: string) {
    return this.store.blocks.list(blocker);
  }

  /** Whether the user blocks anyone, from the cache (a quick test before per-recipient work). */
  blocksAnyone(blocker: string): boolean {
    return (this.cache.get(blocker)?.size ?? 0) > 0;
  }

  /** The users `blocker` blocks, from the cache (empty when not loaded here). */
  blockedBy(blocker: string): readonly string[] {
    const set = this.cache.get(blocker);
    return set ? [...set] : [];
  }

  /**
   * P3 visibility of a room event from `author` for `recipient`: a blocker sees neither the
   * messages nor the typing of someone they blocked; a blocked user sees neither the presence nor
   * the arrival of the one who blocked them. `authorBlocks` is the author's own list when the
   * event comes from another node, where the author is connected and known (this node may not
   * have it).
   */
  hides(recipient: string, author: string, event: ServerMessage, authorBlocks?: readonly string[]): boolean {
    if (recipient === author) return false;
    const authorBlocksRecipient = () =>
      this.blocks(author, recipient) || (authorBlocks?.includes(recipient) ?? false);
    switch (event.type) {
      case 'msg':
        return this.blocks(recipient, author);
      case 'typing':
        return this.blocks(recipient, author) || authorBlocksRecipient();
      case 'member.joined':
      case 'member.updated':
      case 'presence':
        return authorBlocksRecipient();
      default:
        return false;
    }
  }
}
