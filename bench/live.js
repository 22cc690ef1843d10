#!/usr/bin/env node
// Live-media benchmark (V1, V2): Salon and its Janus in a network namespace of their own (as the
// browser tests run them), Chromium with a fake camera and microphone, and the CPU that Salon's
// process and Janus's process use, from /proc/<pid>/stat, while
//   - one camera (640×480) is watched by 10 viewers, and
//   - 10 people are in a voice room, 4 of them speaking.
// Needs root, ip (iproute2), janus and chromium. Run through `npm run bench -- live`.
import { execFileSync, spawn } from 'node:child_process';
import { chmodSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { cpus, loadavg, tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { procCpuMicros, sleep } from './loadgen/client.js';

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const SALON = join(ROOT, 'packages/server/bin/salon.js');
const NS = `salon-bench-${process.pid}`;
const PORT = 18090;
const VIEWERS = Number(process.env.BENCH_LIVE_VIEWERS ?? 10);
const VOICES = Number(process.env.BENCH_LIVE_VOICES ?? 10);
const SPEAKERS = 4;
const MEASURE_S = Number(process.env.BENCH_LIVE_SECONDS ?? 20);

const ip = (...args) => execFileSync('ip', args, { stdio: 'pipe' });

function createNamespace() {
  ip('netns', 'add', NS);
  ip('-n', NS, 'link', 'set', 'lo', 'up');
  ip('link', 'add', 'sb0', 'netns', NS, 'type', 'veth', 'peer', 'name', 'sb1', 'netns', NS);
  for (const dev of ['sb0', 'sb1']) {
    ip('netns', 'exec', NS, 'sysctl', '-q', '-w', `net.ipv6.conf.${dev}.disable_ipv6=1`);
  }
  ip('-n', NS, 'addr', 'add', '127.0.0.2/32', 'dev', 'sb0');
  ip('-n', NS, 'link', 'set', 'sb0', 'up');
  ip('-n', NS, 'link', 'set', 'sb1', 'up');
}

/** A continuous tone for the fake microphone (its own beeps are too short to count as speech). */
function toneWav(path, seconds = 2, hz = 440, rate = 48_000) {
  const data = Buffer.alloc(seconds * rate * 2);
  for (let i = 0; i < seconds * rate; i += 1) {
    data.writeInt16LE(Math.round(Math.sin((2 * Math.PI * hz * i) / rate) * 16_000), i * 2);
  }
  const header = Buffer.alloc(44);
  header.write('RIFF', 0);
  header.writeUInt32LE(36 + data.length, 4);
  header.write('WAVEfmt ', 8);
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20);
  header.writeUInt16LE(1, 22);
  header.writeUInt32LE(rate, 24);
  header.writeUInt32LE(rate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36);
  header.writeUInt32LE(data.length, 40);
  writeFileSync(path, Buffer.concat([header, data]));
}

async function startSalon(dir) {
  const config = {
    http: { host: '127.0.0.1', port: PORT },
    storage: { dataDir: join(dir, 'data') },
    limits: { entries: { points: 1000, window: '1m' }, connectionsPerAddress: 1000 },
    live: { interfaces: '127.0.0.2', rtpPorts: '20000-20999', camLimit: 4, speakerLimit: SPEAKERS },
    rooms: [
      { id: 'general', name: 'Général' },
      { id: 'vocal', name: 'Vocal', voice: true },
    ],
    log: { level: 'warn' },
  };
  const file = join(dir, 'salon.yaml');
  writeFileSync(file, JSON.stringify(config));
  const child = spawn('ip', ['netns', 'exec', NS, process.execPath, SALON, 'start', '-c', file], {
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let output = '';
  child.stdout.on('data', (c) => (output += c));
  child.stderr.on('data', (c) => (output += c));
  const deadline = Date.now() + 30_000;
  while (!output.includes('Salon is running')) {
    if (child.exitCode !== null || Date.now() > deadline) throw new Error(`Salon did not start:\n${output}`);
    await sleep(100);
  }
  const janusPid = Number(readFileSync(join(dir, 'data', 'janus', 'janus.pid'), 'utf8').trim());
  return { child, salonPid: child.pid, janusPid, url: `http://127.0.0.1:${PORT}` };
}

const FLAGS = [
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
  '--allow-loopback-in-peer-connection',
  '--use-fake-ui-for-media-stream',
  '--use-fake-device-for-media-stream',
  '--autoplay-policy=no-user-gesture-required',
];

async function browser(wrapper, extra = []) {
  return chromium.launch({ executablePath: wrapper, args: [...FLAGS, ...extra] });
}

async function enter(context, url, nickname, roomId) {
  const page = await context.newPage();
  await page.goto(url);
  await page.getByTestId('entry-nickname').fill(nickname);
  await page.getByTestId('entry-age').fill('30');
  await page.getByTestId('entry-gender').selectOption('woman');
  await page.getByTestId('entry-submit').click();
  await page.getByTestId(`room-item-${roomId}`).click();
  await page.getByTestId(`room-view-${roomId}`).waitFor();
  return page;
}

async function inbound(page) {
  return page.evaluate(async () => {
    const out = { frames: 0, audio: 0 };
    for (const video of document.querySelectorAll('video[data-testid^="cam-video-"]')) {
      out.frames += video.getVideoPlaybackQuality().totalVideoFrames;
    }
    return out;
  });
}

/** CPU of Salon and Janus over `seconds`, as a percentage of one core. */
async function measure(pids, seconds) {
  const before = pids.map(procCpuMicros);
  const started = process.hrtime.bigint();
  await sleep(seconds * 1000);
  const wall = Number(process.hrtime.bigint() - started) / 1000;
  return pids.map((pid, i) => (100 * (procCpuMicros(pid) - before[i])) / wall);
}

async function camScenario(salon, wrapper) {
  const publisher = await browser(wrapper);
  const camPage = await enter(await publisher.newContext(), salon.url, 'Cam_bench', 'general');
  await camPage.getByTestId('cam-access').selectOption('room');
  await camPage.getByTestId('cam-start').click();
  await camPage.locator('[data-testid="cam-mine"][data-phase="on"]').waitFor({ timeout: 20_000 });
  const camId = await camPage
    .getByTestId('member')
    .filter({ hasText: 'Cam_bench' })
    .getAttribute('data-user');
  const idle = await measure([salon.salonPid, salon.janusPid], 5);
  const watchers = await browser(wrapper);
  const pages = [];
  for (let i = 0; i < VIEWERS; i += 1) {
    const page = await enter(await watchers.newContext(), salon.url, `Vue_${i}`, 'general');
    await page.getByTestId(`cam-watch-${camId}`).click();
    pages.push(page);
  }
  for (const page of pages) {
    await page.waitForFunction(
      (id) => (document.querySelector(`[data-testid="cam-video-${id}"]`)?.videoWidth ?? 0) > 0,
      camId,
      { timeout: 30_000 },
    );
  }
  const framesBefore = await Promise.all(pages.map(inbound));
  const [salonCpu, janusCpu] = await measure([salon.salonPid, salon.janusPid], MEASURE_S);
  const framesAfter = await Promise.all(pages.map(inbound));
  const fps = framesAfter.map((f, i) => (f.frames - framesBefore[i].frames) / MEASURE_S);
  await watchers.close();
  await publisher.close();
  return { idle, salonCpu, janusCpu, fps };
}

async function voiceScenario(salon, wrapper, tone) {
  const speakers = await browser(wrapper, [`--use-file-for-fake-audio-capture=${tone}`]);
  const listeners = await browser(wrapper);
  const pages = [];
  for (let i = 0; i < VOICES; i += 1) {
    const owner = i < SPEAKERS ? speakers : listeners;
    const page = await enter(await owner.newContext(), salon.url, `Voix_${i}`, 'vocal');
    await page.getByTestId('voice-join').click();
    await page.locator('[data-testid="voice-bar"][data-phase="on"]').waitFor({ timeout: 20_000 });
    if (i < SPEAKERS) await page.getByTestId('voice-speak').click();
    pages.push(page);
  }
  await sleep(3000);
  const [salonCpu, janusCpu] = await measure([salon.salonPid, salon.janusPid], MEASURE_S);
  const talking = await pages[VOICES - 1]
    .locator('[data-talking="true"]')
    .count()
    .catch(() => 0);
  await speakers.close();
  await listeners.close();
  return { salonCpu, janusCpu, talking };
}

async function main() {
  process.stderr.write(
    `bench live: ${cpus().length} cores, load average ${loadavg()
      .map((l) => l.toFixed(2))
      .join(' ')}\n`,
  );
  const dir = mkdtempSync(join(tmpdir(), 'salon-bench-live-'));
  const wrapper = join(dir, 'chromium');
  writeFileSync(wrapper, `#!/bin/sh\nexec ip netns exec ${NS} /usr/bin/chromium "$@"\n`);
  chmodSync(wrapper, 0o755);
  const tone = join(dir, 'tone.wav');
  toneWav(tone);
  createNamespace();
  let salon = null;
  try {
    salon = await startSalon(dir);
    const cam = await camScenario(salon, wrapper);
    const voice = await voiceScenario(salon, wrapper, tone);
    const pct = (n) => `${n.toFixed(1)} %`;
    const lines = [
      '',
      '### live (Salon and Janus CPU, % of one core, over ' + MEASURE_S + ' s)',
      '',
      '| scenario | Salon CPU | Janus CPU | notes |',
      '|---|---|---|---|',
      `| 1 cam on, nobody watching | ${pct(cam.idle[0])} | ${pct(cam.idle[1])} | |`,
      `| 1 cam (640×480) → ${VIEWERS} viewers | ${pct(cam.salonCpu)} | ${pct(cam.janusCpu)} | frames/s at each viewer: ${Math.min(...cam.fps).toFixed(1)}–${Math.max(...cam.fps).toFixed(1)} |`,
      `| ${VOICES}-person voice room, ${SPEAKERS} speaking | ${pct(voice.salonCpu)} | ${pct(voice.janusCpu)} | speakers seen talking by a listener: ${voice.talking} |`,
      '',
    ];
    process.stdout.write(lines.join('\n'));
  } finally {
    if (salon) {
      salon.child.kill('SIGTERM');
      await new Promise((r) => salon.child.once('exit', r));
    }
    try {
      ip('netns', 'delete', NS);
    } catch {
      // already gone
    }
    rmSync(dir, { recursive: true, force: true });
  }
}

main().catch((error) => {
  process.stderr.write(`bench live: ${error.stack ?? error}\n`);
  process.exit(1);
});
