import {
  ContactPolicy,
  LIMITS,
  type Conversation,
  type MediaRef,
  type ServerMessage,
  type UserCard,
} from '@salon/protocol';
import { randomToken, type Clock, type Random } from '../clock.js';
import type { Bus } from '../cluster/bus.js';
import type { Config } from '../config/schema.js';
import { roomNotFound, SalonError } from '../errors.js';
import type { BlockService } from '../safety/blocks.js';
import type { SafetyLists } from '../safety/lists.js';
import type { Limiter } from '../safety/limiter.js';
import { flagWords, raiseSignals, type ConversationMessage } from '../safety/review.js';
import type { ConversationRow, SessionRow, Store } from '../store/index.js';
import { loadHistory } from './history.js';
import { containsLink } from './links.js';
import type { MessagePoster } from './post.js';
import { cleanMessageText } from './text.js';

export interface DirectDeps {
  store: Store;
  bus: Bus;
  clock: Clock;
  random: Random;
  poster: MessagePoster;
  blocks: BlockService;
  limiter: Limiter;
  config: Readonly<Config>;
  lists: SafetyLists;
}

const NOT_FOUND = roomNotFound;

function otherOf(row: ConversationRow, userId: string): string {
  return row.user_low === userId ? row.user_high : row.user_low;
}

function card(row: SessionRow): UserCard {
  return {
    userId: row.id,
    nickname: row.nickname,
    gender: row.gender as UserCard['gender'],
    age: row.age,
    region: row.region as UserCard['region'],
  };
}

/** P2: the stored contact policy (JSON; null or unreadable: everyone). */
export function readPolicy(stored: string | null): ContactPolicy {
  let parsed: unknown = null;
  try {
    parsed = stored === null ? null : JSON.parse(stored);
  } catch {
    parsed = null;
  }
  const policy = ContactPolicy.safeParse(parsed);
  return policy.success ? policy.data : ContactPolicy.parse({ mode: 'everyone' });
}

/** P2: whether `policy` (stored JSON; null: everyone) accepts requests from `sender`. */
export function policyAccepts(policy: string | null, sender: SessionRow): boolean {
  const { mode, genders, minAge, maxAge } = readPolicy(policy);
  if (mode === 'everyone') return true;
  if (mode === 'nobody') return false;
  if (genders.length > 0 && !genders.includes(sender.gender as (typeof genders)[number])) return false;
  if (minAge !== null && sender.age < minAge) return false;
  return maxAge === null || sender.age <= maxAge;
}

/** P1–P4: private conversations: requests, acceptance, messages, blocks and contact preferences. */
export class DirectService {
  constructor(private readonly deps: DirectDeps) {}

  /** The conversation if this user takes part in it; otherwise ROOM_NOT_FOUND (nothing leaks). */
  async conversationFor(session: SessionRow, id: string): Promise<ConversationRow> {
    const row = await this.deps.store.conversations.get(id);
    if (!row || (row.user_low !== session.id && row.user_high !== session.id)) throw NOT_FOUND();
    return row;
  }

  /** The conversation as `viewerId` sees it. A requester never learns that a request was ignored. */
  async view(row: ConversationRow, viewerId: string): Promise<Conversation> {
    const { store } = this.deps;
    const peer = await store.sessions.byId(otherOf(row, viewerId));
    if (!peer) throw NOT_FOUND();
    const lastSeq = await store.rooms.lastSeq(row.id);
    const read = (await store.reads.get(viewerId, row.id)) ?? 0;
    const outgoing = row.requester_id === viewerId;
    const state = outgoing && row.state === 'ignored' ? 'pending' : row.state;
    return {
      id: row.id,
      peer: card(peer),
      state,
      direction: outgoing ? 'outgoing' : 'incoming',
      lastSeq,
      unread: Math.max(0, lastSeq - read),
      safetyNotice: !outgoing && row.state === 'pending',
      requestLeft:
        row.state === 'accepted'
          ? LIMITS.requestMessages
          : Math.max(0, LIMITS.requestMessages - row.request_count),
    };
  }

  private async announce(row: ConversationRow, toIds: string[]): Promise<void> {
    for (const userId of toIds) {
      this.deps.bus.publishToUser({
        userId,
        event: { type: 'dm.updated', conversation: await this.view(row, userId) },
      });
    }
  }

  /** P1: a message to a user: opens a request, or continues the conversation with them. */
  async request(session: SessionRow, userId: string, cid: string, text: string) {
    const { store, clock, random, blocks } = this.deps;
    const target = userId === session.id ? null : await store.sessions.byId(userId);
    if (!target || target.ended_at !== null) throw new SalonError('USER_NOT_FOUND', 'This user is not here.');
    let row = await store.conversations.between(session.id, userId);
    if (!row) {
      if ((await blocks.eitherBlocks(session.id, userId)) || !policyAccepts(target.contact_policy, session)) {
        throw new SalonError('CONTACT_REFUSED', 'This person does not accept messages from you.');
      }
      const clean = cleanMessageText(text);
      if (containsLink(clean)) {
        throw new SalonError('REQUEST_TEXT_ONLY', 'A request is text only: no links.');
      }
      // S3, T6: a refused first message opens no conversation.
      this.deps.lists.checkMessage(clean);
      await this.deps.limiter.consume('requests', session.id);
      const id = `d_${randomToken(random, 96)}`;
      await store.rooms.create({ id, kind: 'direct', name: '', topic: '', ownerId: null, now: clock.now() });
      row = await store.conversations.create({
        id,
        requesterId: session.id,
        otherId: userId,
        now: clock.now(),
      });
    }
    const seq = (await this.send(session, row.id, cid, text)).seq;
    const fresh = (await store.conversations.get(row.id))!;
    return { conversation: await this.view(fresh, session.id), seq };
  }

