import { type MediaRef, type PresenceStatus, type RoomInfo, type ServerMessageOf } from '@salon/protocol';
import type { Clock } from '../clock.js';
import type { Bus } from '../cluster/bus.js';
import type { Roster } from '../cluster/roster.js';
import type { Config } from '../config/schema.js';
import { roomNotFound, SalonError } from '../errors.js';
import type { BlockService } from '../safety/blocks.js';
import type { SafetyLists } from '../safety/lists.js';
import { flagWords } from '../safety/review.js';
import type { SessionRow, Store } from '../store/index.js';
import { sha256Hex } from '../util/hash.js';
import type { DirectService } from './direct.js';
import { roomInfo, type RoomDirectory } from './directory.js';
import type { Hub, RoomStanding, Subscriber } from './hub.js';
import type { MessagePoster } from './post.js';
import { cleanMessageText } from './text.js';
import { loadHistory } from './history.js';

type Joined = Omit<ServerMessageOf<'room.joined'>, 'type' | 'id'>;

export interface ChatDeps {
  store: Store;
  hub: Hub;
  roster: Roster;
  bus: Bus;
  config: Readonly<Config>;
  clock: Clock;
  rooms: RoomDirectory;
  poster: MessagePoster;
  blocks: BlockService;
  direct: DirectService;
  lists: SafetyLists;
  /** M1: a file this user uploaded to this room, ready to be sent (MEDIA_INVALID otherwise). */
  attachMedia(session: SessionRow, roomId: string, mediaId: string): Promise<MediaRef>;
}

/** R1–R7 for public and private rooms; routes private conversations to DirectService. */
export class ChatService {
  constructor(private readonly deps: ChatDeps) {}

  /** Writes the configured public rooms to the store (R1). */
  async syncRooms(): Promise<void> {
    await this.deps.store.rooms.syncPublic(this.deps.config.rooms, this.deps.clock.now());
  }

  /** R1: public rooms with live counts. */
  publicRooms(): RoomInfo[] {
    const { roster } = this.deps;
    return this.deps.rooms.publicRooms.map((room) => ({ ...room, members: roster.knownCount(room.id) }));
  }

  /** R1: public rooms with live counts; R2: the private rooms this user belongs to. */
  async listRooms(session: SessionRow): Promise<{ rooms: RoomInfo[]; mine: RoomInfo[] }> {
    const { roster, store } = this.deps;
    const rooms = this.publicRooms();
    const mine: RoomInfo[] = [];
    for (const roomId of await store.members.roomsOf(session.id)) {
      const row = await store.rooms.get(roomId);
      if (row) mine.push(roomInfo(row, await roster.count(roomId)));
    }
    return { rooms, mine };
  }

  /** The standing with which this user may enter a room, or an error that reveals nothing. */
  private async entitlement(session: SessionRow, roomId: string): Promise<RoomStanding> {
    const row = await this.deps.rooms.room(roomId);
    if (row.kind === 'public') return { role: 'member', mutedUntil: null };
    const { members } = this.deps.store;
    const now = this.deps.clock.now();
    let member = await members.get(roomId, session.id);
    if (!member && (await members.takeInvitation(roomId, session.id))) {
      if (await members.activeBan(roomId, session.id, now))
        throw new SalonError('BANNED', 'You are banned from this room.');
      member = { room_id: roomId, session_id: session.id, role: 'member', muted_until: null, joined_at: now };
      await members.add(member);
    }
    if (!member) throw roomNotFound();
    return { role: member.role, mutedUntil: member.muted_until === null ? null : Number(member.muted_until) };
  }

  /**
   * R6/R7: joins (or re-joins after a reconnect) and returns the history to show. The connection
   * receives the room's events before the history is read, so a message stored meanwhile on any
   * node is in the history, or in an event, or both (clients keep one copy per seq).
   */
  async join(subscriber: Subscriber, session: SessionRow, roomId: string, after?: number): Promise<Joined> {
    const standing = await this.entitlement(session, roomId);
    const { store, hub, roster, blocks, poster } = this.deps;
    return poster.queue.run(roomId, async () => {
      await hub.join(subscriber, roomId, standing);
      const row = await this.deps.rooms.room(roomId);
      const lastSeq = row.lastSeq;
      const history = await this.history(session, roomId, lastSeq + 1, undefined, after);
      let lastReadSeq = await store.reads.get(session.id, roomId);
      if (lastReadSeq === null) {
        lastReadSeq = lastSeq;
        await store.reads.mark(session.id, roomId, lastSeq);
      }
      if (row.kind === 'private' && row.emptySince !== null)
        await store.rooms.update(roomId, { emptySince: null });
      const members = await roster.members(roomId);
      return {
        room: roomInfo(row, members.length),
        members: members.filter((member) => !blocks.blocks(member.userId, session.id)),
        ...history,
        unread: Math.max(0, lastSeq - lastReadSeq),
        lastReadSeq,
      };
    });
  }

