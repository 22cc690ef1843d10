import { assertNever } from '@salon/protocol';
import type { RoomInfo } from '@salon/protocol';
import type { PushMessage } from '../net/requests.js';
import type { LivePush } from '../net/frames.js';
import { upsertConversation, withConversationMessage } from './conversations.js';
import type { ChatState, ClosedReport } from './state.js';
import * as rs from './roomState.js';
import type { JoinedRoom } from './roomState.js';

/**
 * Applies a frame the server pushed (not a reply) to the chat state. `seen(roomId)` says
 * whether that room is on screen at the bottom, where new messages do not count as unread (R6).
 * Error frames are handled by the caller.
 */
export function reducePush(
  state: ChatState,
  message: Exclude<PushMessage, LivePush | { type: 'error' | 'room.removed' | 'statement' }>,
  seen: (roomId: string) => boolean,
): ChatState {
  switch (message.type) {
    case 'room.count':
      return withRoomCount(state, message.roomId, message.members);
    case 'member.joined':
      return updateRoom(state, message.roomId, (r) => rs.upsertMember(r, message.member));
    case 'member.left':
      return updateRoom(state, message.roomId, (r) => rs.removeMember(r, message.userId));
    case 'members.joined':
      return updateRoom(state, message.roomId, (r) =>
        message.members.reduce((room, member) => rs.upsertMember(room, member), r),
      );
    case 'members.left':
      return updateRoom(state, message.roomId, (r) =>
        message.userIds.reduce((room, userId) => rs.removeMember(room, userId), r),
      );
    case 'msg': {
      const { roomId, authorId } = message.message;
      if (!state.joined[roomId]) return withConversationMessage(state, message.message);
      const countUnread = !seen(roomId) && authorId !== state.me.userId;
      return updateRoom(state, roomId, (r) => rs.applyMessage(r, message.message, countUnread));
    }
    case 'typing':
      if (message.userId === state.me.userId) return state;
      return updateRoom(state, message.roomId, (r) =>
        rs.addTyping(r, { userId: message.userId, nickname: message.nickname }),
      );
    case 'presence': {
      let next = state;
      for (const roomId of state.order) {
        next = updateRoom(next, roomId, (r) => rs.setMemberStatus(r, message.userId, message.status));
      }
      return next;
    }
    case 'member.updated':
      return updateRoom(state, message.roomId, (r) => rs.upsertMember(r, message.member));
    case 'room.updated':
      return withRoomInfo(state, message.room);
    case 'room.invited': {
      const invites = state.invites.filter((i) => i.room.id !== message.room.id);
      return { ...state, invites: [...invites, { room: message.room, by: message.by }] };
    }
    case 'dm.updated':
      return upsertConversation(state, message.conversation);
    case 'report.outcome':
      return withClosedReport(state, { reportId: message.reportId, outcome: message.outcome });
    case 'safety.notice':
      return withRiskSignals(state, message.conversationId, message.signals);
    default:
      return assertNever(message, 'push message');
  }
}

/** T1: the outcome of one of my reports; a repeated one replaces its earlier copy. */
export function withClosedReport(state: ChatState, closed: ClosedReport): ChatState {
  const others = state.closedReports.filter((r) => r.reportId !== closed.reportId);
  return { ...state, closedReports: [...others, closed] };
}

/** T7: signals for a conversation join those not yet dismissed, each name once. */
export function withRiskSignals(
  state: ChatState,
  conversationId: string,
  signals: readonly string[],
): ChatState {
  const known = state.riskNotices[conversationId];
  const merged = [...new Set([...(known ?? []), ...signals])];
  if (known && merged.length === known.length) return state;
  return { ...state, riskNotices: { ...state.riskNotices, [conversationId]: merged } };
}

/** R1: live member count, in the room lists and in the joined room. */
export function withRoomCount(state: ChatState, roomId: string, members: number): ChatState {
  let next = state;
  if (state.rooms.some((r) => r.id === roomId && r.members !== members)) {
    next = { ...next, rooms: state.rooms.map((r) => (r.id === roomId ? { ...r, members } : r)) };
  }
  if (state.mine.some((r) => r.id === roomId && r.members !== members)) {
    next = { ...next, mine: state.mine.map((r) => (r.id === roomId ? { ...r, members } : r)) };
  }
  return updateRoom(next, roomId, (r) => rs.setCount(r, members));
}

/** R2: a room changed (keep flag…), or a private room I now belong to. */
export function withRoomInfo(state: ChatState, room: RoomInfo): ChatState {
  const replace = (list: readonly RoomInfo[]) => list.map((r) => (r.id === room.id ? room : r));
  let next: ChatState = { ...state, rooms: replace(state.rooms), mine: replace(state.mine) };
  if (room.kind === 'private' && !state.mine.some((r) => r.id === room.id)) {
    next = { ...next, mine: [...state.mine, room] };
  }
  return updateRoom(next, room.id, (r) => ({ ...r, info: room }));
}

/** R2, R3: a private room I left for good, was removed from, or that is gone. */
export function withoutPrivateRoom(state: ChatState, roomId: string): ChatState {
  const next = withoutRoom(state, roomId);
  return { ...next, mine: next.mine.filter((r) => r.id !== roomId) };
}

export function updateRoom(
  state: ChatState,
  roomId: string,
  change: (room: JoinedRoom) => JoinedRoom,
): ChatState {
  const room = state.joined[roomId];
  if (!room) return state;
  const next = change(room);
  return next === room ? state : { ...state, joined: { ...state.joined, [roomId]: next } };
}

/** Forgets a joined room; the next joined room (or none) becomes the active one. */
export function withoutRoom(state: ChatState, roomId: string): ChatState {
  if (!state.joined[roomId]) return state;
  const joined = { ...state.joined };
  delete joined[roomId];
  const order = state.order.filter((id) => id !== roomId);
  const index = state.order.indexOf(roomId);
  const activeRoomId =
    state.activeRoomId === roomId ? (order[Math.min(index, order.length - 1)] ?? null) : state.activeRoomId;
  return { ...state, joined, order, activeRoomId };
}

export function roomName(state: ChatState, roomId: string): string {
  const info = state.joined[roomId]?.info ?? state.mine.find((r) => r.id === roomId);
  return info?.name ?? roomId;
}
