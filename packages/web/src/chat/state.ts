import type {
  Conversation,
  ErrorCode,
  MediaKind,
  MediaOptions,
  Me,
  RoomInfo,
  ServerMessageOf,
} from '@salon/protocol';
import type { ApiFailure } from '../api/session.js';
import type { ConnectionStatus, StopReason } from '../net/connection.js';
import type { JoinedRoom } from './roomState.js';

/** R2: someone invited me to a private room (`room.invited`). */
export interface Invitation {
  room: RoomInfo;
  by: string;
}

/** R3: I was removed from a room, or it is gone (`room.removed`). */
export interface Removal {
  roomId: string;
  name: string;
  reason: 'kicked' | 'banned' | 'deleted';
  until: number | null;
  key: number;
}

/** T1: the outcome of one of my reports, told when its case closed (`report.outcome`). */
export interface ClosedReport {
  reportId: string;
  outcome: ServerMessageOf<'report.outcome'>['outcome'];
}

/** P3: someone I blocked. */
export interface BlockedUser {
  userId: string;
  nickname: string;
}

/** M1: a file on its way to the server, shown with its progress under the room's messages. */
export interface Upload {
  id: string;
  roomId: string;
  /** File name, for the user only (the server judges the bytes). */
  name: string;
  kind: MediaKind | null;
  /** Bytes sent so far, of `total`. */
  loaded: number;
  total: number;
  /** Sent with the file once it is stored. */
  caption: string;
  status: 'uploading' | 'failed';
  error?: ApiFailure;
}

export interface ChatState {
  status: ConnectionStatus;
  me: Me;
  rooms: readonly RoomInfo[];
  roomsLoaded: boolean;
  /** R2: the private rooms I belong to. */
  mine: readonly RoomInfo[];
  /** Joined rooms and open conversations, by id. */
  joined: Readonly<Record<string, JoinedRoom>>;
  /** Joined room ids, in the order they were joined. */
  order: readonly string[];
  activeRoomId: string | null;
  /** P1: my private conversations (requests included), by id. */
  conversations: Readonly<Record<string, Conversation>>;
  conversationsLoaded: boolean;
  /** P3: people I blocked. */
  blocked: readonly BlockedUser[];
  invites: readonly Invitation[];
  /** R3: people banned from a room from this page, by room (to lift a ban). */
  bans: Readonly<Record<string, readonly BlockedUser[]>>;
  removal: Removal | null;
  stopped: StopReason | null;
  /** The last error worth telling the user about; `key` changes with each one. */
  notice: { code: ErrorCode; key: number } | null;
  /** M1: what the server accepts (`GET /api/media/options`), once known. */
  mediaOptions: MediaOptions | null;
  /** M1: files being uploaded, or whose upload failed, in every room. */
  uploads: readonly Upload[];
  /** T1: outcomes of my reports not dismissed yet, oldest first. */
  closedReports: readonly ClosedReport[];
  /** T7: risk signals to explain, by conversation id, until dismissed (names in arrival order). */
  riskNotices: Readonly<Record<string, readonly string[]>>;
}

export function initialState(me: Me, status: ConnectionStatus): ChatState {
  return {
    status,
    me,
    rooms: [],
    roomsLoaded: false,
    mine: [],
    joined: {},
    order: [],
    activeRoomId: null,
    conversations: {},
    conversationsLoaded: false,
    blocked: [],
    invites: [],
    bans: {},
    removal: null,
    stopped: null,
    notice: null,
    mediaOptions: null,
    uploads: [],
    closedReports: [],
    riskNotices: {},
  };
}
