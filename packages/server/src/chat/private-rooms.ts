import { LIMITS, type ModerationAction, type RoomInfo, type RoomRole } from '@salon/protocol';
import { randomToken, type Clock, type Random } from '../clock.js';
import type { Bus } from '../cluster/bus.js';
import type { Config } from '../config/schema.js';
import { roomNotFound, SalonError } from '../errors.js';
import type { AuditLog } from '../safety/audit.js';
import type { Limiter } from '../safety/limiter.js';
import type { WordFilter } from '../safety/wordfilter.js';
import type { RoomMemberRow, SessionRow, Store } from '../store/index.js';
import { sha256Hex } from '../util/hash.js';
import { roomInfo, type RoomDirectory } from './directory.js';
import type { Roster } from '../cluster/roster.js';
import type { RoomStanding } from './hub.js';

export interface PrivateRoomDeps {
  store: Store;
  roster: Roster;
  bus: Bus;
  clock: Clock;
  random: Random;
  rooms: RoomDirectory;
  limiter: Limiter;
  words: () => WordFilter;
  config: Readonly<Config>;
  audit: AuditLog;
}

// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;

const NOT_FOUND = roomNotFound;
const FORBIDDEN = () => new SalonError('FORBIDDEN', 'Your role in this room does not allow this.');

/** R2/R3: private rooms: creation, invite links and invitations, moderation, keeping, clean-up. */
export class PrivateRoomService {
  constructor(private readonly deps: PrivateRoomDeps) {}

  /** The member row of `session` in a private room, or ROOM_NOT_FOUND; FORBIDDEN outside `roles`. */
  private async member(
    session: SessionRow,
    roomId: string,
    roles: readonly RoomRole[],
  ): Promise<RoomMemberRow> {
    const row = await this.deps.rooms.room(roomId);
    if (row.kind !== 'private') throw roles.length === 3 ? NOT_FOUND() : FORBIDDEN();
    const member = await this.deps.store.members.get(roomId, session.id);
    if (!member) throw NOT_FOUND();
    if (!roles.includes(member.role)) throw FORBIDDEN();
    return member;
  }

  /** R2: creates a private room owned by its creator. Its name passes the word filter (E4). */
  async create(session: SessionRow, rawName: string, rawTopic = '', voice = false): Promise<RoomInfo> {
    const name = rawName.normalize('NFC').replace(CONTROL, '').trim().replace(/\s+/g, ' ');
    const topic = rawTopic.normalize('NFC').replace(CONTROL, ' ').trim().slice(0, LIMITS.maxTopicChars);
    const length = [...name].length;
    if (length < LIMITS.roomNameMin || length > LIMITS.roomNameMax) {
      throw new SalonError(
        'NAME_INVALID',
        `A room name has ${LIMITS.roomNameMin} to ${LIMITS.roomNameMax} characters.`,
      );
    }
    const words = this.deps.words();
    if (words.match(name) || words.match(topic))
      throw new SalonError('NAME_FORBIDDEN', 'This name is not allowed.');
    await this.deps.limiter.consume('rooms', session.id);
    const { store, clock } = this.deps;
    const id = `p_${randomToken(this.deps.random, 96)}`;
    const now = clock.now();
    await store.rooms.create({ id, kind: 'private', name, topic, ownerId: session.id, now, voice });
    await store.members.add({
      room_id: id,
      session_id: session.id,
      role: 'owner',
      muted_until: null,
      joined_at: now,
    });
    return roomInfo((await store.rooms.get(id))!, 0);
  }

  /** R2: a new invite link; the token (≥128 random bits) is returned once and only its hash is kept. */
  async createLink(session: SessionRow, roomId: string): Promise<{ linkId: string; token: string }> {
    await this.member(session, roomId, ['owner', 'moderator']);
    const token = randomToken(this.deps.random, 192);
    const linkId = randomToken(this.deps.random, 64);
    await this.deps.store.members.createLink({
      linkId,
      roomId,
      tokenHash: sha256Hex(token),
      createdBy: session.id,
      now: this.deps.clock.now(),
    });
    return { linkId, token };
  }

  async listLinks(session: SessionRow, roomId: string) {
    await this.member(session, roomId, ['owner', 'moderator']);
    return this.deps.store.members.links(roomId);
  }

  async revokeLink(session: SessionRow, roomId: string, linkId: string): Promise<void> {
    await this.member(session, roomId, ['owner', 'moderator']);
    if (!(await this.deps.store.members.revokeLink(roomId, linkId, this.deps.clock.now()))) {
      throw new SalonError('NOT_FOUND', 'There is no such link.');
    }
  }

  /** R2: invites a connected user; they may then join with `room.join`. */
  async invite(session: SessionRow, roomId: string, userId: string): Promise<void> {
    await this.member(session, roomId, ['owner', 'moderator']);
    const { roster, store, clock } = this.deps;
    if (userId === session.id || !(await roster.online(userId)))
      throw new SalonError('USER_NOT_FOUND', 'This user is not here.');
    if (await store.members.get(roomId, userId)) return;
    await store.members.invite(roomId, userId, session.id, clock.now());
    const room = roomInfo(await this.deps.rooms.room(roomId), await roster.count(roomId));
    this.deps.bus.publishToUser({ userId, event: { type: 'room.invited', room, by: session.nickname } });
  }

