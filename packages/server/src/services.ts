import type { FastifyBaseLogger } from 'fastify';
import { randomToken, type Clock, type Random } from './clock.js';
import type { Config } from './config/schema.js';
import { ChatService } from './chat/chat.js';
import { DirectService } from './chat/direct.js';
import { RoomDirectory } from './chat/directory.js';
import { Hub } from './chat/hub.js';
import type { Nicknames } from './chat/nicknames.js';
import { MessagePoster } from './chat/post.js';
import { PrivateRoomService } from './chat/private-rooms.js';
import type { Bus } from './cluster/bus.js';
import type { Roster } from './cluster/roster.js';
import { RoomEvents } from './chat/room-events.js';
import { RedisUsedSteps } from './cluster/redis-steps.js';
import { createCluster, type Cluster, type ClusterObserver } from './cluster/setup.js';
import { AccountService } from './safety/accounts.js';
import { AuditLog } from './safety/audit.js';
import { BlockService } from './safety/blocks.js';
import { EntryService } from './safety/entry.js';
import { Limiter } from './safety/limiter.js';
import { SafetyLists } from './safety/lists.js';
import { Suspensions } from './safety/suspensions.js';
import { StaffService } from './staff/accounts.js';
import { canRead } from './chat/readers.js';
import { hmacHex } from './util/hash.js';
import type { OpenConnections } from './safety/flood.js';
import { AddressVault, addressKey } from './safety/addresses.js';
import { CaseService } from './moderation/cases.js';
import { ReportService } from './moderation/reports.js';
import { Restrictions } from './moderation/restrictions.js';
import { StatementService } from './moderation/statements.js';
import { purgeExpired } from './moderation/purge.js';
import { createMedia, type Media } from './media/setup.js';
import { createLive } from './rtc/setup.js';
import type { LiveService } from './rtc/live.js';
import { SalonError } from './errors.js';
import type { Store } from './store/index.js';

export interface Services {
  /** The configuration the services run with. */
  config: Readonly<Config>;
  store: Store;
  hub: Hub;
  bus: Bus;
  /** Members and who is online across every node (the hub alone on one process). */
  roster: Roster;
  /** Redis in cluster mode (O1). */
  cluster: Cluster;
  nicknames: Nicknames;
  /** T5: connections open at once per address, across nodes in a cluster. */
  openConnections: OpenConnections;
  limiter: Limiter;
  entry: EntryService;
  accounts: AccountService;
  /** T8: the audit log of moderator and automated actions. */
  audit: AuditLog;
  blocks: BlockService;
  lists: SafetyLists;
  chat: ChatService;
  direct: DirectService;
  privateRooms: PrivateRoomService;
  /** S1: users suspended pending review. */
  suspensions: Suspensions;
  /** M1–M4, S1, S2: uploads, hash lists, serving. */
  media: Media;
  /** O3: staff accounts, enrolment, logins and staff sessions. */
  staff: StaffService;
  /** T1: reports, frozen into cases. */
  reports: ReportService;
  /** T2: the queue and staff actions. */
  cases: CaseService;
  /** T3: statements of reasons and appeals. */
  statements: StatementService;
  /** T2, T4: mutes and bans in force. */
  restrictions: Restrictions;
  /** T11: authors' sealed addresses. */
  addresses: AddressVault;
  /** V1–V4: live webcam, voice rooms and video calls through the media server. */
  live: LiveService;
  /** Public, private and conversation rooms by id. */
  rooms: RoomDirectory;
  /** Periodic work (nickname holds, empty private rooms); stopped by `stop`. */
  stop(): Promise<void>;
}

