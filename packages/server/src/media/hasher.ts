/**
 * Image hashing (S1) off the event loop: a small pool of worker threads, each decoding and
 * hashing one image at a time, with a FIFO queue in front.
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
import { Worker } from 'node:worker_threads';
import { hashImageBytes } from './image-hash.js';
import type { HashRequest, HashResponse, ImageHashes } from './image-hash.js';
import { workerEntry } from './ts-source-worker.js';

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
  return new WorkerPool(options);
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

interface Task {
  id: number;
  bytes: Uint8Array;
  resolve: (hashes: ImageHashes) => void;
  reject: (error: Error) => void;
}

interface Slot {
  worker: Worker;
  task: Task | null;
}

class WorkerPool implements Hasher {
  readonly size: number;
  readonly #url: URL;
  readonly #execArgv: string[] | undefined;
  readonly #slots: Slot[] = [];
  readonly #queue: Task[] = [];
  #nextId = 1;
  #closed = false;

  constructor(options: HasherOptions) {
    const size = options.size ?? defaultPoolSize();
    if (!Number.isInteger(size) || size < 1) throw new RangeError(`bad hasher pool size ${size}`);
    this.size = size;
    const entry = workerEntry(import.meta.url, 'hash-worker');
    this.#url = options.workerUrl ?? entry.url;
    this.#execArgv = options.execArgv ?? (options.workerUrl ? undefined : entry.execArgv);
  }

  hashImage(bytes: Uint8Array): Promise<ImageHashes> {
    if (this.#closed) return Promise.reject(new Error('hasher is closed'));
    // A private copy whose buffer can be transferred to the worker without touching the caller's.
    const copy = new Uint8Array(bytes);
    return new Promise<ImageHashes>((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, bytes: copy, resolve, reject });
      this.#pump();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#queue.splice(0)) task.reject(new Error('hasher is closed'));
    await Promise.all(this.#slots.map((slot) => slot.worker.terminate()));
  }

  #pump(): void {
    while (this.#queue.length > 0 && !this.#closed) {
      const slot = this.#slots.find((s) => s.task === null) ?? this.#spawn();
      if (!slot) return;
      const task = this.#queue.shift()!;
      slot.task = task;
      slot.worker.ref();
      const request: HashRequest = { id: task.id, bytes: task.bytes };
      slot.worker.postMessage(request, [task.bytes.buffer as ArrayBuffer]);
    }
  }

  #spawn(): Slot | undefined {
    if (this.#slots.length >= this.size) return undefined;
    const worker = new Worker(this.#url, { execArgv: this.#execArgv });
    const slot: Slot = { worker, task: null };
    this.#slots.push(slot);
    worker.on('message', (response: HashResponse) => {
      const task = slot.task;
      if (!task || task.id !== response.id) return;
      slot.task = null;
      worker.unref();
      if (response.ok) task.resolve(response.result);
      else task.reject(new Error(response.error));
      this.#pump();
    });
    worker.on('error', (error) => this.#retire(slot, error));
    worker.on('exit', (code) => this.#retire(slot, new Error(`hash worker exited with code ${code}`)));
    return slot;
  }

  /** Removes a dead worker, failing the task it held, and lets the queue move on. */
  #retire(slot: Slot, error: Error): void {
    const at = this.#slots.indexOf(slot);
    if (at >= 0) this.#slots.splice(at, 1);
    const task = slot.task;
    slot.task = null;
    if (task) task.reject(this.#closed ? new Error('hasher is closed') : error);
    if (at >= 0) void slot.worker.terminate();
    this.#pump();
  }
}
