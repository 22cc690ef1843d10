import { z } from 'zod';
import { GENDERS, REGIONS } from './entry.js';
import { LIMITS } from './limits.js';
import { MediaRef } from './media.js';

export const RequestId = z.string().min(1).max(LIMITS.maxIdChars);
export const RoomId = z.string().min(1).max(64);
export const Seq = z.number().int().min(0);

// ---------------------------------------------------------------- shared shapes

export const ROOM_KINDS = ['public', 'private'] as const;
export type RoomKind = (typeof ROOM_KINDS)[number];

/** R1/R2: a room in a room list. Private rooms are only ever listed to their members. */
export const RoomInfo = z.object({
  id: RoomId,
  kind: z.enum(ROOM_KINDS),
  name: z.string(),
  topic: z.string(),
  adult: z.boolean(),
  members: z.number().int().min(0),
  /** R2: a private room the owner keeps even when empty. */
  keep: z.boolean(),
  /** V1: a voice room (join the voice to listen, unmute to speak). */
  voice: z.boolean(),
});
export type RoomInfo = z.infer<typeof RoomInfo>;

export const PRESENCE = ['online', 'away'] as const;
export type PresenceStatus = (typeof PRESENCE)[number];

/** R4: a user as others see them: nickname, gender, age; region only if shared. Never a city. */
export const UserCard = z.object({
  userId: z.string(),
  nickname: z.string(),
  gender: z.enum(GENDERS),
  age: z.number().int(),
  region: z.enum(REGIONS).nullable(),
});
export type UserCard = z.infer<typeof UserCard>;

/** R3: roles inside a room. */
export const ROOM_ROLES = ['owner', 'moderator', 'member'] as const;
export type RoomRole = (typeof ROOM_ROLES)[number];

/** R4: a room member. */
export const Member = UserCard.extend({
  status: z.enum(PRESENCE),
  role: z.enum(ROOM_ROLES),
  /** R3: muted in this room (cannot send) until then; null when not muted. */
  mutedUntil: z.number().int().nullable(),
});
export type Member = z.infer<typeof Member>;

/** R5: a stored room message. `seq` orders messages within a room (R7). */
export const ChatMessage = z.object({
  roomId: RoomId,
  seq: Seq,
  authorId: z.string(),
  nickname: z.string(),
  text: z.string(),
  at: z.number().int(),
  /** M1: an attached photo, video or sound; `text` is then an optional caption. */
  media: MediaRef.optional(),
});
export type ChatMessage = z.infer<typeof ChatMessage>;
