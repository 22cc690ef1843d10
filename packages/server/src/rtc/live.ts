import type { CamAccess, CamInfo, IceServer, VoiceParticipant } from '@salon/protocol';
import type { Subscriber } from '../chat/hub.js';
import type { RoomDirectory } from '../chat/directory.js';
import { SalonError } from '../errors.js';
import { Calls } from './calls.js';
import { Cams, LIVE_WAIT_MS } from './cams.js';
import { LiveCore, mediaError, type LiveDeps } from './core.js';
import type { IceCandidate } from './media-server.js';
import { checkClientCandidate, checkClientSdp } from './sdp.js';
import { turnServers } from './turn.js';
import { Voice } from './voice.js';

export interface LiveServiceDeps extends LiveDeps {
  rooms: RoomDirectory;
  /** The other person of an accepted private conversation of `userId`, or CALL_STATE. */
  callPeer(userId: string, conversationId: string): Promise<string>;
}

export interface LiveConfigView {
  available: boolean;
  reason: string | null;
  iceServers: IceServer[];
  camLimit: number;
  speakerLimit: number;
}

/** Every live stream, for staff (V4). */
export interface LiveStreamView {
  roomId: string;
  userId: string;
  media: 'cam' | 'voice';
  viewers: number;
  startedAt: number;
}

const notInRoom = () => new SalonError('NOT_IN_ROOM', 'Join the room first.');
const forbidden = () => new SalonError('FORBIDDEN', 'Only the room’s moderators can do this.');

/**
 * V1–V4: live webcam, voice rooms and private video calls. The browser only ever talks to Salon
 * (signalling) and to the media server (media); never to another browser.
 */
export class LiveService {
  readonly core: LiveCore;
  readonly cams: Cams;
  readonly voice: Voice;
  readonly calls: Calls;

  constructor(private readonly deps: LiveServiceDeps) {
    this.core = new LiveCore(deps);
    this.cams = new Cams(this.core, (userId) => deps.hub.card(userId));
    this.voice = new Voice(this.core);
    this.calls = new Calls(this.core, this.cams);
  }

  config(userId: string): LiveConfigView {
    const { live } = this.deps.config;
    const available = this.core.available;
    return {
      available,
      reason: available ? null : (this.deps.media.offReason ?? 'media-server-down'),
      iceServers: available ? turnServers(live.turn, userId, this.deps.clock.now()) : [],
      camLimit: live.camLimit,
      speakerLimit: live.speakerLimit,
    };
  }

  private member(userId: string, roomId: string): void {
    if (!this.deps.hub.isMember(roomId, userId)) throw notInRoom();
  }

  private moderator(userId: string, roomId: string): void {
    const role = this.deps.hub.standing(roomId, userId)?.role;
    if (role !== 'owner' && role !== 'moderator') throw forbidden();
  }

  private run<T>(roomId: string, task: () => Promise<T>): Promise<T> {
    return this.core.queue.run(roomId, task);
  }

  roomState(userId: string, roomId: string): { cams: CamInfo[]; voice: VoiceParticipant[] } {
    this.member(userId, roomId);
    return { cams: this.cams.list(roomId, userId), voice: this.voice.participants(roomId) };
  }

  /** V2: my camera in a room I am in, or in an active call of one of my conversations. */
  startCam(owner: Subscriber, roomId: string, access: CamAccess, sdp: string) {
    const offer = checkClientSdp(sdp);
    return this.run(roomId, async () => {
      if (this.deps.hub.isMember(roomId, owner.sessionId)) {
        const limit = this.deps.config.live.camLimit;
        const { cam, sdp: answer } = await this.cams.start(owner, roomId, access, offer, {
          call: false,
          limit,
        });
        return { streamId: cam.stream.id, sdp: answer };
      }
      return this.calls.camera(owner, roomId, offer);
    });
  }

  stopCam(owner: Subscriber, roomId: string): Promise<void> {
    return this.run(roomId, () => this.cams.stop(owner, roomId));
  }

