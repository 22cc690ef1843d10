import { WebSocket } from 'ws';
import type { TestServer } from './server.js';

export interface Upgrade {
  status: number;
  body: unknown;
  headers: Record<string, string | string[] | undefined>;
  socket: WebSocket | null;
}

/** Asks for a WebSocket upgrade and reports the answer (101 with the open socket, or the refusal). */
export function upgrade(
  server: Pick<TestServer, 'wsUrl'>,
  headers: Record<string, string> = {},
): Promise<Upgrade> {
  const socket = new WebSocket(server.wsUrl, { headers });
  return new Promise((resolve) => {
    socket.on('unexpected-response', (_request, response) => {
      let data = '';
      response.on('data', (chunk: Buffer) => (data += chunk.toString('utf8')));
      response.on('end', () =>
        resolve({
          status: response.statusCode ?? 0,
          body: data === '' ? null : JSON.parse(data),
          headers: response.headers,
          socket: null,
        }),
      );
    });
    socket.on('open', () => resolve({ status: 101, body: null, headers: {}, socket }));
    socket.on('error', () => undefined);
  });
}

export function closed(socket: WebSocket): Promise<void> {
  return new Promise((resolve) => {
    socket.once('close', () => resolve());
    socket.close();
  });
}

/** Retries an upgrade until it opens (the server sees a close a moment after the client). */
export async function upgradeEventually(
  server: Pick<TestServer, 'wsUrl'>,
  headers: Record<string, string> = {},
) {
  for (let attempt = 0; attempt < 50; attempt++) {
    const answer = await upgrade(server, headers);
    if (answer.socket) return answer.socket;
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
  throw new Error('the upgrade was never accepted');
}
