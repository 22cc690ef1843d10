/**
 * A small pool of worker threads, each running one task at a time, with a FIFO queue in front.
 *
 * - Workers start on first use, up to `size`, and stay up between tasks (a worker may hold an
 *   expensive state, such as a loaded model). While idle they are `unref`ed: a forgotten pool
 *   never keeps the process alive.
 * - A worker that dies (uncaught error, crash, out of memory) fails only the task it held; the
 *   queue moves on, starting a fresh worker when needed.
 * - `close()` rejects queued and running tasks and terminates the workers at once.
 *
 * The worker side calls `serveTasks(handler)`; errors thrown by the handler come back as
 * rejections carrying their message, and leave the worker running.
 *
 * Not piscina: with workers started on demand (`minThreads: 0`), piscina 5.3 leaves the queued
 * tasks of a worker that died waiting until some other task is submitted.
 */
import { parentPort, Worker } from 'node:worker_threads';
import type { TransferListItem } from 'node:worker_threads';

export interface TaskMessage<Request> {
  id: number;
  request: Request;
}

export type ReplyMessage<Result> =
  { id: number; ok: true; result: Result } | { id: number; ok: false; error: string };

export interface PoolOptions {
  /** Worker threads at most. */
  size: number;
  /** Worker entry. */
  url: URL;
  /** `execArgv` for the workers (undefined: the process's own, see `inheritedExecArgv`). */
  execArgv?: string[] | undefined;
  /** Used in error messages ("<name> is closed"). */
  name: string;
}

interface Task<Request, Result> {
  id: number;
  request: Request;
  transfer: readonly TransferListItem[];
  resolve: (result: Result) => void;
  reject: (error: Error) => void;
}

interface Slot<Request, Result> {
  worker: Worker;
  task: Task<Request, Result> | null;
}

export class WorkerPool<Request, Result> {
  readonly size: number;
  readonly #url: URL;
  readonly #execArgv: string[];
  readonly #name: string;
  readonly #slots: Slot<Request, Result>[] = [];
  readonly #queue: Task<Request, Result>[] = [];
  #nextId = 1;
  #closed = false;

  constructor(options: PoolOptions) {
    if (!Number.isInteger(options.size) || options.size < 1) {
      throw new RangeError(`bad ${options.name} pool size ${options.size}`);
    }
    this.size = options.size;
    this.#url = options.url;
    this.#execArgv = options.execArgv ?? inheritedExecArgv();
    this.#name = options.name;
  }

  get closed(): boolean {
    return this.#closed;
  }

  /** Worker threads running now (started lazily, at most `size`). */
  get workers(): number {
    return this.#slots.length;
  }

  /** Runs `request` on a worker; `transfer` lists buffers moved to it (unusable here afterwards). */
  run(request: Request, transfer: readonly TransferListItem[] = []): Promise<Result> {
    if (this.#closed) return Promise.reject(this.#closedError());
    return new Promise<Result>((resolve, reject) => {
      this.#queue.push({ id: this.#nextId++, request, transfer, resolve, reject });
      this.#pump();
    });
  }

  async close(): Promise<void> {
    this.#closed = true;
    for (const task of this.#queue.splice(0)) task.reject(this.#closedError());
    const slots = this.#slots.splice(0);
    for (const slot of slots) {
      slot.task?.reject(this.#closedError());
      slot.task = null;
    }
    await Promise.all(slots.map((slot) => slot.worker.terminate()));
  }

  #closedError(): Error {
    return new Error(`${this.#name} is closed`);
  }

  #pump(): void {
    while (this.#queue.length > 0 && !this.#closed) {
      const slot = this.#slots.find((s) => s.task === null) ?? this.#spawn();
      if (!slot) return;
      const task = this.#queue.shift()!;
      const message: TaskMessage<Request> = { id: task.id, request: task.request };
      try {
        slot.worker.postMessage(message, task.transfer);
      } catch (error) {
        // Not transferable or not cloneable: the task is refused, the worker stays idle.
        task.reject(error instanceof Error ? error : new Error(String(error)));
        continue;
      }
      slot.task = task;
      slot.worker.ref();
    }
  }

  #spawn(): Slot<Request, Result> | undefined {
    if (this.#slots.length >= this.size) return undefined;
    const worker = new Worker(this.#url, { execArgv: this.#execArgv });
    worker.unref();
    const slot: Slot<Request, Result> = { worker, task: null };
    this.#slots.push(slot);
    worker.on('message', (reply: ReplyMessage<Result>) => {
      const task = slot.task;
      if (!task || task.id !== reply.id) return;
      slot.task = null;
      worker.unref();
      if (reply.ok) task.resolve(reply.result);
      else task.reject(new Error(reply.error));
      this.#pump();
    });
    worker.on('messageerror', (error) => this.#retire(slot, error));
    worker.on('error', (error) => this.#retire(slot, error));
    worker.on('exit', (code) =>
      this.#retire(slot, new Error(`${this.#name} worker exited with code ${code}`)),
    );
    return slot;
  }

  /** Removes a dead worker, failing the task it held, and lets the queue move on. */
  #retire(slot: Slot<Request, Result>, error: Error): void {
    const at = this.#slots.indexOf(slot);
    if (at >= 0) this.#slots.splice(at, 1);
    const task = slot.task;
    slot.task = null;
    if (task) task.reject(this.#closed ? this.#closedError() : error);
    if (at >= 0) void slot.worker.terminate();
    this.#pump();
  }
}

/**
 * The process's `execArgv` without `--input-type`: that flag concerns only the main entry
 * (`node --input-type=module -e …`), and a worker given it refuses to start.
 */
export function inheritedExecArgv(argv: readonly string[] = process.execArgv): string[] {
  const kept: string[] = [];
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]!;
    if (arg === '--input-type') i++;
    else if (!arg.startsWith('--input-type=')) kept.push(arg);
  }
  return kept;
}

/**
 * Worker side: answers every task posted by a `WorkerPool` with `handler`'s result, or with its
 * error's message. A rejected task leaves the worker running.
 */
export function serveTasks<Request, Result>(handler: (request: Request) => Promise<Result>): void {
  const port = parentPort;
  if (!port) throw new Error('this module runs only as a worker thread');
  port.on('message', (message: TaskMessage<Request>) => {
    const reply = (response: ReplyMessage<Result>) => port.postMessage(response);
    Promise.resolve(message.request)
      .then(handler)
      .then(
        (result) => reply({ id: message.id, ok: true, result }),
        (error: unknown) =>
          reply({ id: message.id, ok: false, error: error instanceof Error ? error.message : String(error) }),
      );
  });
}
