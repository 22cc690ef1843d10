#!/usr/bin/env node
// Load benchmark: starts a Salon server pinned to core 0 on a fresh temporary data directory
// (or, for the cluster scenario, two nodes on PostgreSQL plus a Redis of its own, all on core 0),
// runs a load generator pinned to core 1 (a separate process speaking the WebSocket protocol),
// and prints one table row per scenario step.
//
//   npm run bench -- [fanout|idle|history|cluster|all] [options]     (see --help)
import { spawn, execFileSync } from 'node:child_process';
import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createConnection, createServer } from 'node:net';
import pg from 'pg';
import { randomBytes } from 'node:crypto';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SALON = join(ROOT, 'packages/server/bin/salon.js');
const LOADGEN = join(ROOT, 'bench/loadgen');

const HELP = `usage: npm run bench -- [fanout|idle|history|cluster|all|live] [options]

  live                      V1, V2: Salon and Janus CPU for 1 cam → 10 viewers and a 10-person
                            voice room (root, ip, janus and chromium; not part of "all")

  --sizes 100,1000          fan-out: room sizes N (one fresh server each)
  --targets 5000,10000,20000,40000,80000,120000
                            fan-out: deliveries/s of each step (send rate = target / N)
  --step-seconds 10         fan-out: length of each step
  --no-stop                 fan-out: run every step even after loss or overload
  --idle-clients 1000,5000  idle: client counts (one fresh server each)
  --history-messages 10000  history: stored messages
  --history-reps 30         history: timed joins
  --cluster-sizes 1000      cluster: room sizes N, members split over 2 nodes
  --cluster-targets 20000,40000
                            cluster: deliveries/s of each step
  --database-url URL        cluster: PostgreSQL (default postgres://postgres@127.0.0.1:5432/test;
                            a fresh schema is created and dropped)
  --max-buffered 1048576    server limits.maxBufferedBytes
  --cpu-prof DIR            run the server under node --cpu-prof, profile written to DIR
  --server-core 0 --generator-core 1
`;

function parseArgs(argv) {
  const opts = {
    scenario: 'all',
    sizes: [100, 1000],
    targets: [5000, 10000, 20000, 40000, 80000, 120000],
    stepSeconds: 10,
    noStop: false,
    idleClients: [1000, 5000],
    historyMessages: 10_000,
    historyReps: 30,
    clusterSizes: [1000],
    clusterTargets: [20000, 40000],
    databaseUrl: process.env.SALON_BENCH_DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test',
    maxBuffered: 1_048_576,
    cpuProf: null,
    serverCore: 0,
    generatorCore: 1,
  };
  const list = (v) => v.split(',').map(Number);
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i];
    const next = () => argv[++i];
    if (a === '--help' || a === '-h') {
      process.stdout.write(HELP);
      process.exit(0);
    } else if (['fanout', 'idle', 'history', 'cluster', 'all'].includes(a)) opts.scenario = a;
    else if (a === 'live') opts.scenario = 'live';
    else if (a === '--sizes') opts.sizes = list(next());
    else if (a === '--targets') opts.targets = list(next());
    else if (a === '--step-seconds') opts.stepSeconds = Number(next());
    else if (a === '--no-stop') opts.noStop = true;
    else if (a === '--idle-clients') opts.idleClients = list(next());
    else if (a === '--history-messages') opts.historyMessages = Number(next());
    else if (a === '--history-reps') opts.historyReps = Number(next());
    else if (a === '--cluster-sizes') opts.clusterSizes = list(next());
    else if (a === '--cluster-targets') opts.clusterTargets = list(next());
    else if (a === '--database-url') opts.databaseUrl = next();
    else if (a === '--max-buffered') opts.maxBuffered = Number(next());
    else if (a === '--cpu-prof') opts.cpuProf = resolve(next());
    else if (a === '--server-core') opts.serverCore = Number(next());
    else if (a === '--generator-core') opts.generatorCore = Number(next());
    else {
      process.stderr.write(`bench: unknown argument ${a}\n\n${HELP}`);
      process.exit(2);
    }
  }
  return opts;
}

function freePort() {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address();
      server.close(() => resolvePort(port));
    });
  });
}

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

