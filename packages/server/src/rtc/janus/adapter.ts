import { randomBytes } from 'node:crypto';
import type {
  IceCandidate,
  MediaLeg,
  MediaPeer,
  MediaServer,
  PublishedLeg,
  VoiceLeg,
  WatchingLeg,
} from '../media-server.js';
import { JanusError, JanusSocket, type JanusFrame } from './client.js';

const VIDEOROOM = 'janus.plugin.videoroom';
const AUDIOBRIDGE = 'janus.plugin.audiobridge';
const ROOM_EXISTS = new Set([427, 486]);
const NO_SUCH_ROOM = new Set([426, 485]);
const KEEPALIVE_MS = 25_000;

export interface JanusEndpoints {
  apiUrl: string;
  adminUrl: string;
  adminSecret: string;
  /** The plugins' admin_key, also each room's secret. */
  roomSecret: string;
}

/** A plugin handle inside a user's Janus session. */
class Handle implements MediaLeg {
  private ended = false;
  private readonly endedListeners: (() => void)[] = [];
  private markUp: () => void = () => {};
  private isUp = false;
  /** Resolves once the browser's WebRTC connection to Janus is up (DTLS done). */
  readonly up = new Promise<void>((resolve) => (this.markUp = resolve));
  pluginListener: (data: Record<string, unknown>) => void = () => {};

  constructor(
    private readonly api: JanusSocket,
    private readonly session: Session,
    readonly id: number,
  ) {
    api.listenHandle(id, (frame) => this.onEvent(frame));
  }

  send(body: Record<string, unknown>, jsep?: JanusFrame['jsep']): Promise<JanusFrame> {
    return this.api.request({
      janus: 'message',
      session_id: this.session.id,
      handle_id: this.id,
      token: this.session.token,
      body,
      ...(jsep ? { jsep } : {}),
    });
  }

  async trickle(candidate: IceCandidate | null): Promise<void> {
    if (this.ended) return;
    await this.api.request(
      {
        janus: 'trickle',
        session_id: this.session.id,
        handle_id: this.id,
        token: this.session.token,
        candidate: candidate ?? { completed: true },
      },
      true,
    );
  }

  async close(): Promise<void> {
    if (this.ended) return;
    this.end();
    await this.api
      .request({
        janus: 'detach',
        session_id: this.session.id,
        handle_id: this.id,
        token: this.session.token,
      })
      .catch(() => {});
  }

  onEnded(listener: () => void): void {
    if (this.ended) listener();
    else this.endedListeners.push(listener);
  }

  /** The media server or Salon ended this handle: listeners run once. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.api.forgetHandle(this.id);
    this.session.handles.delete(this);
    for (const listener of this.endedListeners.splice(0)) listener();
  }

  get isLive(): boolean {
    return this.isUp && !this.ended;
  }

  /** True once up; false when `ms` pass first or the handle ends. */
  whenLive(ms: number): Promise<boolean> {
    if (this.ended) return Promise.resolve(false);
    return new Promise((resolve) => {
      const timer = setTimeout(() => resolve(false), ms);
      this.onEnded(() => {
        clearTimeout(timer);
        resolve(false);
      });
      void this.up.then(() => {
        clearTimeout(timer);
        resolve(true);
      });
    });
  }

  private onEvent(frame: JanusFrame): void {
    if (frame.janus === 'webrtcup') {
      this.isUp = true;
      this.markUp();
    }
    if (frame.janus === 'hangup' || frame.janus === 'detached') {
      void this.close();
      return;
    }
    if (frame.janus === 'event' && frame.plugindata) this.pluginListener(frame.plugindata.data);
  }
}

/** A user's Janus session, created with a token of its own. */
class Session implements MediaPeer {
  readonly handles = new Set<Handle>();
  private readonly keepalive: NodeJS.Timeout;
  private closed = false;

  constructor(
    private readonly server: JanusMediaServer,
    private readonly api: JanusSocket,
    readonly id: number,
    readonly token: string,
  ) {
    this.keepalive = setInterval(() => {
      void this.api
        .request({ janus: 'keepalive', session_id: this.id, token: this.token }, true)
        .catch(() => {});
    }, KEEPALIVE_MS);
    this.keepalive.unref();
    api.listenSession(id, (frame) => {
      if (frame.janus === 'timeout') void this.close();
    });
  }

