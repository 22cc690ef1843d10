import type { Me, PresenceStatus, ServerMessageOf } from '@salon/protocol';
import type { MediaApi } from '../api/media.js';
import type { Connection } from '../net/connection.js';
import { RequestError } from '../net/errors.js';
import type { PushMessage } from '../net/requests.js';
import { isLivePush } from '../net/frames.js';
import { browserTimers, randomId } from '../net/types.js';
import type { Timers } from '../net/types.js';
import { ChatStore } from './chatStore.js';
import {
  applyOpened,
  inRequestMode,
  isDraft,
  renameDraft,
  upsertConversation,
  withConversationClosed,
} from './conversations.js';
import { KeyedTimers } from './keyedTimers.js';
import { reducePush, roomName, withoutPrivateRoom, withoutRoom, withRoomInfo } from './reducers.js';
import * as rs from './roomState.js';
import { initialState } from './state.js';

export interface ChatSyncOptions {
  connection: Connection;
  me: Me;
  timers?: Timers;
  newId?: () => string;
  /** M1: uploads and what the server accepts; the HTTP API when not given. */
  media?: MediaApi;
}

export const TYPING_SHOW_MS = 5000;
export const READ_THROTTLE_MS = 1000;

/**
 * Keeps the chat state in step with the server (R6, R7): rejoins rooms after a reconnect,
 * resends what was not acknowledged, applies pushed events, reports what has been read.
 */
export abstract class ChatSync extends ChatStore {
  protected readonly connection: Connection;
  protected readonly timers: Timers;
  protected readonly newId: () => string;
  private readonly unsubscribe: (() => void)[] = [];
  /** cid → connection generation it was sent on: no double send on one socket. */
  private readonly inflight = new Map<string, number>();
  /** Keys `room\nuser`: hides someone's typing indicator after a while. */
  protected readonly typingTimers: KeyedTimers;
  /** Keys `read\nroom` (read receipts, throttled) and `join\nroom` (a rejoin put off). */
  private readonly later: KeyedTimers;
  private generation = 0;
  protected presence: PresenceStatus = 'online';
  protected focus = { atBottom: true, visible: true };

  constructor(options: ChatSyncOptions) {
    super(initialState(options.me, options.connection.currentStatus));
    this.connection = options.connection;
    this.timers = options.timers ?? browserTimers;
    this.newId = options.newId ?? randomId;
    this.typingTimers = new KeyedTimers(this.timers);
    this.later = new KeyedTimers(this.timers);
  }

  start(): void {
    const c = this.connection;
    this.unsubscribe.push(
      c.on('status', (status) => this.set({ status })),
      c.on('ready', ({ me }) => this.onReady(me)),
      c.on('push', (message) => this.onPush(message)),
      c.on('stop', (stopped) => this.set({ stopped, status: 'offline' })),
    );
    c.start();
  }

  dispose(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    this.connection.stop();
    this.typingTimers.clearAll();
    this.later.clearAll();
    this.removeListeners();
  }

  /** After each welcome: the room lists, my conversations, the people I blocked. */
  protected abstract refreshLists(): void;

  protected forget(roomId: string): boolean {
    const room = this.state.joined[roomId];
    if (!room) return false;
    this.replace(withoutRoom(withConversationClosed(this.state, room), roomId));
    this.typingTimers.clearWhere((key) => key.startsWith(`${roomId}\n`));
    this.later.clear(`join\n${roomId}`);
    return true;
  }

  private onReady(me: Me): void {
    this.generation += 1;
    this.set({ me });
    if (this.presence === 'away') this.connection.send({ type: 'presence', status: 'away' });
    this.refreshLists();
    // R7: rejoin every room (and reopen every conversation) with the last seq held, then
    // resend what was not acknowledged.
    for (const roomId of this.state.order) {
      this.updateRoom(roomId, (r) => ({ ...r, phase: 'joining' }));
      void this.requestJoin(roomId);
    }
  }

  protected async requestJoin(roomId: string): Promise<void> {
    const room = this.state.joined[roomId];
    if (!room || !this.connection.isReady) return;
    if (room.kind === 'dm') return this.requestOpen(roomId);
    const after = room.synced ? rs.lastSeq(room) : undefined;
    try {
      const reply = await this.connection.request({
        type: 'room.join',
        roomId,
        ...(after === undefined ? {} : { after }),
      });
      if (!this.state.joined[roomId]) {
        // Left while the join was on its way.
        this.connection.request({ type: 'room.leave', roomId }).catch(() => undefined);
        return;
      }
      this.applyJoined(reply);
    } catch (error) {
      this.joinFailed(roomId, error);
    }
  }

  /** A `room.joined` reply for a room held here (joined by id or through an invite link). */
  protected applyJoined(reply: ServerMessageOf<'room.joined'>): void {
    const roomId = reply.room.id;
    this.updateRoom(roomId, (r) => rs.applyJoined(r, reply));
    // R2: a private room joined (by invitation or link) is one of mine from now on.
    this.replace(withRoomInfo(this.state, reply.room));
    this.markReadIfSeen(roomId);
    this.resendPending(roomId);
  }

  /** P1: opens (or, after a reconnect, resumes) a conversation, like a room join. */
  private async requestOpen(roomId: string): Promise<void> {
    const room = this.state.joined[roomId];
    if (!room) return;
    if (isDraft(roomId)) {
      // Nothing on the server yet: only the requests written offline to send.
      this.updateRoom(roomId, (r) => ({ ...r, phase: 'joined' }));
      this.resendPending(roomId);
      return;
    }
    const after = room.synced ? rs.lastSeq(room) : undefined;
    try {
      const reply = await this.connection.request({
        type: 'dm.open',
        conversationId: roomId,
        ...(after === undefined ? {} : { after }),
      });
      this.replace(upsertConversation(this.state, reply.conversation));
      this.updateRoom(roomId, (r) => applyOpened(r, reply, after !== undefined));
      this.markReadIfSeen(roomId);
      this.resendPending(roomId);
    } catch (error) {
      this.joinFailed(roomId, error);
    }
  }

