import { REPORT_TEXT_MAX } from '@salon/protocol';
import type { ContactPolicy, Me, ReportCategory, ReportTarget, UserCard } from '@salon/protocol';
import { RequestError } from '../net/errors.js';
import {
  conversationWith,
  draftId,
  isIncomingRequest,
  newConversationRoom,
  upsertConversation,
} from './conversations.js';
import { PrivateRoomActions } from './privateRooms.js';
import type { ActionError } from './privateRooms.js';
import type { JoinedRoom } from './roomState.js';
import type { BlockedUser } from './state.js';
import type { ChatSyncOptions } from './sync.js';

export type { ChatState } from './state.js';
export type { ActionError } from './privateRooms.js';
export type ChatClientOptions = ChatSyncOptions;
/** T1: the receipt of a report, or why it was not sent. */
export type ReportOutcome = { ok: true; reportId: string } | { ok: false; error: ActionError };
export { HISTORY_PAGE, TYPING_SEND_INTERVAL_MS } from './messaging.js';

/**
 * The chat as this browser sees it: what the user does. The React UI renders its snapshots.
 * This layer adds private messages (P1), blocks (P3) and contact preferences (P2).
 */
export class ChatClient extends PrivateRoomActions {
  /** P1: the conversation with someone, or a new one where the first request is written. */
  messageUser(peer: UserCard): void {
    if (peer.userId === this.state.me.userId) return;
    const existing = conversationWith(this.state, peer.userId);
    if (existing) {
      this.openConversation(existing.id);
      return;
    }
    const id = draftId(peer.userId);
    if (!this.state.joined[id]) this.addView(newConversationRoom(id, peer, 'joined'));
    this.setActive(id);
  }

  /** P1: opens a conversation (or request) view, loading its messages. */
  openConversation(conversationId: string): void {
    if (this.state.joined[conversationId]) {
      this.setActive(conversationId);
      return;
    }
    const conversation = this.state.conversations[conversationId];
    if (!conversation) return;
    this.addView(newConversationRoom(conversationId, conversation.peer, 'joining'));
    this.setActive(conversationId);
    void this.requestJoin(conversationId);
  }

  /** P1: the recipient accepts or ignores a request. */
  async respond(conversationId: string, action: 'accept' | 'ignore'): Promise<boolean> {
    if (!(await this.ask({ type: 'dm.respond', conversationId, action }))) return false;
    const conversation = this.state.conversations[conversationId];
    if (conversation) {
      const state = action === 'accept' ? 'accepted' : 'ignored';
      this.replace(upsertConversation(this.state, { ...conversation, state }));
    }
    if (action === 'ignore') this.leaveRoom(conversationId);
    return true;
  }

  /** P3: they can no longer write to me; an unanswered request from them goes away. */
  async block(user: BlockedUser): Promise<boolean> {
    if (!(await this.ask({ type: 'block', userId: user.userId }))) return false;
    const others = this.state.blocked.filter((b) => b.userId !== user.userId);
    this.set({ blocked: [...others, { userId: user.userId, nickname: user.nickname }] });
    for (const conversation of Object.values(this.state.conversations)) {
      if (conversation.peer.userId === user.userId && isIncomingRequest(conversation)) {
        this.leaveRoom(conversation.id);
      }
    }
    return true;
  }

  async unblock(userId: string): Promise<boolean> {
    if (!(await this.ask({ type: 'unblock', userId }))) return false;
    this.set({ blocked: this.state.blocked.filter((b) => b.userId !== userId) });
    return true;
  }

  /** P2: who may send me requests. */
  async contactPolicy(): Promise<ContactPolicy | null> {
    let policy: ContactPolicy | null = null;
    await this.ask({ type: 'contact.get' }, (reply) => (policy = reply.policy));
    return policy;
  }

  setContactPolicy(policy: ContactPolicy): Promise<boolean> {
    return this.ask({ type: 'contact.set', policy });
  }

  /** T1: reports a message, a person, a room or a file; works for every visitor, no account needed. */
  async sendReport(target: ReportTarget, category: ReportCategory, details = ''): Promise<ReportOutcome> {
    const text = details.trim().slice(0, REPORT_TEXT_MAX);
    try {
      const reply = await this.connection.request({
        type: 'report',
        target,
        category,
        ...(text === '' ? {} : { text }),
      });
      return { ok: true, reportId: reply.reportId };
    } catch (error) {
      return { ok: false, error: error instanceof RequestError ? error.code : 'NETWORK' };
    }
  }

  /** T1: the reporter has read the outcome of a report. */
  dismissClosedReport(reportId: string): void {
    this.set({ closedReports: this.state.closedReports.filter((r) => r.reportId !== reportId) });
  }

  /** T7: the person has read the safety advice of a conversation; new signals bring it back. */
  dismissRiskNotice(conversationId: string): void {
    if (!this.state.riskNotices[conversationId]) return;
    const riskNotices = { ...this.state.riskNotices };
    delete riskNotices[conversationId];
    this.set({ riskNotices });
  }

  /** E5: my identity changed over HTTP (nickname registered). */
  updateMe(me: Me): void {
    this.set({ me });
  }

  private addView(room: JoinedRoom): void {
    this.set({ joined: { ...this.state.joined, [room.id]: room }, order: [...this.state.order, room.id] });
  }
}
