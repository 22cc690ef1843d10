import { isIP } from 'node:net';
import type { FastifyBaseLogger } from 'fastify';
import type { ServerMessage } from '@salon/protocol';
import { randomToken, type Clock, type Random } from '../clock.js';
import type { Config } from '../config/schema.js';
import { SalonError } from '../errors.js';
import type { Hub, Subscriber } from '../chat/hub.js';
import type { BlockService } from '../safety/blocks.js';
import { KeyedQueue } from '../util/keyed-queue.js';
import { MediaServerError, type MediaLeg, type MediaPeer, type MediaServer } from './media-server.js';
import { mediaServerSdp } from './sdp.js';

/**
 * A failure of the media server as a protocol error: it refused what the browser sent
 * (RTC_INVALID), or it cannot be reached (LIVE_UNAVAILABLE). Salon's own errors pass unchanged.
 */
export function mediaError(error: unknown): unknown {
  if (!(error instanceof MediaServerError)) return error;
  if (error.unreachable) {
    return new SalonError('LIVE_UNAVAILABLE', 'The media server is not answering: try again shortly.');
  }
  return new SalonError('RTC_INVALID', `The media server refused this: ${error.message}`);
}

export type StreamRole = 'cam' | 'watch' | 'voice';
export type CloseReason = 'stopped' | 'removed' | 'moderator' | 'left' | 'blocked' | 'failed';

/** One connection between a browser and the media server, owned by one gateway connection. */
export interface Stream {
  readonly id: string;
  readonly owner: Subscriber;
  readonly userId: string;
  /** The room (or private conversation) it belongs to. */
  readonly roomId: string;
  readonly role: StreamRole;
  /** Whose camera or voice: the owner's own, or the broadcaster's for `watch`. */
  readonly of: string;
  readonly leg: MediaLeg;
  readonly startedAt: number;
  closed: boolean;
  /** Set by the part that made it: forgets the stream in its own state. */
  forget: (reason: CloseReason) => void;
  /** For a watched camera: completes the connection with the browser's SDP answer. */
  accept?: (answer: string) => Promise<void>;
}

export interface LiveDeps {
  config: Readonly<Config>;
  hub: Hub;
  blocks: BlockService;
  clock: Clock;
  random: Random;
  log: FastifyBaseLogger;
  /** The media server now: it may go away and come back (a Janus restarted). */
  media: MediaSlot;
}

/** The media server in use, or null with the reason live media is off. */
export interface MediaSlot {
  current: MediaServer | null;
  /** "no-media-server", "media-server-down", "off", "cluster"; null while it works. */
  offReason: string | null;
}

interface PeerEntry {
  peer: Promise<MediaPeer>;
  streams: number;
  idle: NodeJS.Timeout | null;
}

/** A user's media session is closed (its token revoked) this long after its last stream ended. */
const PEER_IDLE_MS = 30_000;

/**
 * What cameras, voice and calls share: the media server, each connection's media session and
 * streams, and a queue per room so that changes to one room's live media keep their order.
 */
export class LiveCore {
  readonly streams = new Map<string, Stream>();
  private readonly peers = new Map<Subscriber, PeerEntry>();
  private readonly owned = new Map<Subscriber, Set<Stream>>();
  readonly queue = new KeyedQueue();
  private readonly allowedAddress: ((address: string) => boolean) | null;

  constructor(readonly deps: LiveDeps) {
    const live = deps.config.live;
    const listed = live.mediaAddresses ?? [
      ...(live.publicIp ? [live.publicIp] : []),
      ...(live.interfaces ?? '').split(',').map((part) => part.trim()),
    ];
    const addresses = new Set(listed.filter((entry) => isIP(entry) !== 0));
    this.allowedAddress = addresses.size > 0 ? (address) => addresses.has(address) : null;
  }

  /** The media server, or LIVE_UNAVAILABLE. */
  media(): MediaServer {
    const media = this.deps.media.current;
    if (!media || !media.ready) {
      throw new SalonError('LIVE_UNAVAILABLE', 'Live webcam and voice are not available on this server.');
    }
    return media;
  }

  get available(): boolean {
    return this.deps.media.current?.ready === true;
  }

  /** V3: an SDP of the media server as a browser may receive it. */
  outgoingSdp(sdp: string): string {
    return mediaServerSdp(sdp, this.allowedAddress);
  }

  send(subscriber: Subscriber, message: ServerMessage): void {
    subscriber.sendFrame(JSON.stringify(message));
  }

  /** True when either user blocks the other (P3). */
  blocked(a: string, b: string): boolean {
    return this.deps.blocks.blocks(a, b) || this.deps.blocks.blocks(b, a);
  }

