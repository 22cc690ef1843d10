import type { CamAccess, CamInfo, UserCard } from '@salon/protocol';
import type { Subscriber } from '../chat/hub.js';
import { SalonError } from '../errors.js';
import { mediaError, type CloseReason, type LiveCore, type Stream } from './core.js';

/** A camera on in a room or a call (V2). */
export interface Cam {
  readonly roomId: string;
  readonly userId: string;
  readonly access: CamAccess;
  readonly stream: Stream;
  readonly feedId: string;
  /** Resolves true once the camera reaches the media server (false: not within `ms`). */
  readonly live: (ms: number) => Promise<boolean>;
  /** The camera reaches the media server now (it can be watched). */
  readonly isLive: () => boolean;
  /** A private call's camera: watched only by the other person, without asking. */
  readonly call: boolean;
  /** Who asked to watch and waits for the broadcaster (viewer → the connection that asked). */
  readonly pending: Map<string, Subscriber>;
  /** Who watches now. */
  readonly viewers: Map<string, Stream>;
  /** Viewers the broadcaster removed: they must ask again, whatever the access. */
  readonly removed: Set<string>;
}

/** How long a viewer waits for a camera that was just turned on to reach the media server. */
export const LIVE_WAIT_MS = 10_000;

const notFound = () => new SalonError('STREAM_NOT_FOUND', 'This camera is not on (any more).');

export function camRoom(roomId: string): string {
  return `cam-${roomId}`;
}

/** V2: cameras in rooms and calls, who asks to watch them, who watches. */
export class Cams {
  private readonly rooms = new Map<string, Map<string, Cam>>();

  constructor(
    private readonly core: LiveCore,
    private readonly card: (userId: string) => UserCard | null,
  ) {}

  cam(roomId: string, userId: string): Cam | null {
    return this.rooms.get(roomId)?.get(userId) ?? null;
  }

  camsIn(roomId: string): Cam[] {
    return [...(this.rooms.get(roomId)?.values() ?? [])];
  }

  /** The cameras of a room as `viewerId` may see them: never one of someone blocking them (P3). */
  list(roomId: string, viewerId: string): CamInfo[] {
    return this.camsIn(roomId)
      .filter((cam) => !cam.call && !this.core.blocked(cam.userId, viewerId))
      .map((cam) => ({ userId: cam.userId, access: cam.access }));
  }

  /** Tells every member of the room which cameras they may see. */
  announce(roomId: string): void {
    this.core.deps.hub.toRoomEach(roomId, (recipient) =>
      JSON.stringify({ type: 'live.cams', roomId, cams: this.list(roomId, recipient) }),
    );
  }

  /** Turns a camera on: the browser's offer goes to the media server, its answer comes back. */
  async start(
    owner: Subscriber,
    roomId: string,
    access: CamAccess,
    offer: string,
    options: { call: boolean; limit: number },
  ): Promise<{ cam: Cam; sdp: string }> {
    const userId = owner.sessionId;
    const previous = this.cam(roomId, userId);
    if (previous) await this.core.close(previous.stream, 'stopped');
    const cams = this.rooms.get(roomId);
    if (cams && cams.size >= options.limit) {
      throw new SalonError('CAM_LIMIT', `At most ${options.limit} cameras can be on in this room.`);
    }
    const media = this.core.media();
    await media.ensureCamRoom(camRoom(roomId), options.limit).catch((error: unknown) => {
      throw mediaError(error);
    });
    const { stream, leg } = await this.core.open(owner, { roomId, role: 'cam', of: userId }, (peer) =>
      peer.publish(camRoom(roomId), offer),
    );
    const cam: Cam = {
      roomId,
      userId,
      access,
      stream,
      feedId: leg.feedId,
      live: (ms) => leg.whenLive(ms),
      isLive: () => leg.isLive,
      call: options.call,
      pending: new Map(),
      viewers: new Map(),
      removed: new Set(),
    };
    stream.forget = (reason) => this.forget(cam, reason);
    const room = this.rooms.get(roomId) ?? new Map<string, Cam>();
    room.set(userId, cam);
    this.rooms.set(roomId, room);
    if (!cam.call) this.announce(roomId);
    return { cam, sdp: this.core.outgoingSdp(leg.answer) };
  }

