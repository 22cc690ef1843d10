/**
 * Real processes and network faults for multi-process tests: a Redis of the test's own, a TCP proxy
 * that can cut a connection (e.g. to PostgreSQL), and Salon nodes started from the built CLI. Loopback
 * only; every process is stopped by its own PID, never by name, and the machine's shared services
 * (Redis on 6379, PostgreSQL on 5432) are never touched.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { createConnection, createServer, type Server, type Socket } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

const LOOPBACK = '127.0.0.1';

/** The repository's packages/server folder. */
export const SERVER_DIR = fileURLToPath(new URL('../../', import.meta.url));
/** The CLI entry point `salon` runs (`packages/server/bin/salon.js`). */
export const SALON_BIN = join(SERVER_DIR, 'bin', 'salon.js');
/** What bin/salon.js imports: built by `npm run typecheck` (or `npm run build`). */
export const SALON_CLI = join(SERVER_DIR, 'dist', 'cli.js');

/** Whether the server is built, so that `startNode` can run it. */
export function serverBuilt(): boolean {
  return existsSync(SALON_CLI);
}

/** A port free on 127.0.0.1 a moment ago. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.once('error', reject);
    server.listen(0, LOOPBACK, () => {
      const address = server.address();
      if (typeof address !== 'object' || address === null) {
        server.close();
        reject(new Error('no address'));
        return;
      }
      server.close(() => resolve(address.port));
    });
  });
}

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Every child this harness started and that has not exited: killed if the test process exits first. */
const live = new Set<ChildProcess>();
process.once('exit', () => {
  for (const child of live) child.kill('SIGKILL');
});

/** Spawns a child and keeps track of it until it exits. */
function launch(command: string, args: string[], options: { cwd?: string; env?: NodeJS.ProcessEnv }) {
  const child = spawn(command, args, { ...options, stdio: ['ignore', 'pipe', 'pipe'] });
  live.add(child);
  child.once('exit', () => live.delete(child));
  child.once('error', () => live.delete(child));
  return child;
}

/** Keeps the last `limit` characters a process printed on stdout and stderr. */
function capture(child: ChildProcess, limit = 256 * 1024): () => string {
  let text = '';
  const keep = (chunk: Buffer) => {
    text += chunk.toString('utf8');
    if (text.length > limit) text = text.slice(-limit);
  };
  child.stdout?.on('data', keep);
  child.stderr?.on('data', keep);
  return () => text;
}

/** Resolves with the exit code (null when ended by a signal) once the process has exited. */
function exitOf(child: ChildProcess): Promise<number | null> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve(child.exitCode);
  return new Promise((resolve) => child.once('exit', (code) => resolve(code)));
}

/** Sends SIGTERM to this child's PID and waits for it to exit; SIGKILL after `graceMs`. */
async function terminate(child: ChildProcess, graceMs = 3000): Promise<void> {
  const exited = exitOf(child);
  if (child.exitCode !== null || child.signalCode !== null) return;
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), graceMs);
  try {
    await exited;
  } finally {
    clearTimeout(timer);
  }
}

function tail(text: string, lines = 40): string {
  return text.trimEnd().split('\n').slice(-lines).join('\n');
}

/** Whether something on `port` answers a Redis PING with +PONG. */
export function redisAnswers(port: number, timeoutMs = 1000): Promise<boolean> {
  return new Promise((resolve) => {
    const socket = createConnection({ host: LOOPBACK, port });
    let reply = '';
    let settled = false;
    const done = (ok: boolean) => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      socket.destroy();
      resolve(ok);
    };
    const timer = setTimeout(() => done(false), timeoutMs);
    socket.on('connect', () => socket.write('PING\r\n'));
    socket.on('data', (chunk: Buffer) => {
      reply += chunk.toString('latin1');
      if (reply.includes('\r\n')) done(reply.startsWith('+PONG'));
    });
    socket.on('error', () => done(false));
    socket.on('close', () => done(false));
  });
}

