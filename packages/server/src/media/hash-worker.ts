/**
 * Worker-thread entry for hasher.ts: decodes and hashes one image per message. Errors are sent
 * back as values so one bad upload never takes the worker down.
 */
import { parentPort } from 'node:worker_threads';
import { hashImageBytes } from './image-hash.js';
import { lowerThreadPriority } from './thread-priority.js';
import type { HashRequest, HashResponse } from './image-hash.js';

lowerThreadPriority();

const port = parentPort;
if (!port) throw new Error('hash-worker.js runs only as a worker thread');

port.on('message', (request: HashRequest) => {
  const reply = (response: HashResponse) => port.postMessage(response);
  hashImageBytes(request.bytes).then(
    (result) => reply({ id: request.id, ok: true, result }),
    (error: unknown) =>
      reply({ id: request.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
  );
});
