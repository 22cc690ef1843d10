import type { FastifyInstance } from 'fastify';
import type { Metrics } from '../observability/metrics.js';
import type { Store } from '../store/index.js';

/** O4: liveness and readiness. */
export function registerHealthRoutes(app: FastifyInstance, store: Store, metrics: Metrics): void {
  app.get('/healthz', () => ({ ok: true }));
  app.get('/readyz', async (_request, reply) => {
    const database = await store.ping();
    if (!database) metrics.unexpectedError();
    return reply.code(database ? 200 : 503).send({ ok: database, database });
  });
}
