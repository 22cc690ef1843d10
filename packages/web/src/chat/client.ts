import type { ErrorCode } from '@salon/protocol';
import * as rs from './roomState.js';
import type { PendingMessage } from './roomState.js';
import { ChatSync } from './sync.js';
import type { ChatSyncOptions } from './sync.js';
import { checkMessage } from './validate.js';

export type { ChatState } from './state.js';
export type ChatClientOptions = ChatSyncOptions;

export const TYPING_SEND_INTERVAL_MS = 3000;
export const HISTORY_PAGE = 50;

/** The chat as this browser sees it: what the user does. The React UI renders its snapshots. */
export class ChatClient extends ChatSync {
  private readonly typingSentAt = new Map<string, number>();

  joinRoom(roomId: string): void {
    if (this.state.joined[roomId]) {
      this.setActive(roomId);
      return;
    }
    const info = this.state.rooms.find((r) => r.id === roomId) ?? null;
    this.set({
      joined: { ...this.state.joined, [roomId]: rs.newRoom(roomId, info) },
      order: [...this.state.order, roomId],
    });
    this.setActive(roomId);
    void this.requestJoin(roomId);
  }

  leaveRoom(roomId: string): void {
    if (!this.forget(roomId)) return;
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

  /** Queues a message (R5, R7); returns an error code instead when the text cannot be sent. */
  send(roomId: string, raw: string): ErrorCode | null {
    const room = this.state.joined[roomId];
    if (!room) return 'NOT_IN_ROOM';
    const text = checkMessage(raw);
    if (typeof text !== 'string') return text.error;
    const pending: PendingMessage = {
      cid: this.newId(),
      roomId,
      text,
      at: this.timers.now(),
      status: 'sending',
    };
    this.updateRoom(roomId, (r) => ({ ...r, pending: [...r.pending, pending] }));
    this.typingSentAt.delete(roomId);
    void this.sendPending(roomId, pending.cid);
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