  /** R3: kick, mute, ban and roles. Owners act on everyone else; moderators on plain members. */
  async moderate(
    session: SessionRow,
    roomId: string,
    userId: string,
    action: ModerationAction,
    minutes?: number,
  ) {
    const ownerOnly = action === 'promote' || action === 'demote' || action === 'transfer';
    const actor = await this.member(session, roomId, ownerOnly ? ['owner'] : ['owner', 'moderator']);
    const { store, bus, clock } = this.deps;
    const target = await store.members.get(roomId, userId);
    if (userId === session.id) throw FORBIDDEN();
    if (action !== 'unban') {
      if (!target) throw new SalonError('USER_NOT_FOUND', 'This user is not in the room.');
      if (target.role === 'owner' || (actor.role === 'moderator' && target.role !== 'member'))
        throw FORBIDDEN();
    }
    // T8: the authorised action is logged before it is applied; if logging fails, nothing is done.
    const effectiveMinutes = action === 'mute' ? (minutes ?? 15) : action === 'ban' ? minutes : undefined;
    await this.deps.audit.record({
      actorKind: 'user',
      actorId: session.id,
      action: `room.${action}`,
      targetKind: 'user',
      targetId: userId,
      details: { roomId, minutes: effectiveMinutes },
    });
    const now = clock.now();
    const update = async (changes: { role?: RoomRole; muted_until?: number | null }) => {
      await store.members.update(roomId, userId, changes);
      await this.announceStanding(roomId, userId, {
        ...(changes.role ? { role: changes.role } : {}),
        ...(changes.muted_until !== undefined ? { mutedUntil: changes.muted_until } : {}),
      });
    };
    const remove = (reason: 'kicked' | 'banned', until: number | null) => {
      bus.publishControl({ op: 'remove', roomId, sessionId: userId });
      bus.publishToUser({ userId, event: { type: 'room.removed', roomId, reason, until } });
    };
    switch (action) {
      case 'kick':
        await store.members.remove(roomId, userId);
        remove('kicked', null);
        return;
      case 'ban': {
        const until = minutes === undefined ? null : now + minutes * 60_000;
        await store.members.ban(roomId, userId, until, now);
        await store.members.remove(roomId, userId);
        remove('banned', until);
        return;
      }
      case 'unban':
        await store.members.unban(roomId, userId);
        return;
      case 'mute':
        await update({ muted_until: now + (minutes ?? 15) * 60_000 });
        return;
      case 'unmute':
        await update({ muted_until: null });
        return;
      case 'promote':
        await update({ role: 'moderator' });
        return;
      case 'demote':
        await update({ role: 'member' });
        return;
      case 'transfer':
        await store.rooms.update(roomId, { ownerId: userId });
        await update({ role: 'owner' });
        await store.members.update(roomId, session.id, { role: 'moderator' });
        await this.announceStanding(roomId, session.id, { role: 'moderator' });
        return;
      default: {
        const never: never = action;
        throw new Error(`unknown action ${String(never)}`);
      }
    }
  }

  /** R3: a present member's new role or mute reaches every node (each applies it) and the room. */
  private async announceStanding(roomId: string, userId: string, changes: Partial<RoomStanding>) {
    const known = await this.deps.roster.member(roomId, userId);
    if (!known) return;
    const member = { ...known, ...changes };
    await this.deps.roster.update(roomId, member);
    this.deps.bus.publish({ roomId, authorId: userId, event: { type: 'member.updated', roomId, member } });
  }

  /** R2: the owner keeps the room even when it is empty. */
  async keep(session: SessionRow, roomId: string, keep: boolean): Promise<void> {
    await this.member(session, roomId, ['owner']);
    await this.deps.store.rooms.update(roomId, { keep });
    const room = roomInfo(await this.deps.rooms.room(roomId), await this.deps.roster.count(roomId));
    this.deps.bus.publish({ roomId, event: { type: 'room.updated', room } });
  }

  /** Called when nobody is left in a room on this node. */
  async roomEmptied(roomId: string): Promise<void> {
    if ((await this.deps.rooms.kind(roomId)) !== 'private' || (await this.deps.roster.count(roomId)) > 0)
      return;
    await this.deps.store.rooms.update(roomId, { emptySince: this.deps.clock.now() });
  }

  /** R2: deletes private rooms empty for longer than the configured delay, unless kept. Returns their ids. */
  async sweep(): Promise<string[]> {
    const { store, roster, clock, config } = this.deps;
    const gone: string[] = [];
    for (const roomId of await store.rooms.abandoned(clock.now() - config.chat.privateRoomEmptyDelay)) {
      if ((await roster.count(roomId)) > 0) continue;
      const members = await store.members.list(roomId);
      await store.rooms.delete(roomId);
      this.deps.rooms.forget(roomId);
      gone.push(roomId);
      for (const member of members) {
        this.deps.bus.publishToUser({
          userId: member.session_id,
          event: { type: 'room.removed', roomId, reason: 'deleted', until: null },
        });
      }
    }
    return gone;
  }
}
