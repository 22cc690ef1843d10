/** Error codes carried by `{type:'error', code}` frames and by HTTP error bodies `{error: code}`. */
export const ERROR_CODES = [
  // Frames
  'BAD_JSON',
  'BAD_MESSAGE',
  'UNKNOWN_TYPE',
  'HELLO_FIRST',
  'ALREADY_HELLO',
  'INTERNAL',
  /** The database or Redis cannot be reached right now: nothing was stored; try again shortly. */
  'UNAVAILABLE',
  'NOT_FOUND',
  // Entry (E1–E4)
  'NICK_INVALID',
  'NICK_TAKEN',
  'NICK_FORBIDDEN',
  'AGE_INVALID',
  'AGE_REFUSED',
  'AGE_COOLDOWN',
  'GENDER_INVALID',
  'REGION_INVALID',
  'UNAUTHENTICATED',
  'ORIGIN_FORBIDDEN',
  // Rooms and messages (R1–R7)
  'ROOM_NOT_FOUND',
  'NOT_IN_ROOM',
  'TEXT_EMPTY',
  'TEXT_TOO_LONG',
  'RATE_LIMITED',
  'LINK_BLOCKED',
  // Private rooms (R2, R3)
  'NAME_INVALID',
  'NAME_FORBIDDEN',
  'INVITE_INVALID',
  'FORBIDDEN',
  'BANNED',
  'MUTED',
  'USER_NOT_FOUND',
  // Private messages (P1–P4)
  'CONTACT_REFUSED',
  'REQUEST_LIMIT',
  'REQUEST_TEXT_ONLY',
  // Registered nicknames (E5)
  'NICK_REGISTERED',
  'ALREADY_REGISTERED',
  'PASSWORD_WEAK',
  'LOGIN_FAILED',
  // Media (M1–M4, S1–S2)
  /** Not an accepted type (judged from the bytes, not the name). */
  'MEDIA_TYPE',
  /** Larger than this type's limit. */
  'MEDIA_TOO_LARGE',
  /** Truncated, corrupt or unreadable. */
  'MEDIA_CORRUPT',
  /** Too many pixels, frames or too long (decompression bombs). */
  'MEDIA_DIMENSIONS',
  /** Valid as an image and as something else (HTML, script, archive, PDF). */
  'MEDIA_POLYGLOT',
  /** Video and audio uploads are off on this server (no ffmpeg). */
  'MEDIA_UNAVAILABLE',
  /** S2: explicit image in a room that is not marked adult-content. */
  'MEDIA_EXPLICIT',
  /** S1: matched an operator hash list: not delivered, kept for review. */
  'MEDIA_BLOCKED',
  /** The mediaId is unknown, not yours, or uploaded to another room. */
  'MEDIA_INVALID',
  /** S1: suspended pending review; nothing can be sent. */
  'SUSPENDED',
  // Reports, staff and appeals (T1–T3, O3)
  /** The reported message, user, room or file is unknown or out of the reporter's sight. */
  'REPORT_TARGET',
  /** O3: an unknown, used or expired enrolment link. */
  'ENROL_INVALID',
  /** T3: an appeal on a statement that has one already, or cannot be appealed. */
  'APPEAL_CLOSED',
  /** T6: the message contains a word on the operator's block list. */
  'TEXT_FORBIDDEN',
  /** T5: the same message again and again. */
  'REPEATED',
  /** T5: too many connections from this network address. */
  'TOO_MANY_CONNECTIONS',
  // Live webcam and voice (V1–V4)
  /** No media server on this Salon, or it is not answering: live media is off. */
  'LIVE_UNAVAILABLE',
  /** V2: the room already has as many cameras on as it allows. */
  'CAM_LIMIT',
  /** V1: the voice room already has as many speakers as it allows. */
  'SPEAKER_LIMIT',
  /** The camera, voice connection or call is not there (ended, or never yours). */
  'STREAM_NOT_FOUND',
  /** V3: an ICE candidate or SDP that is malformed or not meant for the media server. */
  'RTC_INVALID',
  /** V2: a call that cannot do this now (not ringing, not active, not your conversation). */
  'CALL_STATE',
] as const;

export type ErrorCode = (typeof ERROR_CODES)[number];

export function isErrorCode(value: unknown): value is ErrorCode {
  return typeof value === 'string' && (ERROR_CODES as readonly string[]).includes(value);
}
