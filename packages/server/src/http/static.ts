import { existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import type { FastifyInstance } from 'fastify';
import fastifyStatic from '@fastify/static';

/** The built web client (packages/web/dist). */
export const WEB_DIST = fileURLToPath(new URL('../../../web/dist/', import.meta.url));

/** Serves the web client; API paths that match nothing get a JSON 404. */
export async function registerStatic(app: FastifyInstance, root = WEB_DIST): Promise<void> {
  const built = existsSync(`${root}index.html`);
  if (built) {
    await app.register(fastifyStatic, { root, index: 'index.html', wildcard: false, maxAge: '1h' });
  } else {
    app.get('/', (_request, reply) =>
      reply.type('text/plain; charset=utf-8').send('The web client is not built: run "npm run build".\n'),
    );
  }
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '';
    if (request.method === 'GET' && built && !path.startsWith('/api/') && !path.includes('.')) {
      return reply.sendFile('index.html');
    }
    return reply.code(404).send({ error: 'NOT_FOUND', message: 'Not found.' });
  });
}
