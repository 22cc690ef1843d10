import type { Member, ServerMessage } from '@salon/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { Bus, BusDelivery, ControlEvent, RoomEvent, UserEvent } from '../cluster/bus.js';
import { RecentSeqs } from '../cluster/recent-seqs.js';
import type { Roster } from '../cluster/roster.js';
import type { BlockService } from '../safety/blocks.js';
import { ArrivalBatcher, type ArrivalRun } from './arrivals.js';
import type { Hub, HubEvents } from './hub.js';

/** How long arrivals in a busy room wait to go out together (see ArrivalBatcher). */
const ARRIVAL_WINDOW_MS = 250;

export interface RoomEventDeps {
  blocks: BlockService;
  /** R1: public rooms' counts go to everyone; a private room's only to its members (R2). */
  publicRoomIds: ReadonlySet<string>;
  /** The room has nobody left anywhere. */
  onEmptied(roomId: string): Promise<void>;
  /** Another node changed restrictions or suspensions: read them again. */
  reload(what: 'restrictions' | 'suspensions'): Promise<void>;
  log: FastifyBaseLogger;
}

/**
 * Between the hub (this node's connections), the roster (members on every node) and the bus:
 * announces arrivals, departures and counts (R6), and delivers what the bus carries to this
 * node's connections with the P3 block filter.
 */
export class RoomEvents implements HubEvents, BusDelivery {
  private hub!: Hub;
  private bus!: Bus;
  private roster!: Roster;
  private readonly recent = new RecentSeqs();
  private readonly arrivals: ArrivalBatcher;
  private readonly leftListeners: ((roomId: string, userId: string) => void)[] = [];

  constructor(private readonly deps: RoomEventDeps) {
    this.arrivals = new ArrivalBatcher(
      ARRIVAL_WINDOW_MS,
      (roomId, run) => this.announce(roomId, run),
      (roomId, count) => {
        if (count !== undefined) this.publishCount(roomId, count);
        else
          this.roster.count(roomId).then((fresh) => this.publishCount(roomId, fresh), this.failed('count'));
      },
    );
  }

  /** The hub and the cluster parts exist only after this object (they need it): connect them. */
  attach(hub: Hub, bus: Bus, roster: Roster): void {
    this.hub = hub;
    this.bus = bus;
    this.roster = roster;
  }

  private failed(what: string) {
    return (error: unknown) => this.deps.log.error({ err: error }, what);
  }

  private publishCount(roomId: string, members: number): void {
    const event = { type: 'room.count', roomId, members } as const;
    if (this.deps.publicRoomIds.has(roomId)) this.bus.publishGlobal(event);
    else this.bus.publish({ roomId, event });
  }

  private announce(roomId: string, run: ArrivalRun): void {
    if (run.kind === 'join') {
      const [member] = run.members;
      if (run.members.length === 1 && member) {
        this.bus.publish({
          roomId,
          exceptSession: member.userId,
          authorId: member.userId,
          event: { type: 'member.joined', roomId, member },
        });
      } else this.bus.publish({ roomId, event: { type: 'members.joined', roomId, members: run.members } });
    } else {
      const [userId] = run.userIds;
      if (run.userIds.length === 1 && userId) {
        this.bus.publish({ roomId, event: { type: 'member.left', roomId, userId } });
      } else this.bus.publish({ roomId, event: { type: 'members.left', roomId, userIds: run.userIds } });
    }
  }

  /** The session is no longer a member anywhere (it left here, or on a node that died). */
  announceLeft(roomId: string, userId: string, count: number): void {
    this.arrivals.add(roomId, { kind: 'leave', userId }, count);
    if (count === 0) this.deps.onEmptied(roomId).catch(this.failed('room emptied'));
  }

  // HubEvents

  async memberJoined(roomId: string, member: Member): Promise<void> {
    const { changed, count } = await this.roster.join(roomId, member);
    if (changed) this.arrivals.add(roomId, { kind: 'join', member }, count);
    else this.arrivals.count(roomId, count);
  }