  private joinFailed(roomId: string, error: unknown): void {
    if (error instanceof RequestError && error.code === 'RATE_LIMITED') {
      // Try again later rather than lose the room.
      this.later.set(`join\n${roomId}`, error.retryAfterMs ?? 1000, () => void this.requestJoin(roomId));
    } else if (error instanceof RequestError) {
      this.forget(roomId);
      this.notify(error.code);
    }
    // Connection lost: the next `ready` rejoins.
  }

  private resendPending(roomId: string): void {
    for (const p of this.state.joined[roomId]?.pending ?? []) {
      if (p.status === 'sending') void this.sendPending(roomId, p.cid);
    }
  }

  protected async sendPending(roomId: string, cid: string): Promise<void> {
    const room = this.state.joined[roomId];
    const pending = room?.pending.find((p) => p.cid === cid);
    if (!room || !pending || pending.status !== 'sending') return;
    if (room.phase !== 'joined' || !this.connection.isReady) return; // sent after (re)join
    const generation = this.generation;
    if (this.inflight.get(cid) === generation) return;
    this.inflight.set(cid, generation);
    const text = pending.text;
    // M1: a file goes with its caption; the same cid keeps a resend from storing it twice.
    const mediaId = pending.media ? { mediaId: pending.media.id } : {};
    try {
      const ack =
        inRequestMode(this.state, roomId) && room.peer
          ? await this.sendRequest(roomId, room.peer.userId, cid, text)
          : {
              roomId,
              seq: (await this.connection.request({ type: 'msg.send', roomId, cid, text, ...mediaId })).seq,
            };
      const { userId, nickname } = this.state.me;
      this.updateRoom(ack.roomId, (r) => rs.applyAck(r, cid, ack.seq, userId, nickname));
      this.markReadIfSeen(ack.roomId);
    } catch (error) {
      if (error instanceof RequestError) {
        const where = this.roomOfPending(cid) ?? roomId;
        this.updateRoom(where, (r) => rs.updatePending(r, cid, { status: 'failed', error: error.code }));
        this.notify(error.code);
      }
      // Connection lost: stays "sending" and goes again, same cid, after the rejoin.
    } finally {
      if (this.inflight.get(cid) === generation) this.inflight.delete(cid);
    }
  }

  /** P1: a message while the conversation is a request; a draft becomes the real conversation. */
  private async sendRequest(roomId: string, userId: string, cid: string, text: string) {
    const reply = await this.connection.request({ type: 'dm.request', userId, cid, text });
    const conversation = reply.conversation;
    this.replace(upsertConversation(this.state, conversation));
    if (isDraft(roomId) && this.state.joined[roomId]) {
      this.replace(renameDraft(this.state, roomId, conversation));
      void this.requestOpen(conversation.id);
    }
    return { roomId: conversation.id, seq: reply.seq };
  }

  private roomOfPending(cid: string): string | undefined {
    return this.state.order.find((id) => this.state.joined[id]?.pending.some((p) => p.cid === cid));
  }

  private onPush(message: PushMessage): void {
    if (isLivePush(message)) return; // the live client's (V1–V4)
    if (message.type === 'error') {
      this.notify(message.code);
      return;
    }
    // T3: statements of reasons outlive the chat session; the app keeps them (see StatementStore).
    if (message.type === 'statement') return;
    if (message.type === 'room.removed') {
      const name = roomName(this.state, message.roomId);
      this.forget(message.roomId);
      this.replace(withoutPrivateRoom(this.state, message.roomId));
      this.setRemoval({ roomId: message.roomId, name, reason: message.reason, until: message.until });
      return;
    }
    this.replace(reducePush(this.state, message, (roomId) => this.isSeen(roomId)));
    if (message.type === 'typing' && message.userId !== this.state.me.userId) {
      const { roomId, userId } = message;
      this.typingTimers.set(`${roomId}\n${userId}`, TYPING_SHOW_MS, () =>
        this.updateRoom(roomId, (r) => rs.removeTyping(r, userId)),
      );
    } else if (message.type === 'msg') {
      const { roomId, authorId } = message.message;
      this.typingTimers.clear(`${roomId}\n${authorId}`);
      this.markReadIfSeen(roomId);
    }
  }

  protected isSeen(roomId: string): boolean {
    return this.state.activeRoomId === roomId && this.focus.atBottom && this.focus.visible;
  }

  /** R6: the room is on screen at the bottom: clear its unread count and tell the server. */
  protected markReadIfSeen(roomId: string): void {
    if (!this.isSeen(roomId)) return;
    const room = this.state.joined[roomId];
    if (!room || room.phase !== 'joined') return;
    if (room.unread !== 0) this.updateRoom(roomId, (r) => ({ ...r, unread: 0 }));
    if (this.later.has(`read\n${roomId}`)) return;
    this.sendRead(roomId);
    this.later.set(`read\n${roomId}`, READ_THROTTLE_MS, () => this.sendRead(roomId));
  }

  private sendRead(roomId: string): void {
    const room = this.state.joined[roomId];
    const seq = room ? rs.lastSeq(room) : undefined;
    if (!room || seq === undefined || seq <= room.lastReadSeq) return;
    if (this.connection.send({ type: 'read', roomId, seq })) {
      this.updateRoom(roomId, (r) => ({ ...r, lastReadSeq: Math.max(r.lastReadSeq, seq) }));
    }
  }
}
