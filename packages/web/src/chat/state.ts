import type { ErrorCode, Me, RoomInfo } from '@salon/protocol';
import type { ConnectionStatus, StopReason } from '../net/connection.js';
import type { JoinedRoom } from './roomState.js';

export interface ChatState {
  status: ConnectionStatus;
  me: Me;
  rooms: readonly RoomInfo[];
  roomsLoaded: boolean;
  joined: Readonly<Record<string, JoinedRoom>>;
  /** Joined room ids, in the order they were joined. */
  order: readonly string[];
  activeRoomId: string | null;
  stopped: StopReason | null;
  /** The last error worth telling the user about; `key` changes with each one. */
  notice: { code: ErrorCode; key: number } | null;
}

export function initialState(me: Me, status: ConnectionStatus): ChatState {
  return {
    status,
    me,
    rooms: [],
    roomsLoaded: false,
    joined: {},
    order: [],
    activeRoomId: null,
    stopped: null,
    notice: null,
  };
}
