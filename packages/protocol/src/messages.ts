import { z } from 'zod';
import { ERROR_CODES } from './errors.js';
import { Me } from './entry.js';
import { LIMITS } from './limits.js';
import { MediaId } from './media.js';
import { ChatMessage, Member, PRESENCE, RequestId, RoomId, RoomInfo, Seq } from './shapes.js';
import * as PR from './private-rooms.js';
import * as DM from './direct.js';
import * as LIVE from './live.js';
import {
  ClientReport,
  ServerReportOutcome,
  ServerReportReceived,
  ServerSafetyNotice,
  ServerStatement,
} from './moderation.js';

// ---------------------------------------------------------------- client → server

export const ClientHello = z.object({
  type: z.literal('hello'),
  id: RequestId,
  v: z.number().int(),
});
export const ClientRoomsList = z.object({ type: z.literal('rooms.list'), id: RequestId });
export const ClientRoomJoin = z.object({
  type: z.literal('room.join'),
  id: RequestId,
  roomId: RoomId,
  /** R7: the last seq the client already has; the reply then carries only what came after. */
  after: Seq.optional(),
});
export const ClientRoomLeave = z.object({
  type: z.literal('room.leave'),
  id: RequestId,
  roomId: RoomId,
});
export const ClientMessageSend = z.object({
  type: z.literal('msg.send'),
  id: RequestId,
  roomId: RoomId,
  /** Client-chosen id, unique per session: a resend after a reconnect is not stored twice (R7). */
  cid: z.string().min(1).max(LIMITS.maxIdChars),
  text: z.string().max(LIMITS.maxMessageChars * 4),
  /** M1: a file uploaded to this room by this user (`POST /api/media`); `text` may then be empty. */
  mediaId: MediaId.optional(),
});
export const ClientHistory = z.object({
  type: z.literal('history'),
  id: RequestId,
  roomId: RoomId,
  before: Seq,
  limit: z.number().int().min(1).max(LIMITS.historyPageMax).optional(),
});
export const ClientTyping = z.object({ type: z.literal('typing'), roomId: RoomId });
export const ClientPresence = z.object({ type: z.literal('presence'), status: z.enum(PRESENCE) });
export const ClientRead = z.object({ type: z.literal('read'), roomId: RoomId, seq: Seq });
export const ClientPing = z.object({ type: z.literal('ping'), id: RequestId });

export const ClientMessage = z.discriminatedUnion('type', [
  ...PR.PRIVATE_ROOM_CLIENT_MESSAGES,
  ...DM.DIRECT_CLIENT_MESSAGES,
  ...LIVE.LIVE_CLIENT_MESSAGES,
  ClientHello,
  ClientRoomsList,
  ClientRoomJoin,
  ClientRoomLeave,
  ClientMessageSend,
  ClientHistory,
  ClientTyping,
  ClientPresence,
  ClientRead,
  ClientPing,
  ClientReport,
]);
export type ClientMessage = z.infer<typeof ClientMessage>;
export type ClientMessageType = ClientMessage['type'];
export type ClientMessageOf<T extends ClientMessageType> = Extract<ClientMessage, { type: T }>;
export const CLIENT_MESSAGE_TYPES = ClientMessage.options.map((o) => o.shape.type.value);

// ---------------------------------------------------------------- server → client

export const ServerWelcome = z.object({
  type: z.literal('welcome'),
  id: RequestId,
  v: z.number().int(),
  me: Me,
});
export const ServerError = z.object({
  type: z.literal('error'),
  /** The request id this error answers, when there was one. */
  id: z.string().optional(),
  code: z.enum(ERROR_CODES),
  message: z.string(),
  /** For RATE_LIMITED: milliseconds before trying again. */
  retryAfterMs: z.number().int().optional(),
});
export const ServerOk = z.object({ type: z.literal('ok'), id: RequestId });
export const ServerPong = z.object({ type: z.literal('pong'), id: RequestId });
export const ServerRooms = z.object({
  type: z.literal('rooms'),
  id: RequestId,
  rooms: z.array(RoomInfo),
  /** R2: the private rooms this user belongs to. */
  mine: z.array(RoomInfo),
});
/** R1: live member count, pushed to every session when it changes. */
export const ServerRoomCount = z.object({
  type: z.literal('room.count'),
  roomId: RoomId,
  members: z.number().int().min(0),
});
export const ServerRoomJoined = z.object({
  type: z.literal('room.joined'),
  id: RequestId,
  room: RoomInfo,
  members: z.array(Member),
  /** Ascending by seq. On a fresh join: the last LIMITS.historyOnJoin; on resume: everything after `after`. */
  messages: z.array(ChatMessage),
  /** True when older messages exist before the first one sent. */
  hasOlder: z.boolean(),
  /** True on resume when more than LIMITS.resumeMax were missed: the client should drop its copy and use `messages`. */
  reset: z.boolean(),
  /** R6: messages after the member's last read mark. */
  unread: z.number().int().min(0),
  lastReadSeq: Seq,
});
export const ServerRoomLeft = z.object({ type: z.literal('room.left'), id: RequestId, roomId: RoomId });
export const ServerMemberJoined = z.object({
  type: z.literal('member.joined'),
  roomId: RoomId,
  member: Member,
});
export const ServerMemberLeft = z.object({
  type: z.literal('member.left'),
  roomId: RoomId,
  userId: z.string(),
});
/** Several arrivals at once: while many join a room, arrivals are sent in batches (R6). */
export const ServerMembersJoined = z.object({
  type: z.literal('members.joined'),
  roomId: RoomId,
  members: z.array(Member),
});
/** Several departures at once (mass disconnects, a node that died). */
export const ServerMembersLeft = z.object({
  type: z.literal('members.left'),
  roomId: RoomId,
  userIds: z.array(z.string()),
});
export const ServerMessage = z.object({ type: z.literal('msg'), message: ChatMessage });
export const ServerMessageAck = z.object({
  type: z.literal('msg.ack'),
  id: RequestId,
  cid: z.string(),
  roomId: RoomId,
  seq: Seq,
});
export const ServerHistory = z.object({
  type: z.literal('history'),
  id: RequestId,
  roomId: RoomId,
  messages: z.array(ChatMessage),
  hasOlder: z.boolean(),
});
export const ServerTyping = z.object({
  type: z.literal('typing'),
  roomId: RoomId,
  userId: z.string(),
  nickname: z.string(),
});
export const ServerPresence = z.object({
  type: z.literal('presence'),
  userId: z.string(),
  status: z.enum(PRESENCE),
});

export const ServerMessageUnion = z.discriminatedUnion('type', [
  ...PR.PRIVATE_ROOM_SERVER_MESSAGES,
  ...DM.DIRECT_SERVER_MESSAGES,
  ...LIVE.LIVE_SERVER_MESSAGES,
  ServerWelcome,
  ServerError,
  ServerOk,
  ServerPong,
  ServerRooms,
  ServerRoomCount,
  ServerRoomJoined,
  ServerRoomLeft,
  ServerMemberJoined,
  ServerMemberLeft,
  ServerMembersJoined,
  ServerMembersLeft,
  ServerMessage,
  ServerMessageAck,
  ServerHistory,
  ServerTyping,
  ServerPresence,
  ServerReportReceived,
  ServerReportOutcome,
  ServerSafetyNotice,
  ServerStatement,
]);
export type ServerMessage = z.infer<typeof ServerMessageUnion>;
export type ServerMessageType = ServerMessage['type'];
export type ServerMessageOf<T extends ServerMessageType> = Extract<ServerMessage, { type: T }>;
