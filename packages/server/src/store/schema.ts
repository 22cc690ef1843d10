import type { Generated } from 'kysely';

/** Row shapes of the database, shared by SQLite and PostgreSQL. Times are epoch milliseconds. */
export interface Database {
  sessions: SessionTable;
  settings: SettingTable;
  age_refusals: AgeRefusalTable;
  rooms: RoomTable;
  messages: MessageTable;
  room_reads: RoomReadTable;
}

export interface SessionTable {
  /** Public user id, shown to others; not a secret. */
  id: string;
  /** SHA-256 of the session token (E2); the token itself is never stored. */
  token_hash: string;
  /** SHA-256 of the device token cookie. */
  device_hash: string | null;
  nickname: string;
  /** Case- and confusable-folded nickname (E1). */
  nickname_key: string;
  age: number;
  gender: string;
  region: string | null;
  created_at: number;
  seen_at: number;
  expires_at: number;
  ended_at: number | null;
}

export interface AgeRefusalTable {
  /** `device:<sha256>` or `address:<sha256>` (E3). */
  key: string;
  until: number;
}

export interface RoomTable {
  id: string;
  kind: string;
  name: string;
  topic: string;
  adult: number;
  last_seq: Generated<number>;
  created_at: number;
}

export interface MessageTable {
  room_id: string;
  seq: number;
  author_id: string;
  nickname: string;
  text: string;
  /** Client message id; unique per author, so a resend is not stored twice (R7). */
  cid: string;
  created_at: number;
}

export interface RoomReadTable {
  session_id: string;
  room_id: string;
  seq: number;
}

export interface SettingTable {
  key: string;
  value: string;
}
