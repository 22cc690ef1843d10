import type { FastifyBaseLogger } from 'fastify';
import { CLOSE_CODES } from '@salon/protocol';
import type { Clock } from '../clock.js';
import type { Config } from '../config/schema.js';
import type { Hub } from '../chat/hub.js';
import { NicknameRegistry, type Nicknames } from '../chat/nicknames.js';
import { LocalBus, type Bus, type BusDelivery } from './bus.js';
import { NodeRegistry } from './nodes.js';
import { RedisBus } from './redis-bus.js';
import { RedisNicknames } from './redis-nicknames.js';
import { RedisConnectionCounter } from './redis-connections.js';
import { ConnectionCounter, type OpenConnections } from '../safety/flood.js';
import { RedisRoster, type RosterLeft } from './redis-roster.js';
import { RedisLink } from './redis.js';
import { LocalRoster, type Roster } from './roster.js';

/** What the cluster reports to (O4). */
export interface ClusterObserver {
  redisError(): void;
  observeFanout(seconds: number): void;
}

/** The parts of the service that are per process on one node and shared through Redis in a cluster. */
export interface Cluster {
  bus: Bus;
  roster: Roster;
  nicknames: Nicknames;
  /** T5: connections open at once per address, across the service. */
  openConnections: OpenConnections;
  /** The Redis connection in cluster mode; null on a single process. */
  redis: RedisLink | null;
  /** Readiness of the shared parts (Redis); true on a single process. */
  ping(): Promise<boolean>;
  close(): Promise<void>;
}

export interface ClusterOptions {
  config: Readonly<Config>;
  hub: Hub;
  clock: Clock;
  deliver: BusDelivery;
  /** A member left everywhere because the last node holding them died. */
  onLeft: RosterLeft;
  observer: ClusterObserver;
  log: FastifyBaseLogger;
  /** Whom a user connected here blocks, for the other nodes (P3). */
  blockedBy: (userId: string) => readonly string[];
  /** The keyed hash of a network address (T11: Redis never holds one in clear). */
  addressHash: (address: string) => string;
}

/** One process (no Redis URL) or one node of a cluster (O1, DESIGN "Shape"). */
export async function createCluster(options: ClusterOptions): Promise<Cluster> {
  const { config, hub, clock, deliver, log, observer } = options;
  if (!config.cluster.redisUrl) {
    return {
      bus: new LocalBus(deliver),
      roster: new LocalRoster(hub),
      nicknames: new NicknameRegistry(clock, config.entry.nicknameGrace),
      openConnections: new ConnectionCounter(config.limits.connectionsPerAddress),
      redis: null,
      ping: () => Promise.resolve(true),
      close: () => Promise.resolve(),
    };
  }
  const failed = (error: unknown, where: string) => {
    observer.redisError();
    log.warn({ err: error, where }, 'redis');
  };
  let recovered: () => void = () => {};
  const link = new RedisLink(config.cluster.redisUrl, config.cluster.prefix, {
    error: failed,
    recovered: () => recovered(),
  });
  await link.connect();
  const roster = new RedisRoster(link, options.onLeft);
  const nicknames = new RedisNicknames(link, clock, config.entry.nicknameGrace, (error) =>
    failed(error, 'nicknames'),
  );
  const openConnections = new RedisConnectionCounter(
    link,
    config.limits.connectionsPerAddress,
    options.addressHash,
    (error) => failed(error, 'connections'),
  );
  const bus = new RedisBus(link, deliver, observer, failed, options.blockedBy);
  await bus.start();
  const nodes = new NodeRegistry(link, config.cluster.nodeTimeout, (error) => failed(error, 'nodes'));
  nodes.onDead(async (nodeId) => {
    log.warn({ node: nodeId }, 'a node stopped reporting: its members are removed');
    await roster.reap(nodeId);
    await nicknames.reap(nodeId);
    await openConnections.reap(nodeId);
  });
  await nodes.tick();
  nodes.start();

  // Redis keeps nothing on disk: after an outage it may have lost what this node holds, and this
  // node missed the events published meanwhile. List its members again, then have clients
  // reconnect and resume from their last seq (R7); their nicknames are taken again as they do.
  let resyncing = false;
  recovered = () => {
    if (resyncing) return;
    resyncing = true;
    log.warn('redis is back: listing this node again and asking clients to resume');
    resync(hub, bus, roster, nodes)
      .catch((error: unknown) => failed(error, 'resync'))
      .finally(() => {
        resyncing = false;
        hub.closeAll(CLOSE_CODES.GOING_AWAY, 'resume');
      });
  };

  return {
    bus,
    roster,
    nicknames,
    openConnections,
    redis: link,
    ping: () => link.ping(),
    async close() {
      await nodes.stop();
      await link.close();
    },
  };
}

async function resync(hub: Hub, bus: Bus, roster: Roster, nodes: NodeRegistry): Promise<void> {
  await nodes.tick();
  for (const sessionId of hub.connectedSessions()) {
    await bus.watchUser(sessionId);
    await roster.sessionUp(sessionId);
  }
  for (const { roomId, member } of [...hub.memberships()]) {
    await bus.watchRoom(roomId);
    await roster.join(roomId, member);
  }
}
