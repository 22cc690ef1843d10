import type { ErrorCode, MediaRef, RoomInfo } from '@salon/protocol';
import type { Reply, RequestBody, RequestType } from '../net/requests.js';
import { containsLink, inRequestMode, isIncomingRequest, requestLeft } from './conversations.js';
import * as rs from './roomState.js';
import type { PendingMessage } from './roomState.js';
import { ChatSync } from './sync.js';
import { checkMessage } from './validate.js';

export const TYPING_SEND_INTERVAL_MS = 3000;
export const HISTORY_PAGE = 50;

/** What the user does in rooms and conversations: join, switch, write, read (R5–R7). */
export class Messaging extends ChatSync {
  private readonly typingSentAt = new Map<string, number>();

  /** R1, R2, P1, P3: the room lists, my conversations and the people I blocked. */
  protected refreshLists(): void {
    void this.ask({ type: 'rooms.list' }, (r) =>
      this.set({ rooms: r.rooms, mine: r.mine, roomsLoaded: true }),
    );
    void this.ask({ type: 'dm.list' }, (r) => {
      const conversations = Object.fromEntries(r.conversations.map((c) => [c.id, c]));
      this.set({ conversations, conversationsLoaded: true });
    });
    this.refreshBlocked();
  }

  /** P3: the people I blocked (again when the settings open). */
  refreshBlocked(): void {
    void this.ask({ type: 'block.list' }, (r) => this.set({ blocked: r.users }));
  }

  /** Sends a request and applies its reply; a refusal is told to the user. False when it failed. */
  protected async ask<K extends RequestType>(
    body: RequestBody<K> & { type: K },
    apply: (reply: Reply<K>) => void = () => undefined,
  ): Promise<boolean> {
    try {
      apply(await this.connection.request(body));
      return true;
    } catch (error) {
      this.report(error);
      return false;
    }
  }

  joinRoom(roomId: string, known?: RoomInfo): void {
    if (this.state.joined[roomId]) {
      this.setActive(roomId);
      return;
    }
    const info =
      known ??
      this.state.rooms.find((r) => r.id === roomId) ??
      this.state.mine.find((r) => r.id === roomId) ??
      null;
    this.set({
      joined: { ...this.state.joined, [roomId]: rs.newRoom(roomId, info) },
      order: [...this.state.order, roomId],
    });
    this.setActive(roomId);
    void this.requestJoin(roomId);
  }

  /** Leaves a room; for a conversation, only closes its view. */
  leaveRoom(roomId: string): void {
    const kind = this.state.joined[roomId]?.kind;
    if (!this.forget(roomId) || kind === 'dm') return;
    if (this.connection.isReady)
      this.connection.request({ type: 'room.leave', roomId }).catch(() => undefined);
  }

  setActive(roomId: string | null): void {
    if (roomId !== null && !this.state.joined[roomId]) return;
    this.focus.atBottom = true;
    this.set({ activeRoomId: roomId });
    if (roomId !== null) this.markReadIfSeen(roomId);
  }

  /** The message list of the active room is (not) scrolled to the bottom. */
  setAtBottom(atBottom: boolean): void {
    this.focus.atBottom = atBottom;
    if (this.state.activeRoomId !== null) this.markReadIfSeen(this.state.activeRoomId);
  }

  /** The page became hidden or visible: presence away/online (R6). */
  setVisible(visible: boolean): void {
    this.focus.visible = visible;
    this.presence = visible ? 'online' : 'away';
    this.connection.send({ type: 'presence', status: this.presence });
    if (visible) {
      this.connection.retryNow();
      if (this.state.activeRoomId !== null) this.markReadIfSeen(this.state.activeRoomId);
    }
  }

  /** The network is back: reconnect now instead of waiting for the backoff. */
  retryNow(): void {
    this.connection.retryNow();
  }

  /**
   * Queues a message (R5, R7), or an uploaded file with its caption (M1); returns an error code
   * instead when it cannot be sent.
   */
  send(roomId: string, raw: string, media?: MediaRef): ErrorCode | null {
    const room = this.state.joined[roomId];
    if (!room) return 'NOT_IN_ROOM';
    const text = checkMessage(raw, media !== undefined);
    if (typeof text !== 'string') return text.error;
    if (room.kind === 'dm') {
      const refused = this.requestProblem(roomId, text, media !== undefined);
      if (refused) return refused;
    }
    const pending: PendingMessage = {
      cid: this.newId(),
      roomId,
      text,
      ...(media ? { media } : {}),
      at: this.timers.now(),
      status: 'sending',
    };
    this.updateRoom(roomId, (r) => ({ ...r, pending: [...r.pending, pending] }));
    this.typingSentAt.delete(roomId);
    void this.sendPending(roomId, pending.cid);
    return null;
  }

  /** P1: only the requester writes before acceptance, text only, a few messages at most. */
  private requestProblem(roomId: string, text: string, withMedia: boolean): ErrorCode | null {
    const conversation = this.state.conversations[roomId];
    if (conversation && isIncomingRequest(conversation)) return 'FORBIDDEN';
    if (!inRequestMode(this.state, roomId)) return null;
    if (withMedia || containsLink(text)) return 'REQUEST_TEXT_ONLY';
    if (requestLeft(this.state, roomId) <= 0) return 'REQUEST_LIMIT';
    return null;
  }

  retryPending(roomId: string, cid: string): void {
    this.updateRoom(roomId, (r) => rs.updatePending(r, cid, { status: 'sending', error: undefined }));
    void this.sendPending(roomId, cid);
  }

  discardPending(roomId: string, cid: string): void {
    this.updateRoom(roomId, (r) => ({ ...r, pending: r.pending.filter((p) => p.cid !== cid) }));
  }

  /** The user is typing: tells the room at most once every 3 s (R6). */
  typing(roomId: string): void {
    // P1: a request is not a conversation yet: nothing to tell before it is accepted.
    if (this.state.joined[roomId]?.kind === 'dm' && this.state.conversations[roomId]?.state !== 'accepted')
      return;
    const now = this.timers.now();
    const last = this.typingSentAt.get(roomId);
    if (last !== undefined && now - last < TYPING_SEND_INTERVAL_MS) return;
    if (this.connection.send({ type: 'typing', roomId })) this.typingSentAt.set(roomId, now);
  }

  /** R6: loads the page before the first message held. */
  async loadOlder(roomId: string): Promise<void> {
    const room = this.state.joined[roomId];
    const first = room?.messages[0];
    if (!room || !first || !room.hasOlder || room.loadingOlder || !this.connection.isReady) return;
    this.updateRoom(roomId, (r) => ({ ...r, loadingOlder: true }));
    try {
      const reply = await this.connection.request({
        type: 'history',
        roomId,
        before: first.seq,
        limit: HISTORY_PAGE,
      });
      this.updateRoom(roomId, (r) => rs.applyHistory(r, reply));
    } catch (error) {
      this.updateRoom(roomId, (r) => ({ ...r, loadingOlder: false }));
      this.report(error);
    }
  }
}
