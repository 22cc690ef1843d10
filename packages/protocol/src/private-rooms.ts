import { z } from 'zod';
import { LIMITS } from './limits.js';
import { Member, RequestId, RoomId, RoomInfo } from './shapes.js';

const UserId = z.string().min(1).max(64);
/** An invite-link token as sent back by a client (≥128 random bits, url-safe). */
const Token = z.string().min(1).max(128);

// ---------------------------------------------------------------- client → server (R2, R3)

/** R2: create a private room; the creator becomes its owner. */
export const ClientRoomCreate = z.object({
  type: z.literal('room.create'),
  id: RequestId,
  name: z.string().max(200),
  topic: z.string().max(LIMITS.maxTopicChars).optional(),
  /** V1: a voice room. */
  voice: z.boolean().optional(),
});
/** R2: a new invite link (owner or room moderator). */
export const ClientLinkCreate = z.object({
  type: z.literal('room.link.create'),
  id: RequestId,
  roomId: RoomId,
});
/** R2: the room's live invite links (owner or room moderator). */
export const ClientLinkList = z.object({ type: z.literal('room.link.list'), id: RequestId, roomId: RoomId });
/** R2: revoke one invite link. */
export const ClientLinkRevoke = z.object({
  type: z.literal('room.link.revoke'),
  id: RequestId,
  roomId: RoomId,
  linkId: z.string().min(1).max(64),
});
/** R2: join a private room through an invite link; answered like `room.join`. */
export const ClientJoinLink = z.object({
  type: z.literal('room.join.link'),
  id: RequestId,
  token: Token,
});
/** R2: invite a connected user; they may then join with `room.join`. */
export const ClientRoomInvite = z.object({
  type: z.literal('room.invite'),
  id: RequestId,
  roomId: RoomId,
  userId: UserId,
});

export const MODERATION_ACTIONS = [
  'kick',
  'mute',
  'unmute',
  'ban',
  'unban',
  'promote',
  'demote',
  'transfer',
] as const;
export type ModerationAction = (typeof MODERATION_ACTIONS)[number];

/**
 * R3: room moderation. Owners and room moderators kick, mute and ban members (not the owner, and a
 * moderator not another moderator); only the owner promotes, demotes and transfers ownership.
 */
export const ClientRoomModerate = z.object({
  type: z.literal('room.moderate'),
  id: RequestId,
  roomId: RoomId,
  userId: UserId,
  action: z.enum(MODERATION_ACTIONS),
  /** For mute and ban: how long; a ban without it lasts until lifted. */
  minutes: z
    .number()
    .int()
    .min(1)
    .max(60 * 24 * 365)
    .optional(),
});
/** R2: the owner keeps the room even when it is empty (or lets it go). */
export const ClientRoomKeep = z.object({
  type: z.literal('room.keep'),
  id: RequestId,
  roomId: RoomId,
  keep: z.boolean(),
});

export const PRIVATE_ROOM_CLIENT_MESSAGES = [
  ClientRoomCreate,
  ClientLinkCreate,
  ClientLinkList,
  ClientLinkRevoke,
  ClientJoinLink,
  ClientRoomInvite,
  ClientRoomModerate,
  ClientRoomKeep,
] as const;

// ---------------------------------------------------------------- server → client

export const ServerRoomCreated = z.object({ type: z.literal('room.created'), id: RequestId, room: RoomInfo });
export const InviteLink = z.object({ linkId: z.string(), createdAt: z.number().int() });
export type InviteLink = z.infer<typeof InviteLink>;
/** The token is shown once, to the one who made the link; the server keeps only its hash. */
export const ServerLink = z.object({
  type: z.literal('room.link'),
  id: RequestId,
  roomId: RoomId,
  linkId: z.string(),
  token: z.string(),
});
export const ServerLinks = z.object({
  type: z.literal('room.links'),
  id: RequestId,
  roomId: RoomId,
  links: z.array(InviteLink),
});
/** Pushed to a user invited to a private room. */
export const ServerRoomInvited = z.object({
  type: z.literal('room.invited'),
  room: RoomInfo,
  by: z.string(),
});
/** Pushed to a member removed from a room (kicked, banned) or when the room is gone. */
export const ServerRoomRemoved = z.object({
  type: z.literal('room.removed'),
  roomId: RoomId,
  reason: z.enum(['kicked', 'banned', 'deleted']),
  /** For a ban with a duration: when it ends. */
  until: z.number().int().nullable(),
});
/** A member's role or mute changed. */
export const ServerMemberUpdated = z.object({
  type: z.literal('member.updated'),
  roomId: RoomId,
  member: Member,
});
/** The room itself changed (keep flag). */
export const ServerRoomUpdated = z.object({ type: z.literal('room.updated'), room: RoomInfo });

export const PRIVATE_ROOM_SERVER_MESSAGES = [
  ServerRoomCreated,
  ServerLink,
  ServerLinks,
  ServerRoomInvited,
  ServerRoomRemoved,
  ServerMemberUpdated,
  ServerRoomUpdated,
] as const;