function configYaml(port, dataDir, opts) {
  // Limits raised so that the benchmark measures delivery, not flood control; texts are unique.
  const big = 1_000_000_000;
  return `http:
  host: 127.0.0.1
  port: ${port}
storage:
  dataDir: ${JSON.stringify(dataDir)}
limits:
  messages: { points: ${big}, window: 1s }
  typing: { points: ${big}, window: 1s }
  entries: { points: ${big}, window: 1s }
  connects: { points: ${big}, window: 1s }
  connectionsPerAddress: ${big}
  repeats: 20
  maxBufferedBytes: ${opts.maxBuffered}
log:
  level: warn
`;
}

/**
 * Starts a server on a fresh data directory, pinned to the server core; resolves once /healthz
 * answers. `env` adds environment variables (the cluster's database and Redis).
 */
async function startServer(opts, env = {}) {
  const dir = mkdtempSync(join(tmpdir(), 'salon-bench-'));
  const dataDir = join(dir, 'data');
  const port = await freePort();
  const configFile = join(dir, 'salon.yaml');
  writeFileSync(configFile, configYaml(port, dataDir, opts));
  const nodeArgs = opts.cpuProf ? ['--cpu-prof', `--cpu-prof-dir=${opts.cpuProf}`] : [];
  const child = spawn(
    'taskset',
    ['-c', String(opts.serverCore), process.execPath, ...nodeArgs, SALON, 'start', '--config', configFile],
    {
      cwd: dir,
      stdio: ['ignore', 'pipe', 'pipe'],
      env: {
        ...process.env,
        SALON_LIVE: 'off',
        SALON_PORT: String(port),
        SALON_HOST: '127.0.0.1',
        SALON_DATA_DIR: dataDir,
        ...env,
      },
    },
  );
  let output = '';
  child.stdout.on('data', (d) => (output = (output + d).slice(-4000)));
  child.stderr.on('data', (d) => (output = (output + d).slice(-4000)));
  const exited = new Promise((r) => child.once('exit', (code, signal) => r({ code, signal })));
  const base = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 30_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited at start-up:\n${output}`);
    try {
      const res = await fetch(`${base}/healthz`);
      if (res.ok) break;
    } catch {
      /* not listening yet */
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`server did not answer /healthz within 30 s:\n${output}`);
    }
    await sleep(200);
  }
  await sleep(2000); // let start-up work (workers, first queries) finish before measuring
  return {
    pid: child.pid,
    base,
    wsUrl: `ws://127.0.0.1:${port}/ws`,
    async stop() {
      if (child.exitCode === null) {
        process.kill(child.pid, 'SIGTERM');
        const timer = setTimeout(() => child.exitCode === null && process.kill(child.pid, 'SIGKILL'), 15_000);
        await exited;
        clearTimeout(timer);
      }
      rmSync(dir, { recursive: true, force: true });
    },
    output: () => output,
  };
}

/** Runs one generator script pinned to the generator core; resolves with its RESULT lines. */
function runGenerator(script, args, opts, timeoutMs) {
  return new Promise((resolveRun, reject) => {
    const child = spawn(
      'taskset',
      ['-c', String(opts.generatorCore), process.execPath, join(LOADGEN, script), JSON.stringify(args)],
      {
        cwd: ROOT,
        stdio: ['ignore', 'pipe', 'inherit'],
        env: { ...process.env, BENCH_CLK_TCK: String(CLK_TCK) },
      },
    );
    const results = [];
    let buffer = '';
    child.stdout.on('data', (d) => {
      buffer += d;
      let nl;
      while ((nl = buffer.indexOf('\n')) !== -1) {
        const line = buffer.slice(0, nl);
        buffer = buffer.slice(nl + 1);
        if (line.startsWith('RESULT ')) {
          const result = JSON.parse(line.slice(7));
          results.push(result);
          printRow(result);
        } else if (line) process.stderr.write(`${line}\n`);
      }
    });
    const timer = setTimeout(() => {
      process.stderr.write(`bench: ${script} over its ${timeoutMs / 1000} s limit, stopping it\n`);
      process.kill(child.pid, 'SIGKILL');
    }, timeoutMs);
    child.once('exit', (code) => {
      clearTimeout(timer);
      if (code === 0) resolveRun(results);
      else reject(Object.assign(new Error(`${script} exited with ${code}`), { results }));
    });
  });
}

