import type { FastifyInstance } from 'fastify';
import type { Cluster } from '../cluster/setup.js';
import type { Metrics } from '../observability/metrics.js';
import type { Store } from '../store/index.js';

/**
 * O4: liveness (the process answers) and readiness (the database answers and, in a cluster,
 * Redis too). A load balancer sends no new clients to a node that is not ready.
 */
export function registerHealthRoutes(
  app: FastifyInstance,
  store: Store,
  cluster: Cluster,
  metrics: Metrics,
): void {
  app.get('/healthz', () => ({ ok: true }));
  app.get('/readyz', async (_request, reply) => {
    const [database, redis] = await Promise.all([store.ping(), cluster.ping()]);
    if (!database) metrics.unexpectedError();
    const ok = database && redis;
    const body = cluster.redis ? { ok, database, redis } : { ok, database };
    return reply.code(ok ? 200 : 503).send(body);
  });
}