  private peerOf(owner: Subscriber): PeerEntry {
    let entry = this.peers.get(owner);
    if (!entry) {
      const peer = this.media().peer(owner.sessionId);
      entry = { peer, streams: 0, idle: null };
      this.peers.set(owner, entry);
      peer.catch(() => {
        if (this.peers.get(owner) === entry) this.peers.delete(owner);
      });
    }
    if (entry.idle) clearTimeout(entry.idle);
    entry.idle = null;
    return entry;
  }

  /** Opens a stream for `owner` through its media session; `make` creates the leg. */
  async open<L extends MediaLeg>(
    owner: Subscriber,
    at: { roomId: string; role: StreamRole; of: string },
    make: (peer: MediaPeer) => Promise<L>,
  ): Promise<{ stream: Stream; leg: L }> {
    const entry = this.peerOf(owner);
    entry.streams += 1;
    let leg: L;
    try {
      leg = await make(await entry.peer);
    } catch (error) {
      this.released(owner, entry);
      throw mediaError(error);
    }
    const stream: Stream = {
      id: randomToken(this.deps.random, 96),
      owner,
      userId: owner.sessionId,
      roomId: at.roomId,
      role: at.role,
      of: at.of,
      leg,
      startedAt: this.deps.clock.now(),
      closed: false,
      forget: () => {},
    };
    this.streams.set(stream.id, stream);
    const owned = this.owned.get(owner) ?? new Set();
    owned.add(stream);
    this.owned.set(owner, owned);
    // The media server ended it (hang-up, ICE failure, Janus restart).
    leg.onEnded(() => void this.close(stream, 'failed'));
    return { stream, leg };
  }

  /**
   * Ends a stream: the media server connection closes, its part forgets it and, unless it was
   * the owner's own doing, the owner's browser is told why.
   */
  async close(stream: Stream, reason: CloseReason, tell = true): Promise<void> {
    if (stream.closed) return;
    stream.closed = true;
    this.streams.delete(stream.id);
    this.owned.get(stream.owner)?.delete(stream);
    stream.forget(reason);
    if (tell) {
      this.send(stream.owner, {
        type: 'stream.closed',
        roomId: stream.roomId,
        streamId: stream.id,
        userId: stream.of,
        reason,
      });
    }
    await stream.leg.close().catch(() => {});
    const entry = this.peers.get(stream.owner);
    if (entry) this.released(stream.owner, entry);
  }

  private released(owner: Subscriber, entry: PeerEntry): void {
    entry.streams -= 1;
    if (entry.streams > 0) return;
    entry.idle = setTimeout(() => {
      if (this.peers.get(owner) !== entry || entry.streams > 0) return;
      this.peers.delete(owner);
      void entry.peer.then((peer) => peer.close()).catch(() => {});
    }, PEER_IDLE_MS);
    entry.idle.unref();
  }

  /** Whether a user has a media session (with its token) open now. */
  hasSession(userId: string): boolean {
    return [...this.peers.keys()].some((owner) => owner.sessionId === userId);
  }

  /** The streams a connection owns (to end them when it goes away). */
  ownedBy(owner: Subscriber): Stream[] {
    return [...(this.owned.get(owner) ?? [])];
  }

  /** A stream this connection owns, or STREAM_NOT_FOUND (V3: nothing for anyone else's). */
  own(owner: Subscriber, streamId: string): Stream {
    const stream = this.streams.get(streamId);
    if (!stream || stream.owner !== owner) {
      throw new SalonError('STREAM_NOT_FOUND', 'This stream is not yours or has ended.');
    }
    return stream;
  }

  /** The connection closed: its streams end and its media session with its token goes at once. */
  async disconnected(owner: Subscriber): Promise<void> {
    for (const stream of this.ownedBy(owner)) await this.close(stream, 'left', false);
    this.owned.delete(owner);
    const entry = this.peers.get(owner);
    if (!entry) return;
    this.peers.delete(owner);
    if (entry.idle) clearTimeout(entry.idle);
    await entry.peer.then((peer) => peer.close()).catch(() => {});
  }

  /** Ends every media session (shutdown). */
  async closeAll(): Promise<void> {
    for (const owner of [...this.peers.keys()]) await this.disconnected(owner);
  }

  /**
   * The media server went away: every stream ends (owners are told, `failed`) and every media
   * session is forgotten, so that the next stream opens one on the media server that replaces it.
   */
  async reset(): Promise<void> {
    for (const stream of [...this.streams.values()]) await this.close(stream, 'failed');
    for (const [owner, entry] of [...this.peers]) {
      this.peers.delete(owner);
      if (entry.idle) clearTimeout(entry.idle);
      void entry.peer.then((peer) => peer.close()).catch(() => {});
    }
  }
}