const CLK_TCK = Number(execFileSync('getconf', ['CLK_TCK']).toString().trim());

const f = (v, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : '–');
const int = (v) => (Number.isFinite(v) ? Math.round(v).toLocaleString('en-US') : '–');
const rows = { fanout: [], idle: [], history: [], cluster: [] };

function printRow(r) {
  rows[r.scenario === 'fanout' && r.nodes > 1 ? 'cluster' : r.scenario].push(r);
  process.stderr.write(`bench: ${JSON.stringify(r)}\n`);
}

function table(header, lines) {
  return [
    `| ${header.join(' | ')} |`,
    `|${header.map(() => '---').join('|')}|`,
    ...lines.map((l) => `| ${l.join(' | ')} |`),
  ].join('\n');
}

function printTables() {
  const out = [];
  if (rows.fanout.length) {
    out.push(
      '### fan-out (one room, 10 senders, 100-byte messages)\n',
      table(
        [
          'N',
          'msg/s sent',
          'target deliv/s',
          'delivered/s',
          'lost',
          'p50 ms',
          'p99 ms',
          'server CPU %',
          'server µs/delivery',
          'server RSS MB',
          'generator CPU %',
          'note',
        ],
        rows.fanout.map((r) => [
          int(r.members),
          f(r.msgRate, r.msgRate < 10 ? 1 : 0),
          int(r.targetDeliveries),
          int(r.deliveredPerSec),
          r.lost === 0
            ? '0'
            : `${int(r.lost)} of ${int(r.expected)}${r.slowConsumerCloses ? ` (${r.slowConsumerCloses} slow-consumer closes)` : ''}`,
          f(r.p50Ms),
          f(r.p99Ms),
          f(r.serverCpuPct, 0),
          f(r.serverCpuUsPerDelivery, 2),
          f(r.serverRssMB, 0),
          f(r.generatorCpuPct, 0),
          [
            r.generatorBound ? 'generator-bound' : '',
            r.sendErrors ? `send errors ${JSON.stringify(r.errorCodes)}` : '',
            r.acked < r.sent ? `${r.sent - r.acked} unacked` : '',
          ]
            .filter(Boolean)
            .join('; '),
        ]),
      ),
      '',
    );
  }
  if (rows.cluster.length) {
    out.push(
      '### cluster (fan-out over 2 nodes + Redis; members and senders split between the nodes)\n',
      table(
        [
          'N',
          'target deliv/s',
          'delivered/s',
          'lost',
          'same-node p50 / p99 ms',
          'cross-node p50 / p99 ms',
          'extra p99 ms',
          'nodes+Redis CPU %',
          'µs/delivery',
          'generator CPU %',
          'note',
        ],
        rows.cluster.map((r) => [
          int(r.members),
          int(r.targetDeliveries),
          int(r.deliveredPerSec),
          r.lost === 0 ? '0' : `${int(r.lost)} of ${int(r.expected)}`,
          `${f(r.localP50Ms)} / ${f(r.localP99Ms)}`,
          `${f(r.crossP50Ms)} / ${f(r.crossP99Ms)}`,
          f(r.crossP99Ms - r.localP99Ms),
          f(r.serverCpuPct, 0),
          f(r.serverCpuUsPerDelivery, 2),
          f(r.generatorCpuPct, 0),
          [
            r.generatorBound ? 'generator-bound' : '',
            r.sendErrors ? `send errors ${JSON.stringify(r.errorCodes)}` : '',
          ]
            .filter(Boolean)
            .join('; '),
        ]),
      ),
      '',
    );
  }
  if (rows.idle.length) {
    out.push(
      '### idle (connected, joined, silent clients)\n',
      table(
        [
          'clients',
          'open',
          'connect+join s',
          'RSS start MB',
          'RSS after entries MB',
          'RSS joined MB',
          'KB / client',
          'KB / client incl. session',
        ],
        rows.idle.map((r) => [
          int(r.clients),
          int(r.open),
          f(r.joinSeconds),
          f(r.rssStartMB),
          f(r.rssEnteredMB),
          f(r.rssJoinedMB),
          f(r.kbPerClient),
          f(r.kbPerClientFromStart),
        ]),
      ),
      '',
    );
  }
  if (rows.history.length) {
    out.push(
      '### history (room.join → room.joined with the last 50 of the stored messages)\n',
      table(
        ['stored', 'fill s', 'joins', 'p50 ms', 'p99 ms', 'min ms', 'max ms', 'wrong answers'],
        rows.history.map((r) => [
          int(r.stored),
          f(r.fillSeconds),
          int(r.reps),
          f(r.p50Ms, 2),
          f(r.p99Ms, 2),
          f(r.minMs, 2),
          f(r.maxMs, 2),
          String(r.wrong),
        ]),
      ),
      '',
    );
  }
  process.stdout.write(`\n${out.join('\n')}\n`);
}

