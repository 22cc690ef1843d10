import type { Kysely } from 'kysely';
import { openDatabase, type Dialect, type OpenOptions } from './open.js';
import type { Database } from './schema.js';
import { SessionRepository } from './sessions.js';
import { RefusalRepository } from './refusals.js';
import { RoomRepository } from './rooms.js';
import { MessageRepository } from './messages.js';
import { ReadRepository } from './reads.js';
import { SettingRepository } from './settings.js';
import { MemberRepository } from './members.js';
import { ConversationRepository } from './conversations.js';
import { BlockRepository } from './blocks.js';
import { RegistrationRepository } from './registrations.js';
import { AuditRepository } from './audit.js';
import { MediaRepository } from './media.js';
import { StaffRepository } from './staff.js';
import { ModerationRepository } from './moderation.js';
import { AddressRepository } from './addresses.js';

export type { OpenOptions, Dialect } from './open.js';
export type { SessionRow } from './sessions.js';
export type { RoomRow, PublicRoomInput } from './rooms.js';
export type { NewMessage } from './messages.js';
export type { RoomMemberRow } from './members.js';
export type { ConversationRow } from './conversations.js';
export type { RegistrationRow } from './registrations.js';
export type { AuditActorKind, AuditEntry, NewAuditEntry } from './audit.js';
export type { MediaRow, MediaEvidenceRow, ModerationAlertRow } from './media.js';
export type { StaffRow, StaffSessionRow } from './staff.js';
export type { StaffRepository } from './staff.js';
export type {
  AppealRow,
  CaseRow,
  DecisionRow,
  ReportRow,
  RestrictionRow,
  StatementRow,
} from './moderation.js';
export { GENESIS_HASH, auditHash } from './audit.js';

/** Everything the services need from storage; the same contract on SQLite and PostgreSQL. */
export interface Store {
  readonly dialect: Dialect;
  readonly sessions: SessionRepository;
  readonly refusals: RefusalRepository;
  readonly rooms: RoomRepository;
  readonly messages: MessageRepository;
  readonly reads: ReadRepository;
  readonly settings: SettingRepository;
  readonly members: MemberRepository;
  readonly conversations: ConversationRepository;
  readonly blocks: BlockRepository;
  readonly registrations: RegistrationRepository;
  /** T8: append-only, hash-chained. */
  readonly audit: AuditRepository;
  /** M1–M4, S1: files, quarantine evidence, alerts, suspensions. */
  readonly media: MediaRepository;
  /** O3: staff accounts and their sessions. */
  readonly staff: StaffRepository;
  /** T1–T4: cases, reports, decisions, statements, appeals, restrictions. */
  readonly moderation: ModerationRepository;
  /** T11: sealed author addresses. */
  readonly addresses: AddressRepository;
  /** True when the database answers. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export async function openStore(options: OpenOptions): Promise<Store> {
  const { db, dialect } = await openDatabase(options);
  return createStore(db, dialect);
}

function createStore(db: Kysely<Database>, dialect: Dialect): Store {
  return {
    dialect,
    sessions: new SessionRepository(db),
    refusals: new RefusalRepository(db),
    rooms: new RoomRepository(db),
    messages: new MessageRepository(db),
    reads: new ReadRepository(db),
    settings: new SettingRepository(db),
    members: new MemberRepository(db),
    conversations: new ConversationRepository(db),
    blocks: new BlockRepository(db),
    registrations: new RegistrationRepository(db),
    audit: new AuditRepository(db, dialect),
    media: new MediaRepository(db),
    staff: new StaffRepository(db),
    moderation: new ModerationRepository(db),
    addresses: new AddressRepository(db),
    async ping() {
      try {
        await db.selectFrom('rooms').select('id').limit(1).execute();
        return true;
      } catch {
        return false;
      }
    },
    close: () => db.destroy(),
  };
}