  async watch(viewer: Subscriber, roomId: string, userId: string) {
    this.member(viewer.sessionId, roomId);
    // Watching at once (access "room") needs the camera to have reached the media server.
    if (this.cams.cam(roomId, userId)?.access === 'room') await this.untilLive(roomId, userId);
    return this.run(roomId, () => this.cams.watch(viewer, roomId, userId));
  }

  /** A camera just turned on may still be connecting: waits for it, outside the room's queue. */
  private async untilLive(roomId: string, userId: string): Promise<void> {
    await this.cams.cam(roomId, userId)?.live(LIVE_WAIT_MS);
  }

  unwatch(viewer: Subscriber, roomId: string, userId: string): Promise<void> {
    return this.run(roomId, () => this.cams.unwatch(viewer, roomId, userId));
  }

  async decide(owner: Subscriber, roomId: string, viewerId: string, allow: boolean): Promise<void> {
    if (allow) await this.untilLive(roomId, owner.sessionId);
    return this.run(roomId, async () => {
      // Only the broadcaster learns anything here (whether the viewer is still in the room).
      this.cams.ownCam(owner, roomId);
      if (allow) this.member(viewerId, roomId);
      await this.cams.decide(owner, roomId, viewerId, allow);
    });
  }

  removeViewer(owner: Subscriber, roomId: string, viewerId: string): Promise<void> {
    return this.run(roomId, () => this.cams.removeViewer(owner, roomId, viewerId));
  }

  /** The browser's answer to the media server's offer for a camera it watches. */
  async answer(owner: Subscriber, streamId: string, sdp: string): Promise<void> {
    const stream = this.core.own(owner, streamId);
    if (!stream.accept) throw new SalonError('RTC_INVALID', 'This stream takes no answer.');
    await stream.accept(checkClientSdp(sdp)).catch((error: unknown) => {
      throw mediaError(error);
    });
  }

  /** V3: a candidate of the browser, for one of its own streams: it goes to the media server only. */
  async candidate(owner: Subscriber, streamId: string, candidate: IceCandidate | null): Promise<void> {
    const stream = this.core.own(owner, streamId);
    await stream.leg.trickle(checkClientCandidate(candidate)).catch((error: unknown) => {
      throw mediaError(error);
    });
  }

  async joinVoice(owner: Subscriber, roomId: string, sdp: string) {
    this.member(owner.sessionId, roomId);
    const room = await this.deps.rooms.room(roomId);
    if (!room.voice) throw new SalonError('FORBIDDEN', 'This is not a voice room.');
    const offer = checkClientSdp(sdp);
    return this.run(roomId, async () => {
      const { stream, sdp: answer } = await this.voice.join(owner, roomId, offer);
      return { streamId: stream.id, sdp: answer };
    });
  }

  leaveVoice(owner: Subscriber, roomId: string): Promise<void> {
    return this.run(roomId, () => this.voice.leave(owner, roomId));
  }

  speak(owner: Subscriber, roomId: string, on: boolean): Promise<void> {
    const limit = this.deps.config.live.speakerLimit;
    return this.run(roomId, () => this.voice.speak(owner, roomId, on, limit));
  }

  /** V1: a room moderator mutes someone in the voice. */
  muteVoice(moderatorId: string, roomId: string, userId: string): Promise<void> {
    this.moderator(moderatorId, roomId);
    return this.run(roomId, async () => {
      if (!(await this.voice.mute(roomId, userId))) {
        throw new SalonError('STREAM_NOT_FOUND', 'This person is not in the voice.');
      }
    });
  }

  /** V4: a room moderator ends someone's camera and voice in the room. */
  endStream(moderatorId: string, roomId: string, userId: string): Promise<void> {
    this.moderator(moderatorId, roomId);
    return this.run(roomId, async () => {
      if (!(await this.endAll(roomId, userId))) {
        throw new SalonError('STREAM_NOT_FOUND', 'This person has no camera or voice on here.');
      }
    });
  }

