import type { FastifyInstance } from 'fastify';
import type { Store } from '../store/index.js';

/** O4: liveness and readiness. */
export function registerHealthRoutes(app: FastifyInstance, store: Store): void {
  app.get('/healthz', () => ({ ok: true }));
  app.get('/readyz', async (_request, reply) => {
    const database = await store.ping();
    return reply.code(database ? 200 : 503).send({ ok: database, database });
  });
}
