import type { FastifyInstance } from 'fastify';
import type {} from '@fastify/websocket';
import type {} from '@fastify/cookie';
import type { RawData } from 'ws';
import { HTTP_PATHS } from '@salon/protocol';
import type { Config } from '../config/schema.js';
import { SESSION_COOKIE } from '../http/cookies.js';
import { sendError } from '../http/errors.js';
import { SalonError } from '../errors.js';
import { Connection } from './connection.js';
import type { GatewayServices } from './context.js';
import { HANDLERS } from './handlers/index.js';
import type { Limiter } from '../safety/limiter.js';
import type { Metrics } from '../observability/metrics.js';
import { originAllowed } from './origin.js';

const HEARTBEAT_MS = 30_000;

/**
 * The WebSocket endpoint: origin check, connection limits per address (T5), session from the
 * cookie, one Connection per socket.
 */
export function registerGateway(
  app: FastifyInstance,
  services: GatewayServices,
  limiter: Limiter,
  config: Readonly<Config>,
  metrics: Metrics,
): void {
  const connections = new Set<Connection>();
  const perAddress = services.openConnections;

  const heartbeat = setInterval(() => {
    for (const connection of connections) {
      if (!connection.alive) {
        connection.terminate();
        connections.delete(connection);
        continue;
      }
      connection.alive = false;
      connection.ping();
    }
  }, HEARTBEAT_MS);
  heartbeat.unref();
  app.addHook('onClose', () => clearInterval(heartbeat));

  app.get(
    HTTP_PATHS.socket,
    {
      websocket: true,
      preValidation: async (request, reply) => {
        if (!originAllowed(request.headers.origin, request.headers.host, config.http.allowedOrigins)) {
          await reply.code(403).send({ error: 'ORIGIN_FORBIDDEN', message: 'This origin may not connect.' });
          return;
        }
        // Plain GETs on this path are answered 404 by the plugin; only upgrades are counted.
        if (!request.ws) return;
        // T5: new connections per address, then connections open at once per address.
        const address = request.ip;
        try {
          await limiter.consume('connects', address);
        } catch (error) {
          if (error instanceof SalonError) return sendError(reply, error);
          throw error;
        }
        if (!(await perAddress.tryOpen(address))) {
          return sendError(
            reply,
            new SalonError(
              'TOO_MANY_CONNECTIONS',
              'Too many connections from your network. Close a tab and retry.',
            ),
          );
        }
        // Counted until the network connection ends, whether or not the upgrade completes.
        request.raw.socket.once('close', () => perAddress.close(address));
      },
    },
    async (socket, request) => {
      // Buffer frames that arrive while the session is looked up; Connection replays them in order.
      const early: [RawData, boolean][] = [];
      const hold = (data: RawData, isBinary: boolean) => early.push([data, isBinary]);
      socket.on('message', hold);
      let session = null;
      try {
        session = await services.entry.resolve(request.cookies[SESSION_COOKIE]);
      } catch (error) {
        metrics.unexpectedError();
        request.log.error({ err: error }, 'session lookup failed');
      }
      socket.off('message', hold);
      const connection = new Connection(
        socket,
        session,
        services,
        HANDLERS,
        limiter,
        config.limits.maxBufferedBytes,
        request.log,
        metrics,
        { address: request.ip, port: request.socket.remotePort ?? 0 },
      );
      connections.add(connection);
      socket.on('close', () => connections.delete(connection));
      for (const [data, isBinary] of early) socket.emit('message', data, isBinary);
    },
  );
}
