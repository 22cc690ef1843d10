import { spawn, type ChildProcess } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { accessSync, constants } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer } from 'node:net';
import { delimiter, join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { JanusSocket } from './client.js';
import { writeJanusConfig, type JanusSettings } from './config.js';
import type { JanusEndpoints } from './adapter.js';

/** The janus binary: the configured path, or the first `janus` on the PATH; null when absent. */
export function findJanus(configured: string | null): string | null {
  const candidates = configured
    ? [configured]
    : (process.env.PATH ?? '').split(delimiter).map((dir) => join(dir, 'janus'));
  for (const path of candidates) {
    try {
      accessSync(path, constants.X_OK);
      return path;
    } catch {
      // not here
    }
  }
  return null;
}

/**
 * A Janus left running by a Salon that was killed (SIGKILL leaves no time to stop it) holds the
 * ports and the old secrets: it is ended, if the PID file names a Janus started with this config.
 */
async function killStale(pidFile: string, main: string): Promise<void> {
  let pid: number;
  try {
    pid = Number((await readFile(pidFile, 'utf8')).trim());
  } catch {
    return;
  }
  if (!Number.isInteger(pid) || pid <= 1) return;
  try {
    const command = (await readFile(`/proc/${pid}/cmdline`, 'utf8')).split('\0');
    if (!command.includes(main)) return;
    process.kill(pid, 'SIGKILL');
    await sleep(200);
  } catch {
    // not running any more
  }
}

/** A TCP port free on loopback now (the OS picks it), for Janus's APIs. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address !== null ? address.port : 0;
      server.close(() => resolve(port));
    });
  });
}

export interface JanusProcess {
  endpoints: JanusEndpoints;
  /** Called with each line Janus prints (for the log). */
  child: ChildProcess;
  stop(): Promise<void>;
}

async function waitForApi(url: string, child: ChildProcess, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  let lastError: unknown = null;
  while (Date.now() < deadline) {
    if (child.exitCode !== null || child.signalCode !== null)
      throw new Error(`janus exited (${child.exitCode ?? child.signalCode}) before it was ready`);
    const probe = new JanusSocket(url, 'janus-protocol', 2000);
    try {
      await probe.connect();
      probe.close();
      return;
    } catch (error) {
      lastError = error;
      await sleep(100);
    }
  }
  throw new Error(`janus did not open its API in time: ${String(lastError)}`);
}

/**
 * Starts Janus as a child process with a configuration generated in `dir`: its APIs on loopback
 * only, fresh secrets, token authentication, only the plugins and transport Salon uses.
 */
export async function startJanus(
  binary: string,
  dir: string,
  settings: Omit<JanusSettings, 'adminSecret' | 'roomSecret'>,
  onLine: (line: string) => void,
): Promise<JanusProcess> {
  const full: JanusSettings = {
    ...settings,
    adminSecret: randomBytes(24).toString('base64url'),
    roomSecret: randomBytes(24).toString('base64url'),
  };
  const main = await writeJanusConfig(dir, full);
  const pidFile = join(dir, 'janus.pid');
  await killStale(pidFile, main);
  const child = spawn(binary, ['-C', main, '-F', dir, '-o', '-p', pidFile], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let buffered = '';
  const onData = (chunk: Buffer) => {
    buffered += chunk.toString('utf8');
    let newline = buffered.indexOf('\n');
    while (newline >= 0) {
      const line = buffered.slice(0, newline).trimEnd();
      buffered = buffered.slice(newline + 1);
      if (line !== '') onLine(line);
      newline = buffered.indexOf('\n');
    }
  };
  child.stdout?.on('data', onData);
  child.stderr?.on('data', onData);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const stop = async () => {
    if (child.exitCode !== null || child.signalCode !== null) return;
    child.kill('SIGTERM');
    const timer = setTimeout(() => child.kill('SIGKILL'), 3000);
    await exited;
    clearTimeout(timer);
  };
  const apiUrl = `ws://127.0.0.1:${settings.apiPort}`;
  try {
    await waitForApi(apiUrl, child, 15_000);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    endpoints: {
      apiUrl,
      adminUrl: `ws://127.0.0.1:${settings.adminPort}`,
      adminSecret: full.adminSecret,
      roomSecret: full.roomSecret,
    },
    child,
    stop,
  };
}
