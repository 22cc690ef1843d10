import { z } from 'zod';
import { ERROR_CODES } from './errors.js';
import { Me } from './entry.js';

/** Paths of the HTTP API. */
export const HTTP_PATHS = {
  /** GET: the current identity (200 `SessionResponse`) or 401. POST `EntryRequest`: enter. DELETE: leave. */
  session: '/api/session',
  /** GET: public rooms with live counts, `{ rooms: RoomInfo[] }`. */
  rooms: '/api/rooms',
  /** GET: `EntryOptions` for the entry form. */
  entryOptions: '/api/entry-options',
  /** E5: POST `RegisterRequest` with a session: reserves its nickname. */
  register: '/api/register',
  /** E5: POST `LoginRequest`: restores a registered nickname (201 `SessionResponse`). */
  login: '/api/login',
  /** M1: POST the raw file bytes with `?roomId=` (a room or conversation id): 201 `UploadResponse`. */
  media: '/api/media',
  /** M1: GET `MediaOptions`. */
  mediaOptions: '/api/media/options',
  /** M4: GET `/media/:id` (the file) and `/media/:id/thumb` (its preview), members only. */
  mediaFiles: '/media',
  /** T3: GET my statements of reasons; `POST /api/appeals` `AppealRequest` files an appeal. */
  statements: '/api/statements',
  appeals: '/api/appeals',
  /** O3, T2, T3: staff API (separate session cookie `salon_staff`). */
  staff: '/api/staff',
  /** The moderation console page. */
  staffPage: '/staff',
  /** WebSocket endpoint. */
  socket: '/ws',
} as const;

export const SessionResponse = z.object({ me: Me });
export type SessionResponse = z.infer<typeof SessionResponse>;

/** Body of every HTTP error. */
export const HttpError = z.object({
  error: z.enum(ERROR_CODES),
  message: z.string(),
  /** For AGE_REFUSED and AGE_COOLDOWN: epoch ms when the cool-down ends. (RATE_LIMITED sends a Retry-After header.) */
  until: z.number().int().optional(),
});
export type HttpError = z.infer<typeof HttpError>;

export const EntryOptions = z.object({ minAge: z.number().int() });
export type EntryOptions = z.infer<typeof EntryOptions>;