  /**
   * P1/P3: stores and delivers one message of a conversation, under the request rules; then T6
   * flag-list words and T7 risk signals are raised for review (they never hold the message back).
   */
  async send(
    session: SessionRow,
    id: string,
    cid: string,
    rawText: string,
    media?: MediaRef,
  ): Promise<{ seq: number }> {
    const { seq, stored } = await this.storeMessage(session, id, cid, rawText, media);
    if (stored) {
      await flagWords(this.deps, stored);
      await raiseSignals(this.deps, stored);
    }
    return { seq };
  }

  /** The stored part of `send`, in the conversation's queue; `stored` is null for a resend. */
  private storeMessage(
    session: SessionRow,
    id: string,
    cid: string,
    rawText: string,
    media?: MediaRef,
  ): Promise<{ seq: number; stored: ConversationMessage | null }> {
    const { store, poster, blocks, clock } = this.deps;
    return poster.queue.run(id, async () => {
      const row = await this.conversationFor(session, id);
      const already = await store.messages.byCid(session.id, cid);
      if (already) return { seq: already.seq, stored: null };
      const other = otherOf(row, session.id);
      if (await blocks.eitherBlocks(session.id, other)) {
        throw new SalonError('CONTACT_REFUSED', 'This person does not accept messages from you.');
      }
      const text = cleanMessageText(rawText, media !== undefined);
      this.deps.lists.checkMessage(text);
      if (media && row.state !== 'accepted') {
        throw new SalonError('REQUEST_TEXT_ONLY', 'Files can be sent once the request is accepted.');
      }
      const now = clock.now();
      let audience = [session.id, other];
      let announceTo: string[] = [];
      if (row.state !== 'accepted' && row.requester_id === session.id) {
        if (row.request_count >= LIMITS.requestMessages) {
          throw new SalonError('REQUEST_LIMIT', 'Wait until your request is accepted.');
        }
        if (containsLink(text))
          throw new SalonError('REQUEST_TEXT_ONLY', 'A request is text only: no links.');
        await store.conversations.countRequestMessage(id, now);
        // An ignored request stays quiet: the requester is not told, the recipient not disturbed.
        if (row.state === 'ignored') audience = [session.id];
        announceTo = row.state === 'ignored' ? [session.id] : [session.id, other];
      } else if (row.state !== 'accepted') {
        // The recipient answering a request accepts it.
        await store.conversations.setState(id, 'accepted', now);
        announceTo = [session.id, other];
      }
      const { message } = await poster.postNow(
        session,
        id,
        cid,
        text,
        { kind: 'users', userIds: audience },
        media,
      );
      await store.reads.mark(session.id, id, message.seq);
      if (announceTo.length > 0) await this.announce((await store.conversations.get(id))!, announceTo);
      const stored: ConversationMessage = {
        author: session,
        roomId: id,
        seq: message.seq,
        text,
        peerId: other,
        delivered: audience.includes(other),
        first: message.seq === 1,
      };
      return { seq: message.seq, stored };
    });
  }

  /** The user's conversations: accepted ones, their own requests and requests waiting for them. */
  async list(session: SessionRow): Promise<Conversation[]> {
    const { store, blocks } = this.deps;
    const blocked = await blocks.load(session.id);
    const rows = (await store.conversations.of(session.id)).filter((row) => {
      const incoming = row.requester_id !== session.id;
      return !(incoming && (row.state === 'ignored' || blocked.has(row.requester_id)));
    });
    return Promise.all(rows.map((row) => this.view(row, session.id)));
  }

  /** Opens or resumes a conversation (R7), like joining a room. */
  async open(session: SessionRow, id: string, after?: number) {
    const row = await this.conversationFor(session, id);
    const lastSeq = await this.deps.store.rooms.lastSeq(id);
    const history = await loadHistory(this.deps.store, this.deps.blocks, session.id, id, {
      before: lastSeq + 1,
      pageSize: this.deps.config.chat.historyOnJoin,
      ...(after !== undefined ? { after } : {}),
    });
    return { conversation: await this.view(row, session.id), ...history };
  }

  /** P1: the recipient accepts or ignores a request. */
  async respond(session: SessionRow, id: string, action: 'accept' | 'ignore'): Promise<void> {
    const row = await this.conversationFor(session, id);
    if (row.requester_id === session.id || row.state === 'accepted') {
      throw new SalonError('FORBIDDEN', 'Only the recipient of a request answers it.');
    }
    const state = action === 'accept' ? 'accepted' : 'ignored';
    await this.deps.store.conversations.setState(id, state, this.deps.clock.now());
    const updated = (await this.deps.store.conversations.get(id))!;
    await this.announce(updated, action === 'accept' ? [session.id, row.requester_id] : [session.id]);
  }

  /** R6 in a conversation: typing reaches the other person once the request is accepted. */
  async typing(session: SessionRow, id: string, event: ServerMessage): Promise<void> {
    const row = await this.conversationFor(session, id);
    const other = otherOf(row, session.id);
    if (row.state !== 'accepted' || (await this.deps.blocks.eitherBlocks(session.id, other))) return;
    this.deps.bus.publishToUser({ userId: other, event });
  }
}
