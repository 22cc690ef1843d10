import type { CamAccess, IceCandidateShape } from '@salon/protocol';
import type { Connection } from '../net/connection.js';
import { ConnectionLostError, RequestError } from '../net/errors.js';
import { isLivePush, type LivePush } from '../net/frames.js';
import { localSdp, mediaConnection } from './rtc.js';
import { initialLiveState, watchKey, without, type LiveState, type MyCam } from './state.js';

type StreamKind = 'cam' | 'watch' | 'voice';

interface Leg {
  pc: RTCPeerConnection;
  kind: StreamKind;
  /** roomId for cam and voice; the watch key for watch. */
  key: string;
  /** The server's id, once known; candidates wait for it. */
  streamId: string | null;
  /** Candidates gathered after the SDP went out, waiting for the stream id. */
  later: (IceCandidateShape | null)[];
  sdpSent: boolean;
}

/**
 * Live webcam, voice and calls in this browser (V1–V4). Every RTCPeerConnection goes to the
 * media server; Salon carries the signalling. React renders `getState()` snapshots; media
 * elements read the streams with `localStream`, `remoteStream` and `voiceStream`.
 */
export class LiveClient {
  private state: LiveState = initialLiveState;
  private readonly listeners = new Set<() => void>();
  private readonly legs = new Set<Leg>();
  private readonly local = new Map<string, MediaStream>();
  private readonly remote = new Map<string, MediaStream>();
  private readonly voiceAudio = new Map<string, MediaStream>();
  private readonly voiceMic = new Map<string, MediaStream>();
  /** Conversations whose call this tab took (proposed or answered). */
  private readonly myCalls = new Set<string>();
  private readonly unsubscribe: (() => void)[] = [];
  private errorKey = 0;

