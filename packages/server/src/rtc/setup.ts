import { join, resolve } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock, Random } from '../clock.js';
import type { Config } from '../config/schema.js';
import type { Hub } from '../chat/hub.js';
import type { RoomDirectory } from '../chat/directory.js';
import type { BlockService } from '../safety/blocks.js';
import type { MediaSlot } from './core.js';
import { JanusMediaServer, type JanusEndpoints } from './janus/adapter.js';
import { findJanus, freePort, startJanus, type JanusProcess } from './janus/process.js';
import { LiveService } from './live.js';

export interface LiveSetupDeps {
  config: Readonly<Config>;
  hub: Hub;
  blocks: BlockService;
  rooms: RoomDirectory;
  clock: Clock;
  random: Random;
  log: FastifyBaseLogger;
  callPeer(userId: string, conversationId: string): Promise<string>;
}

export interface Live {
  service: LiveService;
  stop(): Promise<void>;
}

/** Janus's own errors are worth a warning in Salon's log (its warnings go to debug)… */
const JANUS_ERROR = /\[ERR\]/;
/** …except those Salon causes on purpose (rooms created if missing, destroyed if present). */
const JANUS_EXPECTED = /already exists|No such room/;
/** Waits before starting (or reaching) Janus again after it went away: doubling, at most 30 s. */
const RETRY_FIRST_MS = 1000;
const RETRY_MAX_MS = 30_000;

/**
 * Keeps a Janus available: in mode "auto" it starts Janus as a child process (generated config,
 * fresh secrets); in mode "external" it reaches the configured one. When Janus exits or its API
 * connection closes, live streams end and Janus is started (or reached) again, with a backoff.
 */
class JanusSupervisor {
  private child: JanusProcess | null = null;
  private generation = 0;
  private stopped = false;
  private retryMs = RETRY_FIRST_MS;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly deps: LiveSetupDeps,
    private readonly slot: MediaSlot,
    private readonly service: LiveService,
  ) {}

  /** Decides whether live media can be on, and starts it; false when it is off for good. */
  async start(): Promise<void> {
    const { config, log } = this.deps;
    if (config.live.mode === 'off') {
      this.slot.offReason = 'off';
      return;
    }
    if (config.cluster.redisUrl) {
      log.warn('live webcam and voice are not available in cluster mode yet (one node only)');
      this.slot.offReason = 'cluster';
      return;
    }
    if (config.live.mode === 'auto' && !findJanus(config.live.janus)) {
      log.info('live webcam and voice are off: Janus is not installed (apt-get install janus)');
      this.slot.offReason = 'no-media-server';
      return;
    }
    await this.connect();
  }

  private async endpoints(): Promise<JanusEndpoints> {
    const { config, log } = this.deps;
    const live = config.live;
    if (live.mode === 'external') {
      if (!live.apiUrl || !live.adminUrl || !live.adminSecret || !live.roomSecret) {
        throw new Error(
          'live.mode "external" needs live.apiUrl, live.adminUrl, live.adminSecret and live.roomSecret',
        );
      }
      return {
        apiUrl: live.apiUrl,
        adminUrl: live.adminUrl,
        adminSecret: live.adminSecret,
        roomSecret: live.roomSecret,
      };
    }
    this.child = await startJanus(
      findJanus(live.janus)!,
      join(resolve(config.storage.dataDir), 'janus'),
      {
        apiPort: live.apiPort ?? (await freePort()),
        adminPort: live.adminPort ?? (await freePort()),
        rtpPorts: live.rtpPorts,
        publicIp: live.publicIp,
        interfaces: live.interfaces,
      },
      (line) => {
        if (JANUS_ERROR.test(line) && !JANUS_EXPECTED.test(line)) log.warn({ janus: line }, 'janus');
        else log.debug({ janus: line }, 'janus');
      },
    );
    return this.child.endpoints;
  }

  private async connect(): Promise<void> {
    if (this.stopped) return;
    const generation = ++this.generation;
    const { log } = this.deps;
    try {
      const media = new JanusMediaServer(await this.endpoints());
      await media.connect();
      if (this.stopped || generation !== this.generation) {
        await media.close();
        return;
      }
      media.onClosed(() => this.lost(generation, 'the connection to Janus closed'));
      this.child?.child.once('exit', () => this.lost(generation, 'Janus exited'));
      this.slot.current = media;
      this.slot.offReason = null;
      this.retryMs = RETRY_FIRST_MS;
      log.info('live webcam and voice are on (Janus)');
    } catch (error) {
      log.error({ err: error }, 'Janus is not available: live webcam and voice are off for now');
      await this.child?.stop();
      this.child = null;
      this.slot.offReason = 'media-server-down';
      this.retryLater();
    }
  }

  private lost(generation: number, why: string): void {
    if (this.stopped || generation !== this.generation) return;
    this.generation += 1;
    this.deps.log.error(`${why}: live streams ended; starting it again`);
    const media = this.slot.current;
    this.slot.current = null;
    this.slot.offReason = 'media-server-down';
    void this.service.mediaLost();
    void media?.close();
    const child = this.child;
    this.child = null;
    void child?.stop();
    this.retryLater();
  }

  private retryLater(): void {
    if (this.stopped || this.timer) return;
    this.timer = setTimeout(() => {
      this.timer = null;
      void this.connect();
    }, this.retryMs);
    this.timer.unref();
    this.retryMs = Math.min(this.retryMs * 2, RETRY_MAX_MS);
  }

  async stop(): Promise<void> {
    this.stopped = true;
    if (this.timer) clearTimeout(this.timer);
    const media = this.slot.current;
    this.slot.current = null;
    await media?.close();
    await this.child?.stop();
    this.child = null;
  }
}

/** Starts live media: Janus as a child process when installed (mode "auto"), then the service. */
export async function createLive(deps: LiveSetupDeps): Promise<Live> {
  const slot: MediaSlot = { current: null, offReason: null };
  const service = new LiveService({ ...deps, media: slot });
  const supervisor = new JanusSupervisor(deps, slot, service);
  await supervisor.start();
  return {
    service,
    async stop() {
      await service.close();
      await supervisor.stop();
    },
  };
}
