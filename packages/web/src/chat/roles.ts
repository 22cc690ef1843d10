import type { Member, ModerationAction, RoomInfo, RoomRole } from '@salon/protocol';
import type { JoinedRoom } from './roomState.js';
import type { ChatState } from './state.js';

/** What a member's menu offers: a private message, block or unblock, then moderation (R3). */
export type MemberAction = 'message' | 'block' | 'unblock' | ModerationAction;

/** Moderation choices that carry a duration (minutes). */
export const MUTE_MINUTES = [5, 15, 60] as const;

/** My role in a room I am in, from its member list. */
export function roleIn(room: JoinedRoom | undefined, userId: string): RoomRole | undefined {
  return room?.members.find((m) => m.userId === userId)?.role;
}

/** Owners and room moderators run a private room (links, invitations). */
export function canManage(role: RoomRole | undefined): boolean {
  return role === 'owner' || role === 'moderator';
}

/** R3: the owner acts on everyone else; moderators on plain members; nobody on the owner. */
export function canModerate(viewer: RoomRole | undefined, target: RoomRole): boolean {
  if (target === 'owner' || viewer === undefined) return false;
  if (viewer === 'owner') return true;
  return viewer === 'moderator' && target === 'member';
}

export function isMuted(member: Member, now: number): boolean {
  return member.mutedUntil !== null && member.mutedUntil > now;
}

/** R3: the moderation actions the viewer may take on this member. */
export function moderationActions(
  viewer: RoomRole | undefined,
  target: Member,
  now: number,
): ModerationAction[] {
  if (!canModerate(viewer, target.role)) return [];
  const actions: ModerationAction[] = ['kick', isMuted(target, now) ? 'unmute' : 'mute', 'ban'];
  if (viewer === 'owner') {
    actions.push(target.role === 'moderator' ? 'demote' : 'promote', 'transfer');
  }
  return actions;
}

interface MenuInput {
  viewerId: string;
  viewerRole: RoomRole | undefined;
  target: Member;
  blocked: boolean;
  now: number;
}

/** Everything a member's menu offers the viewer; nothing on oneself. */
export function memberActions({ viewerId, viewerRole, target, blocked, now }: MenuInput): MemberAction[] {
  if (target.userId === viewerId) return [];
  return ['message', blocked ? 'unblock' : 'block', ...moderationActions(viewerRole, target, now)];
}

/** R2: the private rooms I run where this person is not (as far as I can see) yet. */
export function roomsToInviteTo(state: ChatState, userId: string): RoomInfo[] {
  const rooms: RoomInfo[] = [];
  for (const id of state.order) {
    const room = state.joined[id];
    if (!room?.info || room.info.kind !== 'private') continue;
    if (!canManage(roleIn(room, state.me.userId))) continue;
    if (room.members.some((m) => m.userId === userId)) continue;
    rooms.push(room.info);
  }
  return rooms;
}

/** R2: people I can invite to a room: members of my other rooms who are not in it. */
export function inviteCandidates(state: ChatState, roomId: string): Member[] {
  const here = new Set(state.joined[roomId]?.members.map((m) => m.userId));
  const found = new Map<string, Member>();
  for (const id of state.order) {
    if (id === roomId) continue;
    for (const member of state.joined[id]?.members ?? []) {
      if (member.userId === state.me.userId || here.has(member.userId)) continue;
      found.set(member.userId, member);
    }
  }
  return [...found.values()].sort((a, b) =>
    a.nickname.localeCompare(b.nickname, undefined, { sensitivity: 'base' }),
  );
}