  constructor(
    private readonly connection: Connection,
    private readonly myUserId: string,
    private readonly media: Pick<MediaDevices, 'getUserMedia'> | null = globalThis.navigator?.mediaDevices ??
      null,
  ) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): LiveState => this.state;

  private set(changes: Partial<LiveState>): void {
    this.state = { ...this.state, ...changes };
    for (const listener of this.listeners) listener();
  }

  private mediaChanged(): void {
    this.set({ mediaVersion: this.state.mediaVersion + 1 });
  }

  start(): void {
    this.unsubscribe.push(
      this.connection.on('push', (message) => {
        if (isLivePush(message)) this.onPush(message);
      }),
      this.connection.on('ready', () => {
        // A new socket: the server ended every stream of the old one.
        this.dropAll();
        void this.loadConfig();
        for (const roomId of Object.keys(this.state.rooms)) void this.loadRoom(roomId);
      }),
    );
    if (this.connection.isReady) void this.loadConfig();
  }

  dispose(): void {
    for (const off of this.unsubscribe.splice(0)) off();
    this.dropAll();
  }

  localStream(roomId: string): MediaStream | null {
    return this.local.get(roomId) ?? null;
  }

  remoteStream(roomId: string, userId: string): MediaStream | null {
    return this.remote.get(watchKey(roomId, userId)) ?? null;
  }

  voiceStream(roomId: string): MediaStream | null {
    return this.voiceAudio.get(roomId) ?? null;
  }

  dismissError(): void {
    this.set({ error: null });
  }

  private fail(error: unknown): void {
    let code: string = 'UNKNOWN';
    if (error instanceof RequestError) code = error.code;
    else if (error instanceof ConnectionLostError) code = 'NETWORK';
    else if (
      error instanceof DOMException &&
      (error.name === 'NotAllowedError' || error.name === 'NotFoundError')
    )
      code = 'DEVICE';
    else console.error(error);
    this.errorKey += 1;
    this.set({ error: { code, key: this.errorKey } });
  }

  async loadConfig(): Promise<void> {
    try {
      const reply = await this.connection.request({ type: 'live.config' });
      const { available, reason, iceServers, camLimit, speakerLimit } = reply;
      this.set({ config: { available, reason, iceServers, camLimit, speakerLimit } });
    } catch (error) {
      if (!(error instanceof ConnectionLostError)) this.fail(error);
    }
  }

  /** The cameras and voice of a room I just joined. */
  async loadRoom(roomId: string): Promise<void> {
    try {
      const reply = await this.connection.request({ type: 'live.room', roomId });
      this.set({ rooms: { ...this.state.rooms, [roomId]: { cams: reply.cams, voice: reply.voice } } });
    } catch {
      // Not in the room (any more): nothing to show.
    }
  }

  forgetRoom(roomId: string): void {
    if (this.state.calls[roomId]) void this.endCall(roomId);
    for (const leg of [...this.legs]) {
      if (leg.key === roomId || leg.key.startsWith(`${roomId}\n`)) this.closeLeg(leg);
    }
    this.set({
      rooms: without(this.state.rooms, roomId),
      myCams: without(this.state.myCams, roomId),
      voice: without(this.state.voice, roomId),
      watching: Object.fromEntries(
        Object.entries(this.state.watching).filter(([, w]) => w.roomId !== roomId),
      ),
    });
  }

  // ------------------------------------------------------------ connections to the media server

  private newLeg(kind: StreamKind, key: string): Leg {
    const pc = mediaConnection(this.state.config?.iceServers ?? []);
    const leg: Leg = { pc, kind, key, streamId: null, later: [], sdpSent: false };
    pc.onicecandidate = (event) => {
      if (!leg.sdpSent) return; // still in the SDP
      this.trickle(leg, event.candidate ? event.candidate.toJSON() : null);
    };
    this.legs.add(leg);
    return leg;
  }

  private trickle(leg: Leg, candidate: RTCIceCandidateInit | null): void {
    const shaped: IceCandidateShape | null =
      candidate && candidate.candidate
        ? {
            candidate: candidate.candidate,
            sdpMid: candidate.sdpMid ?? null,
            sdpMLineIndex: candidate.sdpMLineIndex ?? null,
          }
        : null;
    if (leg.streamId === null) {
      leg.later.push(shaped);
      return;
    }
    void this.connection
      .request({ type: 'rtc.candidate', streamId: leg.streamId, candidate: shaped })
      .catch(() => {});
  }

  /** The server named the stream: candidates gathered meanwhile follow. */
  private named(leg: Leg, streamId: string): void {
    leg.streamId = streamId;
    const later = leg.later.splice(0);
    for (const candidate of later) this.trickle(leg, candidate);
    if (later.length === 0 && leg.pc.iceGatheringState === 'complete') this.trickle(leg, null);
  }

  private closeLeg(leg: Leg): void {
    if (!this.legs.delete(leg)) return;
    leg.pc.onicecandidate = null;
    leg.pc.ontrack = null;
    leg.pc.close();
    if (leg.kind === 'cam') this.stopTracks(this.local, leg.key);
    if (leg.kind === 'watch') this.remote.delete(leg.key);
    if (leg.kind === 'voice') {
      this.voiceAudio.delete(leg.key);
      this.stopTracks(this.voiceMic, leg.key);
    }
    this.mediaChanged();
  }

  private stopTracks(map: Map<string, MediaStream>, key: string): void {
    for (const track of map.get(key)?.getTracks() ?? []) track.stop();
    map.delete(key);
  }

  private legFor(kind: StreamKind, key: string): Leg | null {
    for (const leg of this.legs) if (leg.kind === kind && leg.key === key) return leg;
    return null;
  }

  private legById(streamId: string): Leg | null {
    for (const leg of this.legs) if (leg.streamId === streamId) return leg;
    return null;
  }

  private dropAll(): void {
    for (const leg of [...this.legs]) this.closeLeg(leg);
    this.myCalls.clear();
    this.set({ myCams: {}, watching: {}, voice: {}, calls: {} });
  }

  private device(constraints: MediaStreamConstraints): Promise<MediaStream> {
    if (!this.media) return Promise.reject(new DOMException('no media devices', 'NotFoundError'));
    return this.media.getUserMedia(constraints);
  }

  // ------------------------------------------------------------ my camera (V2)

  /** Turns my camera on in a room (or in an active call: `roomId` is the conversation). */
  async startCam(roomId: string, access: CamAccess): Promise<boolean> {
    if (this.state.myCams[roomId]) return true;
    this.set({
      myCams: { ...this.state.myCams, [roomId]: { access, phase: 'starting', pending: [], viewers: [] } },
    });
    let leg: Leg | null = null;
    try {
      const camera = await this.device({ video: { width: 640, height: 480 }, audio: true });
      this.local.set(roomId, camera);
      leg = this.newLeg('cam', roomId);
      for (const track of camera.getTracks())
        leg.pc.addTransceiver(track, { direction: 'sendonly', streams: [camera] });
      await leg.pc.setLocalDescription(await leg.pc.createOffer());
      const sdp = await localSdp(leg.pc);
      leg.sdpSent = true;
      const reply = await this.connection.request({ type: 'cam.start', roomId, access, sdp });
      this.named(leg, reply.streamId);
      await leg.pc.setRemoteDescription({ type: 'answer', sdp: reply.sdp });
      this.camPhase(roomId, 'on');
      this.mediaChanged();
      return true;
    } catch (error) {
      if (leg) this.closeLeg(leg);
      else this.stopTracks(this.local, roomId);
      this.set({ myCams: without(this.state.myCams, roomId) });
      this.fail(error);
      return false;
    }
  }

  private camPhase(roomId: string, phase: MyCam['phase']): void {
    const mine = this.state.myCams[roomId];
    if (mine === undefined) return;
    const next: MyCam = { access: mine.access, pending: mine.pending, viewers: mine.viewers, phase };
    this.set({ myCams: { ...this.state.myCams, [roomId]: next } });
  }

  async stopCam(roomId: string): Promise<void> {
    const leg = this.legFor('cam', roomId);
    if (leg) this.closeLeg(leg);
    this.set({ myCams: without(this.state.myCams, roomId) });
    await this.connection.request({ type: 'cam.stop', roomId }).catch(() => {});
  }

  /** V2: lets a viewer who asked watch my camera, or refuses. */
  async decide(roomId: string, userId: string, allow: boolean): Promise<void> {
    try {
      await this.connection.request({ type: 'cam.decide', roomId, userId, allow });
    } catch (error) {
      this.fail(error);
    }
  }

  async removeViewer(roomId: string, userId: string): Promise<void> {
    try {
      await this.connection.request({ type: 'cam.remove', roomId, userId });
    } catch (error) {
      this.fail(error);
    }
  }

  // ------------------------------------------------------------ watching (V2)

  async watch(roomId: string, userId: string): Promise<void> {
    const key = watchKey(roomId, userId);
    this.set({
      watching: { ...this.state.watching, [key]: { roomId, userId, phase: 'asking', reason: null } },
    });
    try {
      const reply = await this.connection.request({ type: 'cam.watch', roomId, userId });
      const current = this.state.watching[key];
      if (!reply.pending && current?.phase === 'asking') {
        this.set({ watching: { ...this.state.watching, [key]: { ...current, phase: 'connecting' } } });
      }
    } catch (error) {
      this.set({ watching: without(this.state.watching, key) });
      this.fail(error);
    }
  }

  async unwatch(roomId: string, userId: string): Promise<void> {
    const key = watchKey(roomId, userId);
    const leg = this.legFor('watch', key);
    if (leg) this.closeLeg(leg);
    this.set({ watching: without(this.state.watching, key) });
    await this.connection.request({ type: 'cam.unwatch', roomId, userId }).catch(() => {});
  }

  /** The media server offers me a camera (after `watch`, an approval, or in a call). */
  private async onOffer(roomId: string, userId: string, streamId: string, offer: string): Promise<void> {
    const key = watchKey(roomId, userId);
    const previous = this.legFor('watch', key);
    if (previous) this.closeLeg(previous);
    this.set({
      watching: { ...this.state.watching, [key]: { roomId, userId, phase: 'connecting', reason: null } },
    });
    const leg = this.newLeg('watch', key);
    leg.streamId = streamId;
    leg.pc.ontrack = (event) => {
      const stream = event.streams[0] ?? new MediaStream([event.track]);
      this.remote.set(key, stream);
      const current = this.state.watching[key];
      if (current) this.set({ watching: { ...this.state.watching, [key]: { ...current, phase: 'on' } } });
      this.mediaChanged();
    };
    try {
      await leg.pc.setRemoteDescription({ type: 'offer', sdp: offer });
      await leg.pc.setLocalDescription(await leg.pc.createAnswer());
      const sdp = await localSdp(leg.pc);
      leg.sdpSent = true;
      await this.connection.request({ type: 'rtc.answer', streamId, sdp });
      if (leg.pc.iceGatheringState === 'complete') this.trickle(leg, null);
    } catch (error) {
      this.closeLeg(leg);
      this.set({ watching: without(this.state.watching, key) });
      this.fail(error);
    }
  }

  // ------------------------------------------------------------ voice (V1)

  async joinVoice(roomId: string): Promise<boolean> {
    if (this.state.voice[roomId]) return true;
    this.set({ voice: { ...this.state.voice, [roomId]: { phase: 'joining', speaking: false } } });
    let leg: Leg | null = null;
    try {
      const mic = await this.device({ audio: true, video: false });
      // Nothing leaves this browser until I unmute.
      for (const track of mic.getAudioTracks()) track.enabled = false;
      this.voiceMic.set(roomId, mic);
      leg = this.newLeg('voice', roomId);
      const own = leg;
      for (const track of mic.getAudioTracks())
        leg.pc.addTransceiver(track, { direction: 'sendrecv', streams: [mic] });
      leg.pc.ontrack = (event) => {
        this.voiceAudio.set(roomId, event.streams[0] ?? new MediaStream([event.track]));
        if (this.legs.has(own)) this.mediaChanged();
      };
      await leg.pc.setLocalDescription(await leg.pc.createOffer());
      const sdp = await localSdp(leg.pc);
      leg.sdpSent = true;
      const reply = await this.connection.request({ type: 'voice.join', roomId, sdp });
      this.named(leg, reply.streamId);
      await leg.pc.setRemoteDescription({ type: 'answer', sdp: reply.sdp });
      this.set({ voice: { ...this.state.voice, [roomId]: { phase: 'on', speaking: false } } });
      return true;
    } catch (error) {
      if (leg) this.closeLeg(leg);
      else this.stopTracks(this.voiceMic, roomId);
      this.set({ voice: without(this.state.voice, roomId) });
      this.fail(error);
      return false;
    }
  }

  async leaveVoice(roomId: string): Promise<void> {
    const leg = this.legFor('voice', roomId);
    if (leg) this.closeLeg(leg);
    this.set({ voice: without(this.state.voice, roomId) });
    await this.connection.request({ type: 'voice.leave', roomId }).catch(() => {});
  }

  async setSpeaking(roomId: string, on: boolean): Promise<void> {
    const mine = this.state.voice[roomId];
    if (!mine) return;
    try {
      if (!on) this.micEnabled(roomId, false);
      await this.connection.request({ type: 'voice.speak', roomId, on });
      if (on) this.micEnabled(roomId, true);
      const now = this.state.voice[roomId];
      if (now) this.set({ voice: { ...this.state.voice, [roomId]: { ...now, speaking: on } } });
    } catch (error) {
      this.fail(error);
    }
  }

  private micEnabled(roomId: string, enabled: boolean): void {
    for (const track of this.voiceMic.get(roomId)?.getAudioTracks() ?? []) track.enabled = enabled;
  }

  // ------------------------------------------------------------ moderation (V1, V4)

  async muteVoice(roomId: string, userId: string): Promise<void> {
    try {
      await this.connection.request({ type: 'voice.mute', roomId, userId });
    } catch (error) {
      this.fail(error);
    }
  }

  async endStream(roomId: string, userId: string): Promise<void> {
    try {
      await this.connection.request({ type: 'stream.end', roomId, userId });
    } catch (error) {
      this.fail(error);
    }
  }

  // ------------------------------------------------------------ calls (V2)

  async proposeCall(conversationId: string): Promise<void> {
    try {
      this.myCalls.add(conversationId);
      await this.connection.request({ type: 'call.propose', conversationId });
    } catch (error) {
      this.myCalls.delete(conversationId);
      this.fail(error);
    }
  }

  async respondCall(conversationId: string, accept: boolean): Promise<void> {
    try {
      if (accept) this.myCalls.add(conversationId);
      await this.connection.request({ type: 'call.respond', conversationId, accept });
      if (accept) await this.startCam(conversationId, 'room');
    } catch (error) {
      this.myCalls.delete(conversationId);
      this.fail(error);
    }
  }

  async endCall(conversationId: string): Promise<void> {
    await this.connection.request({ type: 'call.end', conversationId }).catch(() => {});
  }

  private endCallHere(conversationId: string): void {
    this.myCalls.delete(conversationId);
    for (const leg of [...this.legs]) {
      if (leg.key === conversationId || leg.key.startsWith(`${conversationId}\n`)) this.closeLeg(leg);
    }
    this.set({
      calls: without(this.state.calls, conversationId),
      myCams: without(this.state.myCams, conversationId),
      watching: Object.fromEntries(
        Object.entries(this.state.watching).filter(([, w]) => w.roomId !== conversationId),
      ),
    });
  }

  // ------------------------------------------------------------ what the server pushes

  private onPush(message: LivePush): void {
    switch (message.type) {
      case 'live.cams': {
        const room = this.state.rooms[message.roomId] ?? { cams: [], voice: [] };
        this.set({ rooms: { ...this.state.rooms, [message.roomId]: { ...room, cams: message.cams } } });
        return;
      }
      case 'voice.state': {
        const room = this.state.rooms[message.roomId] ?? { cams: [], voice: [] };
        this.set({
          rooms: { ...this.state.rooms, [message.roomId]: { ...room, voice: message.participants } },
        });
        const mine = this.state.voice[message.roomId];
        const me = message.participants.find((p) => p.userId === this.myUserId);
        // A moderator muted me: my microphone stops too.
        if (mine && me && mine.speaking && !me.speaking) {
          this.micEnabled(message.roomId, false);
          this.set({ voice: { ...this.state.voice, [message.roomId]: { ...mine, speaking: false } } });
        }
        return;
      }
      case 'cam.offer':
        void this.onOffer(message.roomId, message.userId, message.streamId, message.sdp);
        return;
      case 'cam.refused': {
        const key = watchKey(message.roomId, message.userId);
        const current = this.state.watching[key];
        if (current)
          this.set({ watching: { ...this.state.watching, [key]: { ...current, phase: 'refused' } } });
        return;
      }
      case 'cam.viewers': {
        const mine = this.state.myCams[message.roomId];
        if (!mine) return;
        const { pending, viewers } = message;
        this.set({ myCams: { ...this.state.myCams, [message.roomId]: { ...mine, pending, viewers } } });
        return;
      }
      case 'stream.closed':
        this.onClosed(message);
        return;
      case 'call.state':
        this.onCall(message);
        return;
    }
  }

  private onClosed(message: Extract<LivePush, { type: 'stream.closed' }>): void {
    const leg = this.legById(message.streamId);
    if (leg) this.closeLeg(leg);
    const { roomId, userId, reason } = message;
    if (leg?.kind === 'cam' || (userId === this.myUserId && this.state.myCams[roomId])) {
      this.set({ myCams: without(this.state.myCams, roomId) });
      if (reason === 'moderator') this.fail(new RequestError('FORBIDDEN', 'ended by a moderator'));
    } else if (leg?.kind === 'voice') {
      this.set({ voice: without(this.state.voice, roomId) });
    } else {
      const key = watchKey(roomId, userId);
      const current = this.state.watching[key];
      if (current) {
        this.set({ watching: { ...this.state.watching, [key]: { ...current, phase: 'ended', reason } } });
      }
    }
  }

  private onCall(message: Extract<LivePush, { type: 'call.state' }>): void {
    const { conversationId, state, from } = message;
    if (state === 'ended') {
      this.endCallHere(conversationId);
      return;
    }
    this.set({ calls: { ...this.state.calls, [conversationId]: { state, from } } });
    // The caller's tab sends its camera once the other person accepted.
    if (state === 'active' && from === this.myUserId && this.myCalls.has(conversationId)) {
      void this.startCam(conversationId, 'room');
    }
  }
}