  private async endAll(roomId: string, userId: string): Promise<boolean> {
    const cam = await this.cams.end(roomId, userId, 'moderator');
    const voice = await this.voice.end(roomId, userId, 'moderator');
    return cam || voice;
  }

  /** V4: staff end a stream (a camera, a voice, or a call in a conversation). */
  staffEnd(roomId: string, userId: string): Promise<boolean> {
    return this.run(roomId, async () => {
      const ended = await this.endAll(roomId, userId);
      return (await this.calls.endFor(roomId)) || ended;
    });
  }

  /** V4: every stream on now, for staff. */
  streams(): LiveStreamView[] {
    const cams: LiveStreamView[] = this.cams.all().map((cam) => ({
      roomId: cam.roomId,
      userId: cam.userId,
      media: 'cam',
      viewers: cam.viewers.size,
      startedAt: cam.stream.startedAt,
    }));
    const voices: LiveStreamView[] = this.voice
      .all()
      .filter((entry) => entry.speaking)
      .map((entry) => ({ ...entry, media: 'voice', viewers: 0 }));
    return [...cams, ...voices];
  }

  /** When a stream on now started (for a report's evidence), or null. */
  streamStarted(roomId: string, userId: string, media: 'cam' | 'voice'): number | null {
    if (media === 'cam') return this.cams.cam(roomId, userId)?.stream.startedAt ?? null;
    return this.voice.entry(roomId, userId)?.stream.startedAt ?? null;
  }

  // ------------------------------------------------------------ calls

  async proposeCall(caller: Subscriber, conversationId: string): Promise<void> {
    const peerId = await this.deps.callPeer(caller.sessionId, conversationId);
    await this.run(conversationId, () => Promise.resolve(this.calls.propose(caller, conversationId, peerId)));
  }

  respondCall(callee: Subscriber, conversationId: string, accept: boolean): Promise<void> {
    return this.run(conversationId, () => this.calls.respond(callee, conversationId, accept));
  }

  endCall(person: Subscriber, conversationId: string): Promise<void> {
    return this.run(conversationId, () => this.calls.end(person, conversationId));
  }

  // ------------------------------------------------------------ what ends streams

  /** The user is no longer a member of the room (left, kicked, banned, grace over). */
  memberLeft(roomId: string, userId: string): void {
    void this.run(roomId, async () => {
      await this.cams.left(roomId, userId);
      await this.voice.end(roomId, userId, 'left');
    }).catch(() => {});
  }

  /** R3: muted in a room: their camera ends and they are muted in the voice. */
  muted(roomId: string, userId: string): Promise<void> {
    return this.run(roomId, async () => {
      await this.cams.end(roomId, userId, 'moderator');
      await this.voice.mute(roomId, userId);
    });
  }

  /** A gateway connection closed: its streams and calls end. */
  async disconnected(owner: Subscriber): Promise<void> {
    await this.calls.disconnected(owner);
    const rooms = new Set(this.core.ownedBy(owner).map((stream) => stream.roomId));
    for (const roomId of rooms) {
      await this.run(roomId, async () => {
        for (const stream of this.core.ownedBy(owner)) {
          if (stream.roomId === roomId) await this.core.close(stream, 'left', false);
        }
      });
    }
    await this.core.disconnected(owner);
  }

  /** P3: `blocker` blocked `blocked`: no camera between them, no call. */
  async blocked(blocker: string, blocked: string): Promise<void> {
    await this.calls.blocked(blocker, blocked);
    for (const roomId of await this.cams.blocked(blocker, blocked)) this.cams.announce(roomId);
  }

  /** P3 lifted: the cameras each may see again. */
  unblocked(a: string, b: string): void {
    for (const roomId of new Set(this.cams.all().map((cam) => cam.roomId))) {
      if (this.deps.hub.isMember(roomId, a) || this.deps.hub.isMember(roomId, b)) this.cams.announce(roomId);
    }
  }

  /** The media server went away: every stream ends; calls end too. */
  async mediaLost(): Promise<void> {
    await this.calls.endAll();
    await this.core.reset();
  }

  async close(): Promise<void> {
    await this.core.closeAll();
  }
}
