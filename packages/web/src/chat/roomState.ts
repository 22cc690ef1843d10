import type {
  ChatMessage,
  ErrorCode,
  MediaRef,
  Member,
  PresenceStatus,
  RoomInfo,
  ServerMessageOf,
  UserCard,
} from '@salon/protocol';
import { mergeMessages, normaliseMessages } from './merge.js';

/** Index given to the first message of a fresh list; prepending older pages counts down from it. */
export const FIRST_INDEX = 1_000_000;

/** A message typed here that the server has not acknowledged yet (R7). */
export interface PendingMessage {
  cid: string;
  roomId: string;
  text: string;
  /** M1: the uploaded file this message carries (`text` is then its caption). */
  media?: MediaRef;
  at: number;
  status: 'sending' | 'failed';
  error?: ErrorCode;
}

export interface TypingUser {
  userId: string;
  nickname: string;
}

export interface JoinedRoom {
  id: string;
  /** A room, or a private conversation (P1) whose id is used like a room id. */
  kind: 'room' | 'dm';
  info: RoomInfo | null;
  /** For a conversation: the other person. */
  peer: UserCard | null;
  phase: 'joining' | 'joined';
  /** The server sent this room's messages at least once: a rejoin asks only for what came after. */
  synced: boolean;
  messages: readonly ChatMessage[];
  /** `firstItemIndex` for the virtualised list: goes down as older pages are prepended. */
  firstIndex: number;
  hasOlder: boolean;
  loadingOlder: boolean;
  members: readonly Member[];
  pending: readonly PendingMessage[];
  typing: readonly TypingUser[];
  unread: number;
  lastReadSeq: number;
}

export function newRoom(id: string, info: RoomInfo | null): JoinedRoom {
  return {
    id,
    kind: 'room',
    info,
    peer: null,
    phase: 'joining',
    synced: false,
    messages: [],
    firstIndex: FIRST_INDEX,
    hasOlder: false,
    loadingOlder: false,
    members: [],
    pending: [],
    typing: [],
    unread: 0,
    lastReadSeq: 0,
  };
}

export function lastSeq(room: JoinedRoom): number | undefined {
  return room.messages.at(-1)?.seq;
}

/** Applies a `room.joined` reply: a first join, or a resume after reconnect (R7). */
export function applyJoined(room: JoinedRoom, reply: ServerMessageOf<'room.joined'>): JoinedRoom {
  const fresh = reply.reset || room.messages.length === 0;
  const base = {
    ...room,
    info: reply.room,
    phase: 'joined' as const,
    synced: true,
    members: sortMembers(reply.members),
    unread: reply.unread,
    lastReadSeq: reply.lastReadSeq,
    typing: [],
  };
  if (fresh) {
    return {
      ...base,
      messages: normaliseMessages(reply.messages),
      hasOlder: reply.hasOlder,
    };
  }
  const merged = mergeMessages(room.messages, reply.messages);
  return { ...base, messages: merged.messages, firstIndex: room.firstIndex - merged.prepended };
}

/** Applies an older page (`history` reply). */
export function applyHistory(room: JoinedRoom, reply: ServerMessageOf<'history'>): JoinedRoom {
  const merged = mergeMessages(room.messages, reply.messages);
  return {
    ...room,
    messages: merged.messages,
    firstIndex: room.firstIndex - merged.prepended,
    hasOlder: reply.hasOlder,
    loadingOlder: false,
  };
}

/** A new message pushed by the server. */
export function applyMessage(room: JoinedRoom, message: ChatMessage, countUnread: boolean): JoinedRoom {
  const known = room.messages.some((m) => m.seq === message.seq);
  const merged = mergeMessages(room.messages, [message]);
  return {
    ...room,
    messages: merged.messages,
    firstIndex: room.firstIndex - merged.prepended,
    typing: room.typing.filter((t) => t.userId !== message.authorId),
    unread: countUnread && !known ? room.unread + 1 : room.unread,
  };
}

/** The server acknowledged a pending message with its seq. */
export function applyAck(
  room: JoinedRoom,
  cid: string,
  seq: number,
  author: ChatMessage['authorId'],
  nickname: string,
): JoinedRoom {
  const pending = room.pending.find((p) => p.cid === cid);
  if (!pending) return room;
  const rest = room.pending.filter((p) => p.cid !== cid);
  if (room.messages.some((m) => m.seq === seq)) return { ...room, pending: rest };
  // The broadcast copy has not arrived yet: show ours in its place until it does.
  const local: ChatMessage = {
    roomId: room.id,
    seq,
    authorId: author,
    nickname,
    text: pending.text,
    at: pending.at,
    ...(pending.media ? { media: pending.media } : {}),
  };
  const merged = mergeMessages(room.messages, [local]);
  return {
    ...room,
    pending: rest,
    messages: merged.messages,
    firstIndex: room.firstIndex - merged.prepended,
  };
}

export function updatePending(room: JoinedRoom, cid: string, change: Partial<PendingMessage>): JoinedRoom {
  return { ...room, pending: room.pending.map((p) => (p.cid === cid ? { ...p, ...change } : p)) };
}

export function upsertMember(room: JoinedRoom, member: Member): JoinedRoom {
  return {
    ...room,
    members: sortMembers([...room.members.filter((m) => m.userId !== member.userId), member]),
  };
}

export function removeMember(room: JoinedRoom, userId: string): JoinedRoom {
  return {
    ...room,
    members: room.members.filter((m) => m.userId !== userId),
    typing: room.typing.filter((t) => t.userId !== userId),
  };
}

export function setMemberStatus(room: JoinedRoom, userId: string, status: PresenceStatus): JoinedRoom {
  if (!room.members.some((m) => m.userId === userId && m.status !== status)) return room;
  return { ...room, members: room.members.map((m) => (m.userId === userId ? { ...m, status } : m)) };
}

export function addTyping(room: JoinedRoom, user: TypingUser): JoinedRoom {
  if (room.typing.some((t) => t.userId === user.userId)) return room;
  return { ...room, typing: [...room.typing, user] };
}

export function removeTyping(room: JoinedRoom, userId: string): JoinedRoom {
  if (!room.typing.some((t) => t.userId === userId)) return room;
  return { ...room, typing: room.typing.filter((t) => t.userId !== userId) };
}

export function setCount(room: JoinedRoom, members: number): JoinedRoom {
  return room.info ? { ...room, info: { ...room.info, members } } : room;
}

export function sortMembers(members: readonly Member[]): Member[] {
  return [...members].sort((a, b) =>
    a.nickname.localeCompare(b.nickname, undefined, { sensitivity: 'base' }),
  );
}
