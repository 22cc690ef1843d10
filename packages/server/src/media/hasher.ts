/**
 * Image hashing (S1) off the event loop: a small pool of worker threads (worker-pool.ts), each
 * decoding and hashing one image at a time, with a FIFO queue in front.
 *
 * - Size: max(1, availableParallelism() − 1) by default, so one core stays with the event loop.
 * - Workers start on first use and are `unref`ed while idle: a forgotten pool never keeps the
 *   process alive; `close()` still ends them promptly.
 * - A worker that dies (crash, out of memory) fails only the image it held; the next task
 *   starts a fresh worker.
 * - Worker entry: `hash-worker.js` beside this file when built; from the TypeScript sources
 *   (Vitest) `hash-worker.ts` with loader hooks, see ts-source-worker.ts. `inProcess: true`
 *   hashes on the calling thread instead, with identical results (the same functions run).
 */
import { availableParallelism } from 'node:os';
import { hashImageBytes } from './image-hash.js';
import type { HashRequest, ImageHashes } from './image-hash.js';
import { workerEntry } from './ts-source-worker.js';
import { WorkerPool } from './worker-pool.js';

export type { ImageHashes } from './image-hash.js';

export interface HasherOptions {
  /** Number of worker threads (default: max(1, availableParallelism() − 1)). */
  size?: number;
  /** Hash on the calling thread (tests, one-off tools); no workers are started. */
  inProcess?: boolean;
  /** Override the worker entry (default: hash-worker.js / .ts beside this module). */
  workerUrl?: URL;
  execArgv?: string[];
}

export interface Hasher {
  /** Worker threads at most (0 in-process). */
  readonly size: number;
  /** Decodes the image and returns its PDQ, quality, SHA-256 and MD5; rejects if unreadable. */
  hashImage(bytes: Uint8Array): Promise<ImageHashes>;
  /** Stops the workers; queued and running requests reject. */
  close(): Promise<void>;
}

export function defaultPoolSize(): number {
  return Math.max(1, availableParallelism() - 1);
}

export function createHasher(options: HasherOptions = {}): Hasher {
  if (options.inProcess) return inProcessHasher();
  return new PooledHasher(options);
}

function inProcessHasher(): Hasher {
  let closed = false;
  return {
    size: 0,
    hashImage: (bytes) => (closed ? Promise.reject(new Error('hasher is closed')) : hashImageBytes(bytes)),
    close: () => {
      closed = true;
      return Promise.resolve();
    },
  };
}

class PooledHasher implements Hasher {
  readonly size: number;
  readonly #pool: WorkerPool<HashRequest, ImageHashes>;

  constructor(options: HasherOptions) {
    const size = options.size ?? defaultPoolSize();
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`bad hasher pool size ${size}`);
    this.size = size;
    const entry = workerEntry(import.meta.url, 'hash-worker');
    this.#pool = new WorkerPool({
      size,
      url: options.workerUrl ?? entry.url,
      execArgv: options.execArgv ?? (options.workerUrl ? undefined : entry.execArgv),
      name: 'hasher',
    });
  }

  hashImage(bytes: Uint8Array): Promise<ImageHashes> {
    // A private copy whose buffer can be transferred to the worker without touching the caller's.
    const copy = new Uint8Array(bytes);
    return this.#pool.run({ bytes: copy }, [copy.buffer]);
  }

  close(): Promise<void> {
    return this.#pool.close();
  }
}