  /** R2: joins a private room through an invite link; unknown and revoked links look the same. */
  async joinByLink(subscriber: Subscriber, session: SessionRow, token: string): Promise<Joined> {
    const { members } = this.deps.store;
    const roomId = await members.roomForLink(sha256Hex(token));
    if (!roomId) throw new SalonError('INVITE_INVALID', 'This invitation link is not valid.');
    const now = this.deps.clock.now();
    if (await members.activeBan(roomId, session.id, now))
      throw new SalonError('BANNED', 'You are banned from this room.');
    await members.add({
      room_id: roomId,
      session_id: session.id,
      role: 'member',
      muted_until: null,
      joined_at: now,
    });
    return this.join(subscriber, session, roomId);
  }

  async leave(session: SessionRow, roomId: string): Promise<void> {
    if (!(await this.isMember(roomId, session.id))) {
      await this.deps.rooms.room(roomId);
      if ((await this.deps.rooms.kind(roomId)) === 'private') throw roomNotFound();
    }
    // Every node drops the session's connections from the room.
    this.deps.bus.publishControl({ op: 'remove', roomId, sessionId: session.id });
  }

  /** Member on this node (the usual case, no round trip) or on another one. */
  private async isMember(roomId: string, sessionId: string): Promise<boolean> {
    return this.deps.hub.isMember(roomId, sessionId) || this.deps.roster.isMember(roomId, sessionId);
  }

  /** Checks that the user may act in this room or conversation now, and says which it is. */
  async access(session: SessionRow, roomId: string): Promise<'room' | 'direct'> {
    const kind = await this.deps.rooms.kind(roomId);
    if (kind === 'direct') {
      await this.deps.direct.conversationFor(session, roomId);
      return 'direct';
    }
    if (kind === null || !(await this.isMember(roomId, session.id))) {
      if (kind === 'public') throw new SalonError('NOT_IN_ROOM', 'Join the room first.');
      throw roomNotFound();
    }
    return 'room';
  }

  /** R3: MUTED while the user is muted in this room (writing, and live media: V1, V2). */
  checkNotMuted(userId: string, roomId: string): void {
    const mutedUntil = this.deps.hub.standing(roomId, userId)?.mutedUntil ?? null;
    if (mutedUntil !== null && mutedUntil > this.deps.clock.now()) {
      throw new SalonError('MUTED', 'You are muted in this room for now.', { until: mutedUntil });
    }
  }

  /** R5/R7: stores a message (once per cid) and fans it out in seq order; returns its seq. */
  async send(
    session: SessionRow,
    roomId: string,
    cid: string,
    rawText: string,
    mediaId?: string,
  ): Promise<number> {
    const scope = await this.access(session, roomId);
    const media = mediaId === undefined ? undefined : await this.deps.attachMedia(session, roomId, mediaId);
    if (scope === 'direct') {
      return (await this.deps.direct.send(session, roomId, cid, rawText, media)).seq;
    }
    this.checkNotMuted(session.id, roomId);
    const text = cleanMessageText(rawText, media !== undefined);
    this.deps.lists.checkMessage(text);
    const { message, duplicate } = await this.deps.poster.post(
      session,
      roomId,
      cid,
      text,
      { kind: 'room' },
      media,
    );
    if (!duplicate) await flagWords(this.deps, { author: session, roomId, seq: message.seq, text });
    return message.seq;
  }

  private history(session: SessionRow, roomId: string, before: number, limit?: number, after?: number) {
    const pageSize = limit ?? this.deps.config.chat.historyOnJoin;
    return loadHistory(this.deps.store, this.deps.blocks, session.id, roomId, {
      before,
      pageSize,
      ...(after !== undefined ? { after } : {}),
    });
  }

  /** R6: an older page, for a member or a participant. */
  async olderPage(session: SessionRow, roomId: string, before: number, limit?: number) {
    await this.access(session, roomId);
    const { messages, hasOlder } = await this.history(session, roomId, before, limit);
    return { messages, hasOlder };
  }

  /** R6: tells the room (or the other person) this user is typing; never echoed to them. */
  async typing(session: SessionRow, roomId: string): Promise<void> {
    const event = { type: 'typing', roomId, userId: session.id, nickname: session.nickname } as const;
    if ((await this.access(session, roomId)) === 'direct') {
      await this.deps.direct.typing(session, roomId, event);
      return;
    }
    this.deps.bus.publish({ roomId, exceptSession: session.id, authorId: session.id, event });
  }

  /** R6: presence, shown to the rooms the user is in. */
  setPresence(session: SessionRow, status: PresenceStatus): void {
    const { hub, roster } = this.deps;
    for (const roomId of hub.setStatus(session.id, status)) {
      const member = hub.member(roomId, session.id);
      if (member) roster.update(roomId, member).catch(() => {});
      this.deps.bus.publish({
        roomId,
        authorId: session.id,
        event: { type: 'presence', userId: session.id, status },
      });
    }
  }

  /** R6: moves the read mark. */
  async markRead(session: SessionRow, roomId: string, seq: number): Promise<void> {
    await this.access(session, roomId);
    await this.deps.store.reads.mark(session.id, roomId, seq);
  }
}
