import type { ChatMessage, MediaRef } from '@salon/protocol';
import type { Clock } from '../clock.js';
import type { Bus } from '../cluster/bus.js';
import type { SessionRow, Store } from '../store/index.js';
import { endFanout, startFanout } from '../observability/fanout.js';
import { KeyedQueue } from '../util/keyed-queue.js';

/** Who receives a stored message: the room's members, or named users (private conversations). */
export type Audience = { kind: 'room' } | { kind: 'users'; userIds: string[] };

/**
 * Stores messages with the room's next seq, once per client id (R7), and publishes them in seq
 * order: per room, storing and publishing run one at a time on this node.
 */
export class MessagePoster {
  readonly queue = new KeyedQueue();

  constructor(
    private readonly store: Store,
    private readonly bus: Bus,
    private readonly clock: Clock,
  ) {}

  post(
    session: SessionRow,
    roomId: string,
    cid: string,
    text: string,
    audience: Audience,
    media?: MediaRef,
  ): Promise<{ message: ChatMessage; duplicate: boolean }> {
    return this.queue.run(roomId, () => this.postNow(session, roomId, cid, text, audience, media));
  }

  /** Like `post`, for a caller already running in the room's queue. */
  async postNow(
    session: SessionRow,
    roomId: string,
    cid: string,
    text: string,
    audience: Audience,
    media?: MediaRef,
  ): Promise<{ message: ChatMessage; duplicate: boolean }> {
    const result = await this.store.messages.append({
      roomId,
      authorId: session.id,
      nickname: session.nickname,
      text,
      cid,
      at: this.clock.now(),
      ...(media ? { media } : {}),
    });
    // A retry (same cid) is published again: the first try may have been stored by a node that
    // died before publishing it. Nodes drop seqs they already delivered (RecentSeqs).
    const event = { type: 'msg', message: result.message } as const;
    if (!result.duplicate) startFanout(event);
    try {
      if (audience.kind === 'room') this.bus.publish({ roomId, event, authorId: session.id });
      else for (const userId of audience.userIds) this.bus.publishToUser({ userId, event });
    } finally {
      if (!result.duplicate) endFanout(event);
    }
    return result;
  }
}