/** Creates the domain services and connects them to each other (no transport here). */
export async function createServices(
  config: Readonly<Config>,
  store: Store,
  clock: Clock,
  random: Random,
  log: FastifyBaseLogger,
  observer: ClusterObserver = { redisError: () => {}, observeFanout: () => {} },
): Promise<Services> {
  const addressSecret = await store.settings.getOrCreate('address-hash-secret', () =>
    randomToken(random, 256),
  );
  const lists = new SafetyLists(config);
  const audit = new AuditLog(store, clock);
  const blocks = new BlockService(store, clock);
  const rooms = new RoomDirectory(store, config);
  let privateRooms: PrivateRoomService | null = null;
  const events = new RoomEvents({
    blocks,
    publicRoomIds: new Set(config.rooms.map((room) => room.id)),
    onEmptied: (roomId) => privateRooms?.roomEmptied(roomId) ?? Promise.resolve(),
    reload: (what) => (what === 'restrictions' ? restrictions : suspensions).load(),
    log,
  });
  const hub = new Hub(config.chat.memberGrace, events);
  const cluster = await createCluster({
    config,
    hub,
    clock,
    log,
    observer,
    onLeft: (roomId, userId, count) => events.announceLeft(roomId, userId, count),
    deliver: events,
    blockedBy: (userId) => blocks.blockedBy(userId),
    addressHash: (address) => hmacHex(addressSecret, address),
  });
  events.attach(hub, cluster.bus, cluster.roster);
  const { bus, roster, nicknames } = cluster;
  const limiter = new Limiter(
    config.limits,
    clock,
    cluster.redis
      ? {
          client: cluster.redis.command,
          prefix: config.cluster.prefix,
          hashKey: (key) => hmacHex(addressSecret, key),
        }
      : undefined,
  );
  const poster = new MessagePoster(store, bus, clock);
  const direct = new DirectService({ store, bus, clock, random, poster, blocks, limiter, config, lists });
  let media: Media | null = null;
  let statementsLater: StatementService | null = null;
  const chat = new ChatService({
    store,
    hub,
    roster,
    bus,
    config,
    clock,
    rooms,
    poster,
    blocks,
    direct,
    lists,
    attachMedia: (session, roomId, mediaId) => media!.service.attach(session, roomId, mediaId),
  });
  await chat.syncRooms();
  // T4, S1 across a cluster: the other nodes load restrictions and suspensions again on a change
  // (this one has updated its own copy).
  const shareChange = (what: 'restrictions' | 'suspensions') => () =>
    bus.publishControlToOthers({ op: 'reload', what });
  const suspensions = new Suspensions(store, shareChange('suspensions'));
  await suspensions.load();
  media = await createMedia({
    config,
    store,
    roster,
    rooms,
    clock,
    random,
    audit,
    limiter,
    suspensions,
    access: (session, roomId) => chat.access(session, roomId),
    // T3: the automated suspension comes with its statement of reasons.
    onQuarantined: async (userId, roomId) => {
      await statementsLater?.automated({
        userId,
        restriction: 'suspend',
        roomId,
        rule: 'S1 — known abusive image',
        facts:
          'A file you sent matches an entry of a list of known abusive images. It was not delivered. Your account is suspended until our team reviews it.',
      });
    },
    log,
  });
  const mediaReady = media;
  privateRooms = new PrivateRoomService({
    store,
    roster,
    bus,
    clock,
    random,
    rooms,
    limiter,
    words: () => lists.words(),
    config,
    audit,
  });
  const entry = new EntryService(
    store,
    config,
    nicknames,
    () => lists.words(),
    clock,
    random,
    addressSecret,
    audit,
  );
  const accounts = new AccountService(store, config, entry, limiter, clock, random, audit);
  const staff = new StaffService({
    store,
    config,
    limiter,
    clock,
    random,
    audit,
    ...(cluster.redis ? { usedSteps: new RedisUsedSteps(cluster.redis) } : {}),
  });
  const addresses = new AddressVault(store, addressKey(config), clock);
  const restrictions = new Restrictions(store, clock, random, shareChange('restrictions'));
  await restrictions.load();
  const statements = new StatementService({
    store,
    bus,
    clock,
    random,
    restrictions,
    audit,
    // Reversing an automated suspension (S1) lifts it.
    onReversed: async (statement) => {
      if (statement.restriction === 'suspend') await suspensions.lift(statement.user_id);
    },
  });
  statementsLater = statements;
  const cases = new CaseService({
    store,
    bus,
    clock,
    random,
    restrictions,
    statements,
    audit,
    lastAddressHash: async (userId) => {
      const origin = await addresses.latestOf(userId);
      return origin ? entry.addressHash(origin.address) : null;
    },
  });
  const reports = new ReportService({
    store,
    clock,
    random,
    limiter,
    canRead: (userId, roomId) => canRead({ store, roster, rooms }, userId, roomId),
    streamStarted: (roomId, userId, media) => live.service.streamStarted(roomId, userId, media),
  });

  const live = await createLive({
    config,
    hub,
    blocks,
    rooms,
    clock,
    random,
    log,
    // V2: a call needs an accepted conversation and no block either way.
    callPeer: async (userId, conversationId) => {
      const row = await store.conversations.get(conversationId);
      const peerId =
        row?.user_low === userId ? row.user_high : row?.user_high === userId ? row.user_low : null;
      if (
        !row ||
        peerId === null ||
        row.state !== 'accepted' ||
        (await blocks.eitherBlocks(userId, peerId))
      ) {
        throw new SalonError('CALL_STATE', 'A video call needs a conversation you both accepted.');
      }
      return peerId;
    },
  });
  events.onMemberLeft((roomId, userId) => live.service.memberLeft(roomId, userId));

  const sweeper = privateRooms;
  const timers = [
    setInterval(() => nicknames.sweep(), 60_000),
    setInterval(
      () => void sweeper.sweep().catch((error: unknown) => log.error({ err: error }, 'private room sweep')),
      Math.min(60_000, config.chat.privateRoomEmptyDelay),
    ),
  ];
  // T11: the retention purge.
  timers.push(
    setInterval(
      () =>
        void purgeExpired(store, config, clock).then(
          (result) => log.info(result, 'retention purge'),
          (error: unknown) => log.error({ err: error }, 'retention purge'),
        ),
      config.privacy.purgeEvery,
    ),
  );
  for (const timer of timers) timer.unref();

  return {
    config,
    store,
    hub,
    bus,
    roster,
    cluster,
    nicknames,
    openConnections: cluster.openConnections,
    limiter,
    entry,
    accounts,
    audit,
    blocks,
    lists,
    chat,
    direct,
    privateRooms,
    suspensions,
    media: mediaReady,
    staff,
    reports,
    cases,
    statements,
    restrictions,
    addresses,
    live: live.service,
    rooms,
    async stop() {
      for (const timer of timers) clearInterval(timer);
      await live.stop();
      hub.close();
      events.close();
      await mediaReady.close();
      await cluster.close();
    },
  };
}
