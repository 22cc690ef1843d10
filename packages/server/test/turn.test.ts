import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { turnCredentials } from '../src/rtc/turn.js';
import { freePort } from '../src/rtc/janus/process.js';
import { errorCode, TurnClient, TYPES } from './support/stun.js';

const TURNSERVER =
  ['/usr/bin/turnserver', '/usr/local/bin/turnserver'].find((path) => existsSync(path)) ?? null;
if (!TURNSERVER && process.env.CI === 'true') {
  throw new Error('The TURN test needs coturn under CI=true: apt-get install coturn (see .ci/run).');
}
const EXAMPLE = fileURLToPath(new URL('../../../config/turnserver.example.conf', import.meta.url));
const SECRET = 'le secret partagé entre Salon et coturn';

describe.skipIf(!TURNSERVER)('coturn with the documented configuration (V3)', () => {
  let child: ChildProcess;
  let dir: string;
  let port: number;
  let output = '';

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'salon-turn-'));
    port = await freePort();
    // The example file, with this test's loopback address, port and secret.
    child = spawn(TURNSERVER!, [
      '-c',
      EXAMPLE,
      '--listening-ip',
      '127.0.0.1',
      '--relay-ip',
      '127.0.0.1',
      '--listening-port',
      String(port),
      '--static-auth-secret',
      SECRET,
      '--no-tls',
      '--no-dtls',
      '--pidfile',
      join(dir, 'turn.pid'),
      '--log-file',
      'stdout',
      '--simple-log',
      '--userdb',
      join(dir, 'turn.db'),
    ]);
    child.stdout?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    child.stderr?.on('data', (chunk: Buffer) => (output += chunk.toString()));
    const deadline = Date.now() + 10_000;
    // Ready once it answers a STUN request.
    for (;;) {
      const probe = new TurnClient('127.0.0.1', port);
      try {
        await probe.allocate('probe', 'probe');
        probe.close();
        break;
      } catch {
        probe.close();
        if (Date.now() > deadline || child.exitCode !== null)
          throw new Error(`coturn did not start:\n${output}`);
      }
    }
  }, 20_000);
  afterAll(async () => {
    child?.kill('SIGTERM');
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  it('relays for credentials Salon signs, and refuses expired or forged ones', async () => {
    const client = new TurnClient('127.0.0.1', port);
    try {
      const good = turnCredentials(SECRET, 'u_alice', 3_600_000, Date.now());
      const allocated = await client.allocate(good.username, good.credential);
      expect(allocated.answer.type).toBe(TYPES.allocateOk);
      expect(client.hasRelay(allocated.answer)).toBe(true);
    } finally {
      client.close();
    }
    for (const [label, credentials] of [
      ['expired', turnCredentials(SECRET, 'u_bob', 60_000, Date.now() - 3_600_000)],
      ['forged', turnCredentials('another secret', 'u_bob', 3_600_000, Date.now())],
    ] as const) {
      const other = new TurnClient('127.0.0.1', port);
      try {
        const refused = await other.allocate(credentials.username, credentials.credential);
        expect(refused.answer.type, label).toBe(TYPES.allocateError);
        expect(errorCode(refused.answer), label).toBe(401);
      } finally {
        other.close();
      }
    }
  });

  it('never relays towards private, loopback or link-local addresses', async () => {
    const client = new TurnClient('127.0.0.1', port);
    try {
      const creds = turnCredentials(SECRET, 'u_carol', 3_600_000, Date.now());
      const { answer, realm, nonce } = await client.allocate(creds.username, creds.credential);
      expect(answer.type).toBe(TYPES.allocateOk);
      const auth = { username: creds.username, password: creds.credential, realm, nonce };
      for (const peer of [
        '10.1.2.3',
        '192.168.1.20',
        '172.16.5.4',
        '127.0.0.1',
        '169.254.1.1',
        '100.64.0.1',
      ]) {
        const refused = await client.createPermission(peer, auth);
        expect(refused.type, peer).toBe(TYPES.createPermissionError);
        expect(errorCode(refused), peer).toBe(403);
      }
      // A public address (a documentation range here) is allowed: nothing is sent by asking.
      expect((await client.createPermission('192.0.2.10', auth)).type).toBe(TYPES.createPermissionOk);
    } finally {
      client.close();
    }
  });
});