  /** The camera ended: its viewers' streams end, waiting viewers are forgotten. */
  private forget(cam: Cam, reason: CloseReason): void {
    const room = this.rooms.get(cam.roomId);
    if (room?.get(cam.userId) !== cam) return;
    room.delete(cam.userId);
    const viewerReason: CloseReason = reason === 'moderator' ? 'moderator' : 'stopped';
    for (const viewer of cam.viewers.values()) void this.core.close(viewer, viewerReason);
    cam.viewers.clear();
    cam.pending.clear();
    if (room.size === 0) {
      this.rooms.delete(cam.roomId);
      void this.core.queue
        .run(cam.roomId, async () => {
          if (!this.rooms.has(cam.roomId)) await this.core.media().destroyRoom('cam', camRoom(cam.roomId));
        })
        .catch(() => {});
    }
    if (!cam.call) this.announce(cam.roomId);
  }

  /**
   * V2: asks to watch. With access "room" (and not removed) the viewer gets the media server's
   * offer at once (`cam.offer`); otherwise the broadcaster is asked.
   */
  async watch(viewer: Subscriber, roomId: string, userId: string): Promise<{ pending: boolean }> {
    const viewerId = viewer.sessionId;
    const cam = this.cam(roomId, userId);
    if (!cam || cam.call || viewerId === userId || this.core.blocked(userId, viewerId)) throw notFound();
    const current = cam.viewers.get(viewerId);
    if (current) await this.core.close(current, 'stopped', false);
    if (cam.access === 'room' && !cam.removed.has(viewerId)) {
      await this.subscribe(cam, viewer);
      return { pending: false };
    }
    cam.pending.set(viewerId, viewer);
    this.sendViewers(cam);
    return { pending: true };
  }

  /** Sends `viewer` the media server's offer for this camera; the browser answers with `rtc.answer`. */
  async subscribe(cam: Cam, viewer: Subscriber): Promise<void> {
    const viewerId = viewer.sessionId;
    // A camera can be watched once it reaches the media server: callers wait for that first,
    // outside the room's queue (see LiveService.watch).
    if (!cam.isLive() || cam.stream.closed) throw notFound();
    const { stream, leg } = await this.core.open(
      viewer,
      { roomId: cam.roomId, role: 'watch', of: cam.userId },
      (peer) => peer.watch(camRoom(cam.roomId), cam.feedId),
    );
    if (cam.stream.closed) {
      await this.core.close(stream, 'stopped');
      return;
    }
    stream.accept = (answer) => leg.start(answer);
    stream.forget = () => {
      if (cam.viewers.get(viewerId) === stream) cam.viewers.delete(viewerId);
      if (!cam.stream.closed) this.sendViewers(cam);
    };
    cam.viewers.set(viewerId, stream);
    this.core.send(viewer, {
      type: 'cam.offer',
      roomId: cam.roomId,
      userId: cam.userId,
      streamId: stream.id,
      sdp: this.core.outgoingSdp(leg.offer),
    });
    this.sendViewers(cam);
  }

  /** V2: the broadcaster sees who asks and who watches. */
  sendViewers(cam: Cam): void {
    const cards = (ids: Iterable<string>) =>
      [...ids].map((id) => this.card(id)).filter((card): card is UserCard => card !== null);
    this.core.send(cam.stream.owner, {
      type: 'cam.viewers',
      roomId: cam.roomId,
      pending: cards(cam.pending.keys()),
      viewers: cards(cam.viewers.keys()),
    });
  }

