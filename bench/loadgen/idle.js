// Idle scenario: server memory per connected, joined client that sends nothing.
import { performance } from 'node:perf_hooks';
import { connectAndJoin, emit, enterMany, loadArgs, log, procRss, sleep } from './client.js';

const args = loadArgs();
const N = args.clients;
const ROOM = args.room ?? 'general';
const SETTLE_MS = args.settleMs ?? 10_000;

/** RSS after a settle pause: the lowest of the last few samples, once the heap has had time to shrink. */
async function settledRss() {
  const samples = [];
  const end = performance.now() + SETTLE_MS;
  while (performance.now() < end) {
    samples.push(procRss(args.serverPid));
    await sleep(500);
  }
  return Math.min(...samples.slice(-6));
}

async function main() {
  const rssStart = await settledRss();
  log(`idle: entering ${N} users`);
  const cookies = await enterMany(args.base, `i${N}u`, N);
  const rssEntered = await settledRss();
  log(`idle: connecting and joining ${ROOM}`);
  const t0 = performance.now();
  const clients = await connectAndJoin(args.wsUrl, cookies, ROOM, 25);
  const joinSeconds = (performance.now() - t0) / 1000;
  log(`idle: ${N} joined in ${joinSeconds.toFixed(1)} s; settling`);
  let frames = 0;
  for (const client of clients) client.onFrame = () => frames++;
  const rssJoined = await settledRss();
  const open = clients.filter((c) => c.closeCode === null).length;
  emit({
    scenario: 'idle',
    clients: N,
    open,
    joinSeconds,
    rssStartMB: rssStart / 1048576,
    rssEnteredMB: rssEntered / 1048576,
    rssJoinedMB: rssJoined / 1048576,
    kbPerClient: (rssJoined - rssEntered) / 1024 / N,
    kbPerClientFromStart: (rssJoined - rssStart) / 1024 / N,
  });
  for (const client of clients) client.close();
}

main().then(
  () => process.exit(0),
  (error) => {
    log(`idle failed: ${error.stack ?? error}`);
    process.exit(1);
  },
);
