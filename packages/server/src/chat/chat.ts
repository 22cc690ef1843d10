import {
  LIMITS,
  type ChatMessage,
  type PresenceStatus,
  type RoomInfo,
  type ServerMessageOf,
} from '@salon/protocol';
import type { Clock } from '../clock.js';
import type { Bus } from '../cluster/bus.js';
import type { Config } from '../config/schema.js';
import { SalonError } from '../errors.js';
import type { SessionRow, Store } from '../store/index.js';
import { KeyedQueue } from '../util/keyed-queue.js';
import type { Hub, Subscriber } from './hub.js';
import { cleanMessageText } from './text.js';

type Joined = Omit<ServerMessageOf<'room.joined'>, 'type' | 'id'>;

/** R1–R7: public rooms, membership, messages, history, typing, presence and read marks. */
export class ChatService {
  private readonly queue = new KeyedQueue();
  private readonly roomInfo: Map<string, Omit<RoomInfo, 'members'>>;

  constructor(
    private readonly store: Store,
    private readonly hub: Hub,
    private readonly bus: Bus,
    private readonly config: Readonly<Config>,
    private readonly clock: Clock,
  ) {
    this.roomInfo = new Map(
      config.rooms.map((room) => [
        room.id,
        { id: room.id, name: room.name, topic: room.topic, adult: room.adult },
      ]),
    );
  }

  /** Writes the configured public rooms to the store (R1). */
  async syncRooms(): Promise<void> {
    await this.store.rooms.syncPublic(this.config.rooms, this.clock.now());
  }

  /** R1: public rooms with their live member counts, in configured order. */
  listRooms(): RoomInfo[] {
    return [...this.roomInfo.values()].map((room) => ({ ...room, members: this.hub.count(room.id) }));
  }

  private room(roomId: string): Omit<RoomInfo, 'members'> {
    const room = this.roomInfo.get(roomId);
    if (!room) throw new SalonError('ROOM_NOT_FOUND', 'There is no such room.');
    return room;
  }

  private requireMember(roomId: string, session: SessionRow): void {
    this.room(roomId);
    if (!this.hub.isMember(roomId, session.id)) throw new SalonError('NOT_IN_ROOM', 'Join the room first.');
  }

  /**
   * R6/R7: joins (or re-joins after a reconnect) and returns the history to show. Runs in the
   * room's queue, so no message can be stored between reading history and subscribing.
   */
  join(subscriber: Subscriber, session: SessionRow, roomId: string, after?: number): Promise<Joined> {
    const room = this.room(roomId);
    return this.queue.run(roomId, async () => {
      const lastSeq = await this.store.rooms.lastSeq(roomId);
      let messages: ChatMessage[];
      let reset = false;
      let hasOlder: boolean;
      if (after !== undefined && after <= lastSeq && lastSeq - after <= LIMITS.resumeMax) {
        messages = await this.store.messages.after(roomId, after, LIMITS.resumeMax);
        hasOlder = after > 0 && (await this.store.messages.hasBefore(roomId, after + 1));
      } else {
        reset = after !== undefined;
        messages = await this.store.messages.latest(roomId, this.config.chat.historyOnJoin);
        hasOlder = messages.length > 0 && (await this.store.messages.hasBefore(roomId, messages[0]!.seq));
      }
      let lastReadSeq = await this.store.reads.get(session.id, roomId);
      if (lastReadSeq === null) {
        lastReadSeq = lastSeq;
        await this.store.reads.mark(session.id, roomId, lastSeq);
      }
      this.hub.join(subscriber, roomId);
      return {
        room: { ...room, members: this.hub.count(roomId) },
        members: this.hub.members(roomId),
        messages,
        hasOlder,
        reset,
        unread: Math.max(0, lastSeq - lastReadSeq),
        lastReadSeq,
      };
    });
  }

  leave(session: SessionRow, roomId: string): void {
    this.room(roomId);
    this.hub.remove(roomId, session.id);
  }

  /** R5/R7: stores a message (once per cid) and fans it out in seq order; returns its seq. */
  async send(session: SessionRow, roomId: string, cid: string, rawText: string): Promise<number> {
    this.requireMember(roomId, session);
    const text = cleanMessageText(rawText);
    return this.queue.run(roomId, async () => {
      const { message, duplicate } = await this.store.messages.append({
        roomId,
        authorId: session.id,
        nickname: session.nickname,
        text,
        cid,
        at: this.clock.now(),
      });
      if (!duplicate) this.bus.publish({ roomId, event: { type: 'msg', message } });
      return message.seq;
    });
  }

  /** R6: an older page of history. */
  async history(session: SessionRow, roomId: string, before: number, limit?: number) {
    this.requireMember(roomId, session);
    const messages = await this.store.messages.before(
      roomId,
      before,
      limit ?? this.config.chat.historyOnJoin,
    );
    const hasOlder = messages.length > 0 && (await this.store.messages.hasBefore(roomId, messages[0]!.seq));
    return { messages, hasOlder };
  }

  /** R6: tells the room this member is typing (not echoed to them). */
  typing(session: SessionRow, roomId: string): void {
    this.requireMember(roomId, session);
    this.bus.publish({
      roomId,
      exceptSession: session.id,
      event: { type: 'typing', roomId, userId: session.id, nickname: session.nickname },
    });
  }

  /** R6: presence, shown to the rooms the user is in. */
  setPresence(session: SessionRow, status: PresenceStatus): void {
    for (const roomId of this.hub.setStatus(session.id, status)) {
      this.bus.publish({ roomId, event: { type: 'presence', userId: session.id, status } });
    }
  }

  /** R6: moves the member's read mark. */
  async markRead(session: SessionRow, roomId: string, seq: number): Promise<void> {
    this.requireMember(roomId, session);
    await this.store.reads.mark(session.id, roomId, seq);
  }
}