  /** Also told when a member leaves a room on this node (live media ends there). */
  onMemberLeft(listener: (roomId: string, userId: string) => void): void {
    this.leftListeners.push(listener);
  }

  memberLeft(roomId: string, userId: string): void {
    for (const listener of this.leftListeners) listener(roomId, userId);
    this.roster.leave(roomId, userId).then(({ changed, count }) => {
      if (changed) this.announceLeft(roomId, userId, count);
      else this.arrivals.count(roomId, count);
    }, this.failed('member left'));
  }

  roomOpened(roomId: string): Promise<void> {
    return this.bus.watchRoom(roomId);
  }

  roomClosed(roomId: string): void {
    this.bus.unwatchRoom(roomId);
    this.recent.forget(roomId);
  }

  sessionOpened(userId: string): void {
    this.bus.watchUser(userId).catch(this.failed('watch user'));
    this.roster.sessionUp(userId).catch(this.failed('session up'));
  }

  sessionClosed(userId: string): void {
    this.bus.unwatchUser(userId);
    this.roster.sessionDown(userId).catch(this.failed('session down'));
  }

  // BusDelivery

  room(roomEvent: RoomEvent, frame?: string): void {
    const { roomId, event, authorId, exceptSession, blockedBy } = roomEvent;
    const { hub } = this;
    if (event.type === 'msg' && !this.recent.first(roomId, event.message.seq)) return;
    // Standing and counts changed on any node apply here too.
    if (event.type === 'member.updated') {
      const { role, mutedUntil } = event.member;
      hub.setStanding(roomId, event.member.userId, { role, mutedUntil });
    } else if (event.type === 'room.count') this.roster.noteCount(roomId, event.members);
    if (event.type === 'members.joined') {
      this.deliverArrivals(roomId, event.members, frame ?? JSON.stringify(event), blockedBy);
      return;
    }
    const { blocks } = this.deps;
    const authorBlocks = authorId === undefined ? undefined : blockedBy?.[authorId];
    hub.toRoom(
      roomId,
      event,
      (recipient) =>
        recipient !== exceptSession && !(authorId && blocks.hides(recipient, authorId, event, authorBlocks)),
      frame,
    );
  }

  /** P3: a batch of arrivals, less those who blocked the recipient (one shared frame otherwise). */
  private deliverArrivals(
    roomId: string,
    members: Member[],
    shared: string,
    blockedBy: Record<string, readonly string[]> | undefined,
  ): void {
    const { blocks } = this.deps;
    const blockers = members.filter(
      (member) => blocks.blocksAnyone(member.userId) || (blockedBy?.[member.userId]?.length ?? 0) > 0,
    );
    if (blockers.length === 0) {
      this.hub.toRoomEach(roomId, () => shared);
      return;
    }
    this.hub.toRoomEach(roomId, (recipient) => {
      const hidden = (member: Member) =>
        blocks.blocks(member.userId, recipient) || (blockedBy?.[member.userId]?.includes(recipient) ?? false);
      if (!blockers.some(hidden)) return shared;
      const visible = members.filter((member) => !hidden(member));
      return visible.length === 0
        ? null
        : JSON.stringify({ type: 'members.joined', roomId, members: visible } satisfies ServerMessage);
    });
  }

  user({ userId, event }: UserEvent): void {
    this.hub.toSession(userId, event);
  }

  global(event: ServerMessage): void {
    if (event.type === 'room.count') this.roster.noteCount(event.roomId, event.members);
    this.hub.toEveryone(event);
  }

  control(event: ControlEvent): void {
    if (event.op === 'remove') this.hub.remove(event.roomId, event.sessionId);
    else if (event.op === 'end') this.hub.endSession(event.sessionId, event.closeCode);
    else this.deps.reload(event.what).catch(this.failed(`reload ${event.what}`));
  }

  close(): void {
    this.arrivals.close();
  }
}
