import { join } from 'node:path';
import Fastify, { LogController, type FastifyInstance } from 'fastify';
import fastifyCookie from '@fastify/cookie';
import fastifyWebsocket from '@fastify/websocket';
import { CLOSE_CODES, LIMITS } from '@salon/protocol';
import { cryptoRandom, systemClock, type Clock, type Random } from './clock.js';
import type { Config } from './config/schema.js';
import { registerGateway } from './gateway/socket.js';
import { registerErrorHandler } from './http/error-handler.js';
import { registerHealthRoutes } from './http/health.js';
import { registerMetricsRoute } from './http/metrics.js';
import { registerRoomRoutes } from './http/rooms.js';
import { registerSecurityHeaders } from './http/security.js';
import { registerSessionRoutes } from './http/session.js';
import { registerMediaRoutes } from './http/media.js';
import { registerStaffAuthRoutes, requireStaff } from './http/staff-auth.js';
import { registerLiveRoutes } from './http/live.js';
import { registerModerationRoutes } from './http/moderation.js';
import { registerStatic } from './http/static.js';
import { Metrics } from './observability/metrics.js';
import { openStore, type Store } from './store/index.js';
import { createServices, type Services } from './services.js';
import type { ChatService } from './chat/chat.js';
import type { Hub } from './chat/hub.js';

export interface AppOptions {
  config: Readonly<Config>;
  clock?: Clock;
  random?: Random;
  /** An already opened store (tests); otherwise opened from the config. */
  store?: Store;
  /** Log to stdout (pino) at the configured level; tests pass false. */
  logger?: boolean;
  /** Folder of the built web client. */
  webRoot?: string;
}

export interface App {
  http: FastifyInstance;
  store: Store;
  chat: ChatService;
  hub: Hub;
  services: Services;
  /** O4: this app's Prometheus registry and recorders. */
  metrics: Metrics;
  close(): Promise<void>;
}

/** Wiring only: creates the services and hands them to the transports. */
export async function buildApp(options: AppOptions): Promise<App> {
  const { config } = options;
  const clock = options.clock ?? systemClock;
  const random = options.random ?? cryptoRandom;
  const store =
    options.store ??
    (await openStore({
      databaseUrl: config.storage.databaseUrl,
      sqlitePath: join(config.storage.dataDir, 'salon.db'),
    }));
  const http = Fastify({
    logger: options.logger === false ? false : { level: config.log.level },
    trustProxy: config.http.trustProxy,
    bodyLimit: 64 * 1024,
    // No per-request log lines: they would record every visitor's address (T11).
    logController: new LogController({ disableRequestLogging: true }),
  });
  // Per app, never prom-client's global registry: tests run several apps in one process.
  const metrics = new Metrics();
  const services = await createServices(config, store, clock, random, http.log, metrics);
  const { hub, chat, entry, accounts, limiter } = services;
  metrics.countRoomsWith(() => hub.activeRooms());
  hub.instrument(metrics);

  registerErrorHandler(http);
  await registerSecurityHeaders(http);
  await http.register(fastifyCookie);
  await http.register(fastifyWebsocket, {
    options: { maxPayload: LIMITS.maxFrameBytes },
    // On shutdown, tell every client to reconnect (to this node once it is back, or to another).
    preClose(done) {
      for (const client of this.websocketServer.clients)
        client.close(CLOSE_CODES.GOING_AWAY, 'server shutting down');
      this.websocketServer.close(() => done());
    },
  });
  registerHealthRoutes(http, store, services.cluster, metrics);
  registerMetricsRoute(http, metrics, config.http.metricsToken);
  registerRoomRoutes(http, chat, config);
  registerSessionRoutes(http, {
    entry,
    accounts,
    bus: services.bus,
    limiter,
    config,
    random,
    restrictions: services.restrictions,
  });
  registerMediaRoutes(http, { media: services.media.service, entry, config });
  registerStaffAuthRoutes(http, { staff: services.staff, config });
  registerModerationRoutes(http, {
    store,
    audit: services.audit,
    addresses: services.addresses,
    entry,
    limiter,
    cases: services.cases,
    statements: services.statements,
    staff: (request) => requireStaff(request, { staff: services.staff }),
  });
  registerLiveRoutes(http, {
    live: services.live,
    hub,
    rooms: services.rooms,
    audit: services.audit,
    staff: (request) => requireStaff(request, { staff: services.staff }),
  });
  registerGateway(http, services, limiter, config, metrics);
  await registerStatic(http, options.webRoot);
  http.addHook('onListen', (done) => {
    http.log.info({ storage: store.dialect }, 'salon started');
    done();
  });

  let closed = false;
  return {
    http,
    store,
    chat,
    hub,
    services,
    metrics,
    async close() {
      if (closed) return;
      closed = true;
      http.log.info('salon shutting down');
      await services.stop();
      await http.close();
      await services.bus.close();
      if (!options.store) await store.close();
      metrics.close();
    },
  };
}