/** A redis-server of the test's own, on a free loopback port, keeping nothing on disk. */
export interface OwnRedis {
  readonly url: string;
  readonly port: number;
  /** The current process's PID (a new one after `restart`). */
  readonly pid: number;
  /** SIGTERM, then SIGKILL after 3 s; waits for the exit. */
  stop(): Promise<void>;
  /** Stops it and starts a fresh one on the same port (empty: nothing is saved). */
  restart(): Promise<void>;
}

async function spawnRedis(port: number, timeoutMs: number): Promise<{ child: ChildProcess; dir: string }> {
  const dir = await mkdtemp(join(tmpdir(), 'salon-redis-'));
  const args = ['--port', String(port), '--bind', LOOPBACK, '--save', '', '--appendonly', 'no'];
  const child = launch('redis-server', [...args, '--dir', dir], {});
  const output = capture(child);
  const failed = new Promise<Error>((resolve) => {
    child.once('error', (error) => resolve(error));
    child.once('exit', (code, signal) => resolve(new Error(`redis-server exited (${code ?? signal})`)));
  });
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const outcome = await Promise.race([redisAnswers(port, 500), failed]);
    if (outcome === true) return { child, dir };
    if (outcome instanceof Error || Date.now() > deadline) {
      await terminate(child);
      await rm(dir, { recursive: true, force: true });
      const reason = outcome instanceof Error ? outcome.message : `no PONG within ${timeoutMs} ms`;
      throw new Error(`redis-server on port ${port} did not start: ${reason}\n${tail(output())}`);
    }
    await delay(50);
  }
}

/** Starts a redis-server on a free loopback port and waits until it answers PING. */
export async function startRedis(options: { timeoutMs?: number } = {}): Promise<OwnRedis> {
  const timeoutMs = options.timeoutMs ?? 10_000;
  const port = await freePort();
  let current: { child: ChildProcess; dir: string } | null = await spawnRedis(port, timeoutMs);
  const stop = async () => {
    if (!current) return;
    const { child, dir } = current;
    current = null;
    await terminate(child);
    await rm(dir, { recursive: true, force: true });
  };
  return {
    url: `redis://${LOOPBACK}:${port}`,
    port,
    get pid() {
      return current?.child.pid ?? -1;
    },
    stop,
    async restart() {
      await stop();
      current = await spawnRedis(port, timeoutMs);
    },
  };
}

/** A loopback TCP proxy to a target, whose connections a test can cut and restore. */
export interface TcpProxy {
  readonly port: number;
  /** Destroys every open connection (both sides) and refuses new ones until `restore`. */
  cut(): void;
  /** Accepts and forwards new connections again. */
  restore(): void;
  close(): Promise<void>;
}

/** Listens on a free 127.0.0.1 port and pipes each connection both ways to `targetHost:targetPort`. */
export async function tcpProxy(targetPort: number, targetHost = LOOPBACK): Promise<TcpProxy> {
  const open = new Set<Socket>();
  let refusing = false;
  const track = (socket: Socket) => {
    open.add(socket);
    socket.once('close', () => open.delete(socket));
  };
  const server: Server = createServer((client) => {
    if (refusing) {
      client.destroy();
      return;
    }
    const upstream = createConnection({ host: targetHost, port: targetPort });
    track(client);
    track(upstream);
    client.on('error', () => upstream.destroy());
    upstream.on('error', () => client.destroy());
    client.on('close', () => upstream.destroy());
    upstream.on('close', () => client.destroy());
    client.pipe(upstream);
    upstream.pipe(client);
  });
  const port = await freePort();
  await new Promise<void>((resolve, reject) => {
    server.once('error', reject);
    server.listen(port, LOOPBACK, () => resolve());
  });
  const destroyAll = () => {
    for (const socket of open) socket.destroy();
    open.clear();
  };
  return {
    port,
    cut() {
      refusing = true;
      destroyAll();
    },
    restore() {
      refusing = false;
    },
    close() {
      refusing = true;
      destroyAll();
      return new Promise((resolve) => server.close(() => resolve()));
    },
  };
}