  /** V2: the broadcaster's answer to a viewer who asked. */
  async decide(owner: Subscriber, roomId: string, viewerId: string, allow: boolean): Promise<void> {
    const cam = this.ownCam(owner, roomId);
    const viewer = cam.pending.get(viewerId);
    if (!viewer) throw new SalonError('USER_NOT_FOUND', 'This person is no longer asking to watch.');
    cam.pending.delete(viewerId);
    if (allow && !this.core.blocked(cam.userId, viewerId)) {
      cam.removed.delete(viewerId);
      await this.subscribe(cam, viewer);
    } else {
      this.core.send(viewer, { type: 'cam.refused', roomId, userId: cam.userId });
      this.sendViewers(cam);
    }
  }

  /** The viewer stops watching (or stops asking). */
  async unwatch(viewer: Subscriber, roomId: string, userId: string): Promise<void> {
    const cam = this.cam(roomId, userId);
    const asked = cam?.pending.get(viewer.sessionId) === viewer;
    const stream = cam?.viewers.get(viewer.sessionId);
    const watching = stream !== undefined && stream.owner === viewer;
    if (!cam || (!asked && !watching)) throw notFound();
    if (asked) {
      cam.pending.delete(viewer.sessionId);
      this.sendViewers(cam);
    }
    if (watching) await this.core.close(stream, 'stopped', false);
  }

  /** V2: the broadcaster removes a viewer; they would have to ask again. */
  async removeViewer(owner: Subscriber, roomId: string, viewerId: string): Promise<void> {
    const cam = this.ownCam(owner, roomId);
    cam.removed.add(viewerId);
    const waiting = cam.pending.get(viewerId);
    cam.pending.delete(viewerId);
    if (waiting) this.core.send(waiting, { type: 'cam.refused', roomId, userId: cam.userId });
    const stream = cam.viewers.get(viewerId);
    if (stream) await this.core.close(stream, 'removed');
    this.sendViewers(cam);
  }

  async stop(owner: Subscriber, roomId: string): Promise<void> {
    await this.core.close(this.ownCam(owner, roomId).stream, 'stopped', false);
  }

  /** Ends a camera for a reason its broadcaster is told (V4 moderator, P3 block, left the room). */
  async end(roomId: string, userId: string, reason: CloseReason): Promise<boolean> {
    const cam = this.cam(roomId, userId);
    if (!cam) return false;
    await this.core.close(cam.stream, reason);
    return true;
  }

  /** The user left the room: their camera ends, they stop watching and asking there. */
  async left(roomId: string, userId: string): Promise<void> {
    await this.end(roomId, userId, 'left');
    for (const cam of this.camsIn(roomId)) {
      if (cam.pending.delete(userId)) this.sendViewers(cam);
      const stream = cam.viewers.get(userId);
      if (stream) await this.core.close(stream, 'left');
    }
  }

  /** P3: the blocked user stops watching or asking for the blocker's camera, and the reverse. */
  async blocked(a: string, b: string): Promise<string[]> {
    const touched: string[] = [];
    for (const [roomId, room] of [...this.rooms]) {
      for (const [broadcaster, other] of [
        [a, b],
        [b, a],
      ] as const) {
        const cam = room.get(broadcaster);
        if (!cam) continue;
        if (cam.call) continue; // calls end as a whole (calls.ts)
        const stream = cam.viewers.get(other);
        if (stream) await this.core.close(stream, 'blocked');
        if (cam.pending.delete(other)) this.sendViewers(cam);
        touched.push(roomId);
      }
    }
    return touched;
  }

  /** My camera in this room (on this connection), or STREAM_NOT_FOUND. */
  ownCam(owner: Subscriber, roomId: string): Cam {
    const cam = this.cam(roomId, owner.sessionId);
    if (!cam || cam.stream.owner !== owner) throw notFound();
    return cam;
  }

  /** Every camera on, for staff (V4). */
  all(): Cam[] {
    return [...this.rooms.values()].flatMap((room) => [...room.values()]);
  }
}