/**
 * Top self-time functions of the newest .cpuprofile in dir, counting only the samples taken while
 * the last fan-out step was sending (profile timestamps and the generator's hrtime share
 * CLOCK_MONOTONIC), as a share of the busy (non-idle) samples.
 */
function summariseProfile(dir) {
  const files = readdirSync(dir).filter((n) => n.endsWith('.cpuprofile'));
  if (!files.length) return;
  const newest = files
    .map((n) => join(dir, n))
    .sort()
    .pop();
  const profile = JSON.parse(readFileSync(newest, 'utf8'));
  const step = rows.fanout[rows.fanout.length - 1];
  const from = step ? step.monoStartUs : -Infinity;
  const to = step ? step.monoEndUs : Infinity;
  const byId = new Map(profile.nodes.map((n) => [n.id, n]));
  const self = new Map();
  let t = profile.startTime;
  let busy = 0;
  let all = 0;
  for (let i = 0; i < profile.samples.length; i++) {
    const dt = profile.timeDeltas[i] ?? 0;
    t += dt;
    if (t < from || t > to) continue;
    const cf = byId.get(profile.samples[i]).callFrame;
    all += dt;
    if (cf.functionName === '(idle)') continue;
    busy += dt;
    const url = cf.url.replace(/^.*node_modules\//, '').replace(/^file:\/\/.*packages\//, '');
    const key = `${cf.functionName || '(anonymous)'} ${url}${url ? `:${cf.lineNumber + 1}` : ''}`;
    self.set(key, (self.get(key) ?? 0) + dt);
  }
  const top = [...self.entries()].sort((a, b) => b[1] - a[1]).slice(0, 15);
  process.stdout.write(
    `\n### server profile ${newest}: top self time during the last step (${f(all / 1e6)} s, ${f((busy / Math.max(all, 1)) * 100, 0)} % busy)\n\n`,
  );
  process.stdout.write(
    table(
      ['function', '% of busy time'],
      top.map(([k, v]) => [`\`${k}\``, f((v / busy) * 100)]),
    ) + '\n',
  );
}

async function withServer(opts, body) {
  const server = await startServer(opts);
  try {
    return await body(server);
  } finally {
    await server.stop();
  }
}

/** A redis-server of the benchmark's own on a free port, pinned to the server core, keeping nothing. */
async function startRedis(opts) {
  const port = await freePort();
  const child = spawn(
    'taskset',
    [
      '-c',
      String(opts.serverCore),
      'redis-server',
      '--port',
      String(port),
      '--bind',
      '127.0.0.1',
      '--save',
      '',
      '--appendonly',
      'no',
    ],
    { stdio: 'ignore' },
  );
  const deadline = Date.now() + 10_000;
  for (;;) {
    const ok = await new Promise((resolveProbe) => {
      const socket = createConnection({ host: '127.0.0.1', port }, () => socket.write('PING\r\n'));
      socket.once('data', (d) => {
        socket.destroy();
        resolveProbe(String(d).startsWith('+PONG'));
      });
      socket.once('error', () => resolveProbe(false));
    });
    if (ok) break;
    if (Date.now() > deadline || child.exitCode !== null) throw new Error('redis-server did not start');
    await sleep(100);
  }
  return {
    pid: child.pid,
    url: `redis://127.0.0.1:${port}`,
    async stop() {
      if (child.exitCode === null) {
        child.kill('SIGTERM');
        await new Promise((r) => child.once('exit', r));
      }
    },
  };
}

/** Two nodes on a fresh PostgreSQL schema and a fresh Redis, all pinned to the server core. */
async function withCluster(opts, body) {
  const schema = `salon_bench_${process.pid}_${Date.now()}`;
  const admin = new pg.Client({ connectionString: opts.databaseUrl });
  await admin.connect();
  await admin.query(`CREATE SCHEMA "${schema}"`);
  const redis = await startRedis(opts);
  const url = new URL(opts.databaseUrl);
  url.searchParams.set('options', `-c search_path=${schema}`);
  const env = {
    SALON_DATABASE_URL: url.toString(),
    SALON_REDIS_URL: redis.url,
    SALON_ADDRESS_KEY: randomBytes(32).toString('hex'),
  };
  const nodes = [];
  try {
    // One after the other: the first runs the migrations.
    for (let i = 0; i < 2; i++) nodes.push(await startServer(opts, env));
    return await body(nodes, redis);
  } finally {
    for (const node of nodes) await node.stop();
    await redis.stop();
    await admin.query(`DROP SCHEMA "${schema}" CASCADE`);
    await admin.end();
  }
}

async function main() {
  const opts = parseArgs(process.argv.slice(2));
  if (opts.scenario === 'live') {
    // Live media has its own script: browsers and Janus in a network namespace (bench/live.js).
    const child = spawn(process.execPath, [join(ROOT, 'bench/live.js')], { stdio: 'inherit' });
    child.once('exit', (code) => process.exit(code ?? 1));
    return;
  }
  if (!existsSync(join(ROOT, 'packages/server/dist/cli.js'))) {
    process.stderr.write('bench: build the server first: npx tsc -b packages/server/tsconfig.build.json\n');
    process.exit(2);
  }
  const want = (s) => opts.scenario === 'all' || opts.scenario === s;
  const started = Date.now();
  process.stderr.write(
    `bench: ${cpus().length} cores, CLK_TCK ${CLK_TCK}, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );

  if (want('fanout')) {
    for (const N of opts.sizes) {
      await withServer(opts, (server) =>
        runGenerator(
          'fanout.js',
          {
            base: server.base,
            wsUrl: server.wsUrl,
            serverPid: server.pid,
            members: N,
            targets: opts.targets,
            stepSeconds: opts.stepSeconds,
            noStop: opts.noStop,
          },
          opts,
          60_000 + N * 200 + opts.targets.length * (opts.stepSeconds + 20) * 1000,
        ).catch((e) => process.stderr.write(`bench: fan-out N=${N}: ${e.message}\n`)),
      );
    }
  }
  if (want('cluster')) {
    for (const N of opts.clusterSizes) {
      await withCluster(opts, (nodes, redis) =>
        runGenerator(
          'fanout.js',
          {
            base: nodes[0].base,
            wsUrls: nodes.map((node) => node.wsUrl),
            serverPids: nodes.map((node) => node.pid),
            extraPids: [redis.pid],
            members: N,
            targets: opts.clusterTargets,
            stepSeconds: opts.stepSeconds,
            noStop: opts.noStop,
          },
          opts,
          60_000 + N * 400 + opts.clusterTargets.length * (opts.stepSeconds + 20) * 1000,
        ).catch((e) => process.stderr.write(`bench: cluster N=${N}: ${e.message}\n`)),
      );
    }
  }
  if (want('idle')) {
    for (const clients of opts.idleClients) {
      await withServer(opts, (server) =>
        runGenerator(
          'idle.js',
          { base: server.base, wsUrl: server.wsUrl, serverPid: server.pid, clients },
          opts,
          120_000 + clients * 200,
        ).catch((e) => process.stderr.write(`bench: idle ${clients}: ${e.message}\n`)),
      );
    }
  }
  if (want('history')) {
    await withServer(opts, (server) =>
      runGenerator(
        'history.js',
        {
          base: server.base,
          wsUrl: server.wsUrl,
          serverPid: server.pid,
          messages: opts.historyMessages,
          reps: opts.historyReps,
        },
        opts,
        600_000,
      ).catch((e) => process.stderr.write(`bench: history: ${e.message}\n`)),
    );
  }
  printTables();
  process.stdout.write(
    `\nserver pinned to core ${opts.serverCore}, generator to core ${opts.generatorCore}; load average at the end ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}; ${((Date.now() - started) / 1000).toFixed(0)} s\n`,
  );
  if (opts.cpuProf) summariseProfile(opts.cpuProf);
}

main().catch((error) => {
  process.stderr.write(`bench: ${error.stack ?? error}\n`);
  process.exit(1);
});