/** A Salon node (`salon start`) in a child process. */
export interface NodeProcess {
  readonly port: number;
  readonly pid: number;
  /** http://127.0.0.1:port */
  readonly url: string;
  /** Its data folder (SALON_DATA_DIR). */
  readonly dataDir: string;
  /** What it printed so far, stdout and stderr interleaved. */
  output(): string;
  /** Sends a signal to its PID (default SIGTERM). */
  kill(signal?: NodeJS.Signals): void;
  /** Its exit code, or null when a signal ended it. */
  readonly exited: Promise<number | null>;
  /** SIGTERM, SIGKILL after 3 s; waits for the exit and removes its data folder. */
  stop(): Promise<void>;
}

/**
 * Runs `node packages/server/bin/salon.js start` on a free loopback port with a fresh data folder
 * (SQLite unless `env` sets SALON_DATABASE_URL), and waits until GET /healthz answers 200. The
 * server must be built first (`npm run typecheck`).
 */
export async function startNode(
  options: { env?: Record<string, string>; cwd?: string; timeoutMs?: number } = {},
): Promise<NodeProcess> {
  if (!serverBuilt()) {
    throw new Error(`${SALON_CLI} is missing: build the server first (npm run typecheck)`);
  }
  const timeoutMs = options.timeoutMs ?? 20_000;
  const port = await freePort();
  const dataDir = await mkdtemp(join(tmpdir(), 'salon-node-'));
  const child = launch(process.execPath, [SALON_BIN, 'start'], {
    // A fresh folder by default, so that no salon.yaml of the working directory is picked up.
    cwd: options.cwd ?? dataDir,
    env: {
      ...process.env,
      SALON_HOST: LOOPBACK,
      SALON_PORT: String(port),
      SALON_DATA_DIR: dataDir,
      SALON_LOG_LEVEL: 'warn',
      // No Janus child: a node killed with SIGKILL would leave it running.
      SALON_LIVE: 'off',
      ...options.env,
    },
  });
  const output = capture(child);
  const spawned = new Promise<void>((resolve, reject) => {
    child.once('spawn', resolve);
    child.once('error', reject);
  });
  const exited = exitOf(child);
  await spawned;
  const url = `http://${LOOPBACK}:${port}`;
  const node: NodeProcess = {
    port,
    pid: child.pid!,
    url,
    dataDir,
    output,
    kill(signal: NodeJS.Signals = 'SIGTERM') {
      if (child.exitCode === null && child.signalCode === null) child.kill(signal);
    },
    exited,
    async stop() {
      await terminate(child);
      await rm(dataDir, { recursive: true, force: true });
    },
  };
  let gone = false;
  void exited.then(() => (gone = true));
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    if (gone) {
      await node.stop();
      throw new Error(
        `salon exited (${child.exitCode ?? child.signalCode}) before answering:\n${tail(output())}`,
      );
    }
    if (await healthy(url)) return node;
    if (Date.now() > deadline) {
      await node.stop();
      throw new Error(
        `salon on port ${port} did not answer /healthz within ${timeoutMs} ms:\n${tail(output())}`,
      );
    }
    await delay(100);
  }
}

async function healthy(url: string): Promise<boolean> {
  try {
    const response = await fetch(`${url}/healthz`, { signal: AbortSignal.timeout(1000) });
    await response.body?.cancel();
    return response.status === 200;
  } catch {
    return false;
  }
}

/** Anything this harness started that a test must stop. */
export type Stoppable = Pick<OwnRedis, 'stop'> | Pick<NodeProcess, 'stop'> | Pick<TcpProxy, 'close'>;

/**
 * The processes and proxies a test file started, stopped together in `afterEach`/`afterAll`:
 * `const procs = new ProcessSet()`, `procs.add(await startRedis())`, `await procs.stopAll()`.
 */
export class ProcessSet {
  private readonly items = new Set<Stoppable>();

  /** Keeps `item` to stop later; returns it. */
  add<T extends Stoppable>(item: T): T {
    this.items.add(item);
    return item;
  }

  /** Stops (or closes) everything added, newest first, one at a time; goes on when one fails. */
  async stopAll(): Promise<void> {
    const items = [...this.items].reverse();
    this.items.clear();
    let failure: Error | null = null;
    for (const item of items) {
      try {
        await ('stop' in item ? item.stop() : item.close());
      } catch (error) {
        failure ??= error instanceof Error ? error : new Error(`could not stop: ${JSON.stringify(error)}`);
      }
    }
    if (failure) throw failure;
  }
}
