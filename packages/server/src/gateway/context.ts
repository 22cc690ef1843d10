import type { ClientMessageOf, ClientMessageType, ServerMessage } from '@salon/protocol';
import type { z } from 'zod';
import type { ChatService } from '../chat/chat.js';
import type { Hub, Subscriber } from '../chat/hub.js';
import type { Nicknames } from '../chat/nicknames.js';
import type { EntryService } from '../safety/entry.js';
import type { AccountService } from '../safety/accounts.js';
import type { BlockService } from '../safety/blocks.js';
import type { DirectService } from '../chat/direct.js';
import type { PrivateRoomService } from '../chat/private-rooms.js';
import type { SessionRow } from '../store/index.js';
import type { LimitKind, Limiter } from '../safety/limiter.js';
import type { Suspensions } from '../safety/suspensions.js';
import type { OpenConnections } from '../safety/flood.js';
import type { AddressVault, Origin } from '../safety/addresses.js';
import type { ReportService } from '../moderation/reports.js';
import type { Restrictions } from '../moderation/restrictions.js';
import type { LiveService } from '../rtc/live.js';
import type { AuditLog } from '../safety/audit.js';

/** What handlers may use. They never see the socket (DESIGN convention 4). */
export interface GatewayServices {
  chat: ChatService;
  entry: EntryService;
  hub: Hub;
  nicknames: Nicknames;
  privateRooms: PrivateRoomService;
  direct: DirectService;
  blocks: BlockService;
  accounts: AccountService;
  suspensions: Suspensions;
  reports: ReportService;
  restrictions: Restrictions;
  addresses: AddressVault;
  /** T5: connections open at once per address (counted in the gateway, across nodes). */
  openConnections: OpenConnections;
  /** T5: repeated-message detection (rate limits themselves run in the gateway). */
  limiter: Limiter;
  /** V1–V4: live webcam, voice and calls. */
  live: LiveService;
  /** T8: room moderators' actions on live streams are logged too. */
  audit: AuditLog;
}

export interface ConnectionState {
  /** Set once `hello` succeeded; every other message needs it. */
  ready: boolean;
  /** The connection closed (a handler that awaited may find it gone). */
  closed: boolean;
}

export interface HandlerContext {
  /** The session from the cookie at upgrade; checked by the gateway for handlers with needsSession. */
  readonly session: SessionRow | null;
  readonly subscriber: Subscriber;
  readonly services: GatewayServices;
  readonly state: ConnectionState;
  /** Queues a frame for this connection; the gateway writes it in order. */
  readonly reply: (message: ServerMessage) => void;
  /**
   * Holds the room events for this connection (replies still go out) until the returned function
   * is called: a join answers with its history before any event that arrived while it ran. The
   * release drops held frames that `skip` accepts (already in the history).
   */
  readonly holdEvents: () => (skip?: (frame: string) => boolean) => void;
  /** Asks the gateway to close this connection once queued frames are written. */
  readonly close: (code: number, reason: string) => void;
  /** T11: the network address and port this connection comes from; never sent to anyone. */
  readonly origin: Origin;
}

export interface SessionContext extends HandlerContext {
  readonly session: SessionRow;
}

/** One row of the handler table (DESIGN convention 1). */
export interface Handler<T extends ClientMessageType> {
  schema: z.ZodType<ClientMessageOf<T>>;
  /** False only for `hello`: every other message needs a completed hello with a valid session. */
  needsSession: boolean;
  /** Who may send it; staff roles come with moderation. */
  role: 'anyone' | 'member';
  rateLimit: LimitKind | null;
  handle(message: ClientMessageOf<T>, context: SessionContext): Promise<void> | void;
}

export type HandlerTable = { [T in ClientMessageType]: Handler<T> };
