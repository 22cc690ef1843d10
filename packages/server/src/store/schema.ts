import type { Generated } from 'kysely';

/** Row shapes of the database, shared by SQLite and PostgreSQL. Times are epoch milliseconds. */
export interface Database {
  sessions: SessionTable;
  settings: SettingTable;
  age_refusals: AgeRefusalTable;
  rooms: RoomTable;
  messages: MessageTable;
  room_reads: RoomReadTable;
  room_members: RoomMemberTable;
  room_bans: RoomBanTable;
  room_links: RoomLinkTable;
  room_invitations: RoomInvitationTable;
  conversations: ConversationTable;
  blocks: BlockTable;
  registrations: RegistrationTable;
  audit_log: AuditLogTable;
  media: MediaTable;
  media_evidence: MediaEvidenceTable;
  moderation_alerts: ModerationAlertTable;
  suspensions: SuspensionTable;
  staff: StaffTable;
  staff_sessions: StaffSessionTable;
  cases: CaseTable;
  reports: ReportTable;
  decisions: DecisionTable;
  statements: StatementTable;
  appeals: AppealTable;
  restrictions: RestrictionTable;
  author_addresses: AuthorAddressTable;
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
  /** P2: JSON of the contact policy; null means everyone. */
  contact_policy: string | null;
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
  /** R2: the owner of a private room. */
  owner_id: string | null;
  /** R2: 1 when the owner keeps the room while it is empty. */
  keep: Generated<number>;
  /** V1: 1 for a voice room. */
  voice: Generated<number>;
  /** R2: since when a private room has had nobody connected in it. */
  empty_since: number | null;
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
  /** M1: JSON of the attached MediaRef; null for text only. */
  media: string | null;
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

export interface RoomMemberTable {
  room_id: string;
  session_id: string;
  role: 'owner' | 'moderator' | 'member';
  muted_until: number | null;
  joined_at: number;
}

export interface RoomBanTable {
  room_id: string;
  session_id: string;
  /** null: until lifted. */
  until: number | null;
  created_at: number;
}

export interface RoomLinkTable {
  /** Public id of the link, for listing and revoking. */
  link_id: string;
  room_id: string;
  /** SHA-256 of the link's token; the token itself is never stored. */
  token_hash: string;
  created_by: string;
  created_at: number;
  revoked_at: number | null;
}

export interface RoomInvitationTable {
  room_id: string;
  session_id: string;
  invited_by: string;
  created_at: number;
}

export interface ConversationTable {
  /** Also a row of `rooms` (kind "direct"): messages and seq live there. */
  id: string;
  /** The two users, in sorted order, so a pair has one conversation. */
  user_low: string;
  user_high: string;
  requester_id: string;
  state: 'pending' | 'accepted' | 'ignored';
  /** P1: messages the requester sent while the request was not accepted. */
  request_count: Generated<number>;
  created_at: number;
  updated_at: number;
}

export interface BlockTable {
  blocker_id: string;
  blocked_id: string;
  created_at: number;
}

export interface RegistrationTable {
  nickname_key: string;
  user_id: string;
  /** argon2id (PHC string). */
  password_hash: string;
  created_at: number;
}

/** T8: one entry of the audit log; `hash` chains it to the entry before (`prev_hash`). */
export interface AuditLogTable {
  /** 1, 2, 3… with no gap. */
  seq: number;
  at: number;
  actor_kind: 'user' | 'staff' | 'system';
  /** null for the system. */
  actor_id: string | null;
  /** e.g. `room.ban`, `entry.age_refused`, `login.locked`. */
  action: string;
  target_kind: string | null;
  target_id: string | null;
  /** JSON object of ids, durations and reasons; never a network address or a token. */
  details: string;
  /** Hex SHA-256 of the previous entry (64 zeros for the first). */
  prev_hash: string;
  /** Hex SHA-256 of this entry's canonical form (see `auditHash`). */
  hash: string;
}

/** M1–M4: an uploaded file that went through the pipeline. */
export interface MediaTable {
  id: string;
  owner_id: string;
  /** The room or conversation it was uploaded to (M4: who may fetch it). */
  room_id: string;
  kind: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  duration_ms: number | null;
  /** S2: 1 when the classifier found it explicit. */
  explicit: number;
  /** `ready`, or `quarantined` (S1: never served). */
  status: string;
  file_key: string;
  thumb_key: string | null;
  sha256: string;
  md5: string;
  pdq: string | null;
  created_at: number;
}

/** S1: what is kept when an upload matches a hash list. */
export interface MediaEvidenceTable {
  media_id: string;
  user_id: string;
  nickname: string;
  room_id: string;
  address: string;
  port: number;
  sha256: string;
  md5: string;
  pdq: string | null;
  pdq_quality: number | null;
  match_kind: string;
  match_hex: string;
  /** `file:line` of the list entry. */
  match_list: string;
  match_distance: number;
  created_at: number;
}

/** S1: something automated found that staff must look at. */
export interface ModerationAlertTable {
  id: string;
  kind: string;
  user_id: string;
  media_id: string | null;
  /** JSON. */
  details: string;
  created_at: number;
  resolved_at: number | null;
}

/** S1: a user suspended pending review: nothing they send is accepted. */
export interface SuspensionTable {
  user_id: string;
  reason: string;
  created_at: number;
}

/** O3: a staff account. Password and TOTP secret are null until enrolment is complete. */
export interface StaffTable {
  id: string;
  name: string;
  /** `admin` or `moderator`. */
  role: string;
  /** argon2id. */
  password_hash: string | null;
  /** Base32 TOTP secret. */
  totp_secret: string | null;
  /** SHA-256 of the one-time enrolment token; null once used. */
  enrol_hash: string | null;
  enrol_expires_at: number | null;
  created_at: number;
  enrolled_at: number | null;
  disabled_at: number | null;
}

export interface StaffSessionTable {
  /** SHA-256 of the staff session token. */
  token_hash: string;
  staff_id: string;
  created_at: number;
  expires_at: number;
}

/** T1, T2: reports of the same thing, grouped; the queue's unit. */
export interface CaseTable {
  id: string;
  category: string;
  severity: number;
  /** JSON of the ReportTarget. */
  target: string;
  target_key: string;
  subject_id: string | null;
  room_id: string | null;
  /** JSON: the frozen context. */
  evidence: string;
  /** `open` or `closed`. */
  status: string;
  assigned_to: string | null;
  created_at: number;
  first_action_at: number | null;
  closed_at: number | null;
  outcome: string | null;
  /** T10: 1 once escalated: the purge keeps the case's evidence and addresses. */
  legal_hold: number;
}

export interface ReportTable {
  id: string;
  case_id: string;
  reporter_id: string;
  category: string;
  text: string;
  created_at: number;
}

/** T2: an action taken on a case (or automatically). */
export interface DecisionTable {
  id: string;
  case_id: string | null;
  /** Null for an automated decision. */
  staff_id: string | null;
  action: string;
  rule: string;
  facts: string;
  subject_id: string | null;
  room_id: string | null;
  until: number | null;
  created_at: number;
}

/** T3: what the restricted user is told. */
export interface StatementTable {
  id: string;
  user_id: string;
  decision_id: string;
  restriction: string;
  room_id: string | null;
  facts: string;
  rule: string;
  automated: number;
  until: number | null;
  created_at: number;
}

export interface AppealTable {
  id: string;
  statement_id: string;
  user_id: string;
  text: string;
  /** `pending`, `upheld` or `reversed`. */
  status: string;
  decided_by: string | null;
  reason: string | null;
  created_at: number;
  decided_at: number | null;
}

/** T2, T4: a mute or a ban, in one room or on the whole platform, bound to the user and their device. */
export interface RestrictionTable {
  id: string;
  user_id: string;
  /** `mute` or `ban`. */
  kind: string;
  /** Null: the whole platform. */
  room_id: string | null;
  /** SHA-256 of the device token, as in sessions. */
  device_hash: string | null;
  /** Keyed hash of the network address, as for age refusals. */
  address_hash: string | null;
  statement_id: string;
  until: number | null;
  created_at: number;
  lifted_at: number | null;
}

/** T11: who wrote a message from where, sealed; released only by a logged legal request. */
export interface AuthorAddressTable {
  room_id: string;
  seq: number;
  user_id: string;
  /** base64 of IV + GCM tag + ciphertext of "address port". */
  sealed: string;
  at: number;
}
