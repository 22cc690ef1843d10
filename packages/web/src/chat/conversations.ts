import { LIMITS } from '@salon/protocol';
import type { ChatMessage, Conversation, ServerMessageOf, UserCard } from '@salon/protocol';
import { mergeMessages, normaliseMessages } from './merge.js';
import { FIRST_INDEX, newRoom } from './roomState.js';
import type { JoinedRoom } from './roomState.js';
import type { ChatState } from './state.js';
import { splitText } from './textParts.js';

const DRAFT = 'draft:';

/** A conversation not started yet: the view where the first request is written (P1). */
export function draftId(userId: string): string {
  return `${DRAFT}${userId}`;
}

export function isDraft(roomId: string): boolean {
  return roomId.startsWith(DRAFT);
}

export function newConversationRoom(id: string, peer: UserCard, phase: JoinedRoom['phase']): JoinedRoom {
  return { ...newRoom(id, null), kind: 'dm', peer, phase };
}

/** P1: a request the other person has not answered (or ignored) yet. */
export function isIncomingRequest(conversation: Conversation): boolean {
  return conversation.direction === 'incoming' && conversation.state !== 'accepted';
}

/**
 * P1: messages to this room go out as `dm.request` (text only, limited in number) rather than
 * `msg.send`: a conversation not started yet, or one I asked for that is not accepted.
 */
export function inRequestMode(state: ChatState, roomId: string): boolean {
  if (isDraft(roomId)) return true;
  const conversation = state.conversations[roomId];
  return (
    conversation !== undefined && conversation.direction === 'outgoing' && conversation.state !== 'accepted'
  );
}

/** P1: how many more messages may be written before the request is accepted. */
export function requestLeft(state: ChatState, roomId: string): number {
  const held = state.conversations[roomId]?.requestLeft ?? LIMITS.requestMessages;
  const sending = state.joined[roomId]?.pending.filter((p) => p.status === 'sending').length ?? 0;
  return Math.max(0, held - sending);
}

/** P1: a request is text only: no links. */
export function containsLink(text: string): boolean {
  return splitText(text).some((part) => part.kind === 'link');
}

/** The conversation with this person, if there is one. */
export function conversationWith(state: ChatState, userId: string): Conversation | undefined {
  return Object.values(state.conversations).find((c) => c.peer.userId === userId);
}

export function upsertConversation(state: ChatState, conversation: Conversation): ChatState {
  const conversations = { ...state.conversations, [conversation.id]: conversation };
  const room = state.joined[conversation.id];
  if (!room || room.peer === conversation.peer) return { ...state, conversations };
  return {
    ...state,
    conversations,
    joined: { ...state.joined, [room.id]: { ...room, peer: conversation.peer } },
  };
}

/** The first request was stored: the draft becomes the conversation the server made. */
export function renameDraft(state: ChatState, fromId: string, conversation: Conversation): ChatState {
  const draft = state.joined[fromId];
  if (!draft) return state;
  const toId = conversation.id;
  const existing = state.joined[toId];
  const pending = draft.pending.map((p) => ({ ...p, roomId: toId }));
  const moved: JoinedRoom = existing
    ? { ...existing, pending: [...existing.pending, ...pending] }
    : { ...draft, id: toId, peer: conversation.peer, pending };
  const joined = { ...state.joined, [toId]: moved };
  delete joined[fromId];
  const order = existing
    ? state.order.filter((id) => id !== fromId)
    : state.order.map((id) => (id === fromId ? toId : id));
  const activeRoomId = state.activeRoomId === fromId ? toId : state.activeRoomId;
  return { ...state, joined, order, activeRoomId };
}

/** Applies `dm.opened`: a first open, or a resume after reconnect (R7 rules: one per seq, reset replaces). */
export function applyOpened(
  room: JoinedRoom,
  reply: ServerMessageOf<'dm.opened'>,
  resumed: boolean,
): JoinedRoom {
  const base = { ...room, peer: reply.conversation.peer, phase: 'joined' as const, synced: true, typing: [] };
  if (reply.reset || room.messages.length === 0) {
    return {
      ...base,
      messages: normaliseMessages(reply.messages),
      firstIndex: FIRST_INDEX,
      hasOlder: reply.hasOlder,
      unread: reply.conversation.unread,
    };
  }
  const merged = mergeMessages(room.messages, reply.messages);
  return {
    ...base,
    messages: merged.messages,
    firstIndex: room.firstIndex - merged.prepended,
    hasOlder: resumed ? room.hasOlder : reply.hasOlder,
  };
}

/** A message in a conversation that is not open here: counts as unread in the list. */
export function withConversationMessage(state: ChatState, message: ChatMessage): ChatState {
  const conversation = state.conversations[message.roomId];
  if (!conversation || state.joined[message.roomId] || message.seq <= conversation.lastSeq) return state;
  const mine = message.authorId === state.me.userId;
  return upsertConversation(state, {
    ...conversation,
    lastSeq: message.seq,
    unread: mine ? conversation.unread : conversation.unread + 1,
  });
}

/** A conversation view closes: the list keeps what it knew. */
export function withConversationClosed(state: ChatState, room: JoinedRoom): ChatState {
  const conversation = state.conversations[room.id];
  if (room.kind !== 'dm' || !conversation) return state;
  const last = room.messages.at(-1)?.seq ?? 0;
  return upsertConversation(state, {
    ...conversation,
    unread: room.unread,
    lastSeq: Math.max(conversation.lastSeq, last),
  });
}

/** Unread count shown for a conversation: the open view's, or the list's. */
export function conversationUnread(state: ChatState, conversation: Conversation): number {
  return state.joined[conversation.id]?.unread ?? conversation.unread;
}

export function byPeerNickname(a: Conversation, b: Conversation): number {
  return a.peer.nickname.localeCompare(b.peer.nickname, undefined, { sensitivity: 'base' });
}

/** P1: incoming requests not answered yet, leaving out people I blocked (P3). */
export function incomingRequests(state: Pick<ChatState, 'conversations' | 'blocked'>): Conversation[] {
  const blocked = new Set(state.blocked.map((b) => b.userId));
  return Object.values(state.conversations)
    .filter((c) => c.direction === 'incoming' && c.state === 'pending' && !blocked.has(c.peer.userId))
    .sort(byPeerNickname);
}
