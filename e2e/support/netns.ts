import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { chmod, mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { fileURLToPath } from 'node:url';
import { CHROMIUM } from './browser.js';

const run = promisify(execFile);

/** Janus from Debian, as `npm start` finds it. */
export const JANUS = ['/usr/bin/janus', '/usr/local/bin/janus'].find((path) => existsSync(path)) ?? null;

/** Live-media browser tests need Janus, Chromium and root (for the network namespace). */
export const LIVE_TESTS =
  JANUS !== null && CHROMIUM !== null && process.getuid?.() === 0 && existsSync('/usr/bin/ip');

if (!LIVE_TESTS && process.env.CI === 'true') {
  throw new Error(
    'Live-media browser tests need janus, chromium and ip (as root) under CI=true: run .ci/run.',
  );
}

/** The only address that carries media in the tests: Janus gathers here, browsers reach it here. */
export const MEDIA_ADDRESS = '127.0.0.2';
/** Janus's media ports in the tests: any candidate a browser receives must use one of these. */
export const RTP_PORTS = { min: 20000, max: 20199 };

/**
 * A network namespace of the test's own: loopback, and a veth pair carrying 127.0.0.2 only
 * (libnice gathers no candidate on a loopback interface). Janus, Salon and Chromium run inside,
 * so nothing is ever sent outside 127.0.0.0/8.
 */
export class Netns {
  private constructor(readonly name: string) {}

  static async create(): Promise<Netns> {
    const name = `salon-e2e-${process.pid}`;
    const ns = new Netns(name);
    await run('ip', ['netns', 'add', name]);
    try {
      await ns.ip('link', 'set', 'lo', 'up');
      await run('ip', [
        'link',
        'add',
        'sv0',
        'netns',
        name,
        'type',
        'veth',
        'peer',
        'name',
        'sv1',
        'netns',
        name,
      ]);
      for (const dev of ['sv0', 'sv1']) {
        await run('ip', ['netns', 'exec', name, 'sysctl', '-q', '-w', `net.ipv6.conf.${dev}.disable_ipv6=1`]);
      }
      await ns.ip('addr', 'add', `${MEDIA_ADDRESS}/32`, 'dev', 'sv0');
      await ns.ip('link', 'set', 'sv0', 'up');
      await ns.ip('link', 'set', 'sv1', 'up');
    } catch (error) {
      await ns.remove();
      throw error;
    }
    return ns;
  }

  private async ip(...args: string[]): Promise<void> {
    await run('ip', ['-n', this.name, ...args]);
  }

  /** A command run inside the namespace. */
  spawn(command: string, args: string[], env: NodeJS.ProcessEnv = process.env): ChildProcess {
    return spawn('ip', ['netns', 'exec', this.name, command, ...args], {
      env,
      stdio: ['ignore', 'pipe', 'pipe'],
    });
  }

  /** An executable that runs Chromium inside the namespace (for Playwright's executablePath). */
  async chromiumWrapper(dir: string): Promise<string> {
    const path = join(dir, 'chromium-in-netns');
    await writeFile(path, `#!/bin/sh\nexec ip netns exec ${this.name} ${CHROMIUM} "$@"\n`);
    await chmod(path, 0o755);
    return path;
  }

  async remove(): Promise<void> {
    await run('ip', ['netns', 'delete', this.name]).catch(() => {});
  }
}

const SALON_BIN = fileURLToPath(new URL('../../packages/server/bin/salon.js', import.meta.url));

export interface LiveSalon {
  url: string;
  dir: string;
  /** Everything the server (and Janus through it) printed. */
  output(): string;
  stop(): Promise<void>;
}

/** Salon, started as `npm start` does (Janus as its child), inside the namespace. */
export async function startLiveSalon(ns: Netns, port = 18080): Promise<LiveSalon> {
  const dir = await mkdtemp(join(tmpdir(), 'salon-live-'));
  const config = {
    http: { host: '127.0.0.1', port },
    storage: { dataDir: join(dir, 'data') },
    chat: { memberGrace: 2000 },
    live: {
      interfaces: MEDIA_ADDRESS,
      rtpPorts: `${RTP_PORTS.min}-${RTP_PORTS.max}`,
      camLimit: 4,
      speakerLimit: 2,
    },
    rooms: [
      { id: 'general', name: 'Général' },
      { id: 'vocal', name: 'Vocal', topic: 'On parle', voice: true },
    ],
    log: { level: 'warn' },
  };
  const file = join(dir, 'salon.yaml');
  // YAML is a superset of JSON.
  await writeFile(file, JSON.stringify(config, null, 2));
  const child = ns.spawn(process.execPath, [SALON_BIN, 'start', '-c', file]);
  let output = '';
  const collect = (chunk: Buffer) => (output += chunk.toString('utf8'));
  child.stdout?.on('data', collect);
  child.stderr?.on('data', collect);
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  const deadline = Date.now() + 30_000;
  while (!output.includes('Salon is running')) {
    if (child.exitCode !== null || Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`Salon did not start in the namespace:\n${output}`);
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  return {
    url: `http://127.0.0.1:${port}`,
    dir,
    output: () => output,
    async stop() {
      if (child.exitCode === null) {
        // `ip netns exec` execs Salon in its place: this pid is Salon's.
        child.kill('SIGTERM');
        const timer = setTimeout(() => child.kill('SIGKILL'), 10_000);
        await exited;
        clearTimeout(timer);
      }
      await rm(dir, { recursive: true, force: true });
    },
  };
}
