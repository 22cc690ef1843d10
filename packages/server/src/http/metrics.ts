import { createHash, timingSafeEqual } from 'node:crypto';
import type { FastifyInstance, FastifyRequest } from 'fastify';
import type { HttpError } from '@salon/protocol';
import type { Metrics } from '../observability/metrics.js';

/** Headers a reverse proxy adds: a request carrying one did not start on this machine. */
const FORWARDING_HEADERS = ['x-forwarded-for', 'forwarded', 'x-real-ip'];

export function isLoopback(address: string | undefined): boolean {
  if (!address) return false;
  const plain = address.toLowerCase().startsWith('::ffff:') ? address.slice(7) : address;
  return plain === '::1' || /^127\.\d{1,3}\.\d{1,3}\.\d{1,3}$/.test(plain);
}

/**
 * Loopback only, judged on the TCP peer rather than `request.ip`, and refusing anything a proxy
 * forwarded: a reverse proxy on the same machine connects from 127.0.0.1 on behalf of everyone.
 */
function fromThisMachine(request: FastifyRequest): boolean {
  if (!isLoopback(request.socket.remoteAddress)) return false;
  return FORWARDING_HEADERS.every((name) => request.headers[name] === undefined);
}

function digest(value: string): Buffer {
  return createHash('sha256').update(value).digest();
}

function bearerMatches(header: string | undefined, expected: Buffer): boolean {
  const match = /^Bearer +(\S+) *$/i.exec(header ?? '');
  return match !== null && timingSafeEqual(digest(match[1]!), expected);
}

/**
 * O4: `GET /metrics` in the Prometheus text format. With no token configured it answers requests
 * from this machine only and is a plain 404 for everyone else; with `http.metricsToken` set it
 * answers any client presenting `Authorization: Bearer <token>`, and 401 otherwise.
 */
export function registerMetricsRoute(app: FastifyInstance, metrics: Metrics, token: string | null): void {
  const expected = token === null ? null : digest(token);
  app.get('/metrics', async (request, reply) => {
    if (expected === null) {
      if (!fromThisMachine(request)) {
        const body: HttpError = { error: 'NOT_FOUND', message: 'Not found.' };
        return reply.code(404).send(body);
      }
    } else if (!bearerMatches(request.headers.authorization, expected)) {
      const body: HttpError = { error: 'UNAUTHENTICATED', message: 'A valid bearer token is required.' };
      return reply.code(401).header('www-authenticate', 'Bearer realm="metrics"').send(body);
    }
    const text = await metrics.render();
    return reply.header('cache-control', 'no-store').type(metrics.contentType).send(text);
  });
}
