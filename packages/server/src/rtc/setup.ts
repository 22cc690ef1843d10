import { join, resolve } from 'node:path';
import type { FastifyBaseLogger } from 'fastify';
import type { Clock, Random } from '../clock.js';
import type { Config } from '../config/schema.js';
import type { Hub } from '../chat/hub.js';
import type { RoomDirectory } from '../chat/directory.js';
import type { BlockService } from '../safety/blocks.js';
import { JanusMediaServer, type JanusEndpoints } from './janus/adapter.js';
import { findJanus, freePort, startJanus, type JanusProcess } from './janus/process.js';
import { LiveService } from './live.js';
import type { MediaServer } from './media-server.js';

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

async function connectJanus(
  deps: LiveSetupDeps,
): Promise<{ media: MediaServer | null; reason: string | null; child: JanusProcess | null }> {
  const { config, log } = deps;
  const live = config.live;
  if (live.mode === 'off') return { media: null, reason: 'off', child: null };
  if (config.cluster.redisUrl) {
    log.warn('live webcam and voice are not available in cluster mode yet (one node only)');
    return { media: null, reason: 'cluster', child: null };
  }
  let endpoints: JanusEndpoints;
  let child: JanusProcess | null = null;
  if (live.mode === 'external') {
    if (!live.apiUrl || !live.adminUrl || !live.adminSecret || !live.roomSecret) {
      throw new Error(
        'live.mode "external" needs live.apiUrl, live.adminUrl, live.adminSecret and live.roomSecret',
      );
    }
    endpoints = {
      apiUrl: live.apiUrl,
      adminUrl: live.adminUrl,
      adminSecret: live.adminSecret,
      roomSecret: live.roomSecret,
    };
  } else {
    const binary = findJanus(live.janus);
    if (!binary) {
      log.info('live webcam and voice are off: Janus is not installed (apt-get install janus)');
      return { media: null, reason: 'no-media-server', child: null };
    }
    try {
      child = await startJanus(
        binary,
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
    } catch (error) {
      log.error({ err: error }, 'Janus did not start: live webcam and voice are off');
      return { media: null, reason: 'media-server-down', child: null };
    }
    endpoints = child.endpoints;
  }
  const media = new JanusMediaServer(endpoints);
  try {
    await media.connect();
  } catch (error) {
    log.error({ err: error }, 'cannot reach Janus: live webcam and voice are off');
    await child?.stop();
    return { media: null, reason: 'media-server-down', child: null };
  }
  return { media, reason: null, child };
}

/** Starts live media: Janus as a child process when installed (mode "auto"), then the service. */
export async function createLive(deps: LiveSetupDeps): Promise<Live> {
  const { media, reason, child } = await connectJanus(deps);
  const service = new LiveService({ ...deps, media, offReason: reason });
  if (media instanceof JanusMediaServer) {
    media.onClosed(() => {
      deps.log.error('the connection to Janus closed: live streams ended');
      void service.mediaLost();
    });
  }
  if (media) deps.log.info('live webcam and voice are on (Janus)');
  return {
    service,
    async stop() {
      await service.close();
      await media?.close();
      await child?.stop();
    },
  };
}
