import { z } from 'zod';
import { GENDERS } from './entry.js';
import { LIMITS } from './limits.js';
import { ChatMessage, RequestId, RoomId, Seq, UserCard } from './shapes.js';

const UserId = z.string().min(1).max(64);

/** P1: a conversation between two users, as one of them sees it. */
export const CONVERSATION_STATES = ['pending', 'accepted', 'ignored'] as const;
export const Conversation = z.object({
  /** Also used as `roomId` in `msg`, `msg.send`, `history`, `typing` and `read`. */
  id: RoomId,
  peer: UserCard,
  state: z.enum(CONVERSATION_STATES),
  /** Who asked: `outgoing` when I sent the request. */
  direction: z.enum(['outgoing', 'incoming']),
  lastSeq: Seq,
  unread: z.number().int().min(0),
  /** P4: show the recipient the safety notice (their first request from a stranger). */
  safetyNotice: z.boolean(),
  /** P1: messages the requester may still send before acceptance. */
  requestLeft: z.number().int().min(0),
});
export type Conversation = z.infer<typeof Conversation>;

/** P2: who may send me requests. */
export const ContactPolicy = z.object({
  mode: z.enum(['everyone', 'nobody', 'filter']),
  /** For `filter`: accepted genders (empty: any). */
  genders: z.array(z.enum(GENDERS)).max(GENDERS.length).default([]),
  minAge: z.number().int().min(0).max(150).nullable().default(null),
  maxAge: z.number().int().min(0).max(150).nullable().default(null),
});
export type ContactPolicy = z.infer<typeof ContactPolicy>;

// ---------------------------------------------------------------- client → server (P1–P4)

/** P1: a message to a user: opens a request, or adds to an existing conversation. */
export const ClientDmRequest = z.object({
  type: z.literal('dm.request'),
  id: RequestId,
  userId: UserId,
  cid: z.string().min(1).max(LIMITS.maxIdChars),
  text: z.string().max(LIMITS.maxMessageChars * 4),
});
export const ClientDmList = z.object({ type: z.literal('dm.list'), id: RequestId });
/** Opens (or resumes, with `after`) a conversation: like `room.join` for rooms. */
export const ClientDmOpen = z.object({
  type: z.literal('dm.open'),
  id: RequestId,
  conversationId: RoomId,
  after: Seq.optional(),
});
/** P1: the recipient accepts or ignores a request. */
export const ClientDmRespond = z.object({
  type: z.literal('dm.respond'),
  id: RequestId,
  conversationId: RoomId,
  action: z.enum(['accept', 'ignore']),
});
/** P3: block or unblock a user. */
export const ClientBlock = z.object({ type: z.literal('block'), id: RequestId, userId: UserId });
export const ClientUnblock = z.object({ type: z.literal('unblock'), id: RequestId, userId: UserId });
export const ClientBlockList = z.object({ type: z.literal('block.list'), id: RequestId });
/** P2: read or set who may send requests. */
export const ClientContactGet = z.object({ type: z.literal('contact.get'), id: RequestId });
export const ClientContactSet = z.object({
  type: z.literal('contact.set'),
  id: RequestId,
  policy: ContactPolicy,
});

export const DIRECT_CLIENT_MESSAGES = [
  ClientDmRequest,
  ClientDmList,
  ClientDmOpen,
  ClientDmRespond,
  ClientBlock,
  ClientUnblock,
  ClientBlockList,
  ClientContactGet,
  ClientContactSet,
] as const;

// ---------------------------------------------------------------- server → client

export const ServerDmRequested = z.object({
  type: z.literal('dm.requested'),
  id: RequestId,
  cid: z.string(),
  conversation: Conversation,
  seq: Seq,
});
export const ServerDmList = z.object({
  type: z.literal('dm.list'),
  id: RequestId,
  conversations: z.array(Conversation),
});
export const ServerDmOpened = z.object({
  type: z.literal('dm.opened'),
  id: RequestId,
  conversation: Conversation,
  messages: z.array(ChatMessage),
  hasOlder: z.boolean(),
  reset: z.boolean(),
});
/** Pushed to both people when a conversation appears or changes (new request, accepted…). */
export const ServerDmUpdated = z.object({ type: z.literal('dm.updated'), conversation: Conversation });
export const ServerBlockList = z.object({
  type: z.literal('block.list'),
  id: RequestId,
  users: z.array(z.object({ userId: z.string(), nickname: z.string() })),
});
export const ServerContact = z.object({ type: z.literal('contact'), id: RequestId, policy: ContactPolicy });

export const DIRECT_SERVER_MESSAGES = [
  ServerDmRequested,
  ServerDmList,
  ServerDmOpened,
  ServerDmUpdated,
  ServerBlockList,
  ServerContact,
] as const;