  private async attach(plugin: string): Promise<Handle> {
    if (this.closed) throw new JanusError(0, 'media session closed');
    const reply = await this.api.request({
      janus: 'attach',
      session_id: this.id,
      plugin,
      token: this.token,
    });
    const handle = new Handle(this.api, this, reply.data!.id!);
    this.handles.add(handle);
    return handle;
  }

  async publish(room: string, offer: string): Promise<PublishedLeg> {
    const handle = await this.attach(VIDEOROOM);
    try {
      const reply = await handle.send(
        { request: 'joinandconfigure', room, ptype: 'publisher', audio: true, video: true },
        { type: 'offer', sdp: offer },
      );
      const data = reply.plugindata?.data ?? {};
      if (!reply.jsep) throw new JanusError(0, 'the media server gave no answer');
      const feedId = this.server.feedKey(data.id);
      handle.onEnded(() => this.server.forgetFeed(feedId));
      return Object.assign(handle, { feedId, answer: reply.jsep.sdp });
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async watch(room: string, feedId: string): Promise<WatchingLeg> {
    const handle = await this.attach(VIDEOROOM);
    try {
      const feed = this.server.feedValue(feedId);
      const reply = await handle.send({ request: 'join', ptype: 'subscriber', room, streams: [{ feed }] });
      if (!reply.jsep) throw new JanusError(0, 'the media server gave no offer');
      handle.pluginListener = (data) => {
        // The publisher left: this subscription has nothing more to receive.
        if (data.videoroom === 'event' && (data.left !== undefined || data.unpublished !== undefined))
          void handle.close();
      };
      const start = async (answer: string) => {
        await handle.send({ request: 'start' }, { type: 'answer', sdp: answer });
      };
      return Object.assign(handle, { offer: reply.jsep.sdp, start });
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async joinVoice(room: string, offer: string): Promise<VoiceLeg> {
    const handle = await this.attach(AUDIOBRIDGE);
    try {
      const joined = await handle.send({ request: 'join', room, muted: true });
      const participant = joined.plugindata?.data.id;
      const configured = await handle.send(
        { request: 'configure', muted: true },
        { type: 'offer', sdp: offer },
      );
      if (!configured.jsep) throw new JanusError(0, 'the media server gave no answer');
      const talkingListeners: ((talking: boolean) => void)[] = [];
      handle.pluginListener = (data) => {
        const kind = data.audiobridge;
        if ((kind === 'talking' || kind === 'stopped-talking') && data.id === participant) {
          for (const listener of talkingListeners) listener(kind === 'talking');
        }
      };
      const setMuted = async (muted: boolean) => {
        await handle.send({ request: 'configure', muted });
      };
      return Object.assign(handle, {
        answer: configured.jsep.sdp,
        setMuted,
        onTalking: (listener: (talking: boolean) => void) => talkingListeners.push(listener),
      });
    } catch (error) {
      await handle.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    if (this.closed) return;
    this.closed = true;
    clearInterval(this.keepalive);
    for (const handle of [...this.handles]) handle.end();
    this.api.forgetSession(this.id);
    await this.api.request({ janus: 'destroy', session_id: this.id, token: this.token }).catch(() => {});
    await this.server.revoke(this.token);
  }
}

/**
 * Live media through Janus over its WebSocket API: one session per user, each with its own token
 * (Janus token_auth), added through the admin API and removed when the user is done.
 */
export class JanusMediaServer implements MediaServer {
  private readonly api: JanusSocket;
  private readonly admin: JanusSocket;
  private control: { session: number; videoroom: number; audiobridge: number; token: string } | null = null;
  private readonly feeds = new Map<string, unknown>();

  constructor(private readonly endpoints: JanusEndpoints) {
    this.api = new JanusSocket(endpoints.apiUrl, 'janus-protocol');
    this.admin = new JanusSocket(endpoints.adminUrl, 'janus-admin-protocol');
  }

  get ready(): boolean {
    return this.api.open && this.admin.open && this.control !== null;
  }

  /** Connects to both APIs and opens Salon's own control session (rooms). */
  async connect(): Promise<void> {
    await this.admin.connect();
    await this.api.connect();
    const token = await this.grant();
    const session = await this.api.request({ janus: 'create', token });
    const id = session.data!.id!;
    const attach = async (plugin: string) =>
      (await this.api.request({ janus: 'attach', session_id: id, plugin, token })).data!.id!;
    this.control = {
      session: id,
      videoroom: await attach(VIDEOROOM),
      audiobridge: await attach(AUDIOBRIDGE),
      token,
    };
    const keepalive = setInterval(() => {
      void this.api.request({ janus: 'keepalive', session_id: id, token }, true).catch(() => {});
    }, KEEPALIVE_MS);
    keepalive.unref();
    this.api.onClosed(() => clearInterval(keepalive));
  }

  onClosed(listener: () => void): void {
    this.api.onClosed(listener);
  }

  /** A new token that opens one Janus session, for these plugins only. */
  private async grant(): Promise<string> {
    const token = randomBytes(24).toString('base64url');
    await this.admin.request({
      janus: 'add_token',
      token,
      plugins: [VIDEOROOM, AUDIOBRIDGE],
      admin_secret: this.endpoints.adminSecret,
    });
    return token;
  }

  async revoke(token: string): Promise<void> {
    await this.admin
      .request({ janus: 'remove_token', token, admin_secret: this.endpoints.adminSecret })
      .catch(() => {});
  }

  async peer(): Promise<MediaPeer> {
    const token = await this.grant();
    try {
      const reply = await this.api.request({ janus: 'create', token });
      return new Session(this, this.api, reply.data!.id!, token);
    } catch (error) {
      await this.revoke(token);
      throw error;
    }
  }

  private controlRequest(plugin: 'videoroom' | 'audiobridge', body: Record<string, unknown>) {
    const control = this.control;
    if (!control) return Promise.reject(new JanusError(0, 'media server not connected'));
    return this.api.request({
      janus: 'message',
      session_id: control.session,
      handle_id: control[plugin],
      token: control.token,
      body: { ...body, admin_key: this.endpoints.roomSecret, secret: this.endpoints.roomSecret },
    });
  }

  async ensureCamRoom(room: string, publishers: number): Promise<void> {
    await this.controlRequest('videoroom', {
      request: 'create',
      room,
      publishers,
      is_private: true,
      audiocodec: 'opus',
      videocodec: 'vp8',
      bitrate: 600_000,
      fir_freq: 5,
      notify_joining: false,
    }).catch((error: unknown) => {
      if (!(error instanceof JanusError && ROOM_EXISTS.has(error.code))) throw error;
    });
  }

  async ensureVoiceRoom(room: string): Promise<void> {
    await this.controlRequest('audiobridge', {
      request: 'create',
      room,
      is_private: true,
      sampling_rate: 48_000,
      audiolevel_event: true,
      // V1: someone is "speaking" when their level averages above -45 dBov over one second.
      audio_active_packets: 50,
      audio_level_average: 45,
    }).catch((error: unknown) => {
      if (!(error instanceof JanusError && ROOM_EXISTS.has(error.code))) throw error;
    });
  }

  async destroyRoom(kind: 'cam' | 'voice', room: string): Promise<void> {
    await this.controlRequest(kind === 'cam' ? 'videoroom' : 'audiobridge', {
      request: 'destroy',
      room,
    }).catch((error: unknown) => {
      if (!(error instanceof JanusError && NO_SUCH_ROOM.has(error.code))) throw error;
    });
  }

  /** Janus feed ids are numbers or strings; Salon passes them around as strings. */
  feedKey(value: unknown): string {
    const key = String(value);
    this.feeds.set(key, value);
    return key;
  }

  forgetFeed(key: string): void {
    this.feeds.delete(key);
  }

  feedValue(key: string): unknown {
    return this.feeds.get(key) ?? key;
  }

  close(): Promise<void> {
    this.api.close();
    this.admin.close();
    return Promise.resolve();
  }
}
