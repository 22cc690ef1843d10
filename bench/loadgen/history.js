// History scenario: a room holding M stored messages; time room.join → room.joined (with the
// last chat.historyOnJoin = 50 messages) for fresh users, one at a time.
import { performance } from 'node:perf_hooks';
import { Client, emit, enter, enterMany, loadArgs, log, percentile } from './client.js';

const args = loadArgs();
const M = args.messages ?? 10_000;
const REPS = args.reps ?? 30;
const ROOM = args.room ?? 'musique';
const WINDOW = 64; // msg.send requests in flight while filling the room

async function fill() {
  const cookie = await enter(args.base, 'hwriter');
  const writer = await Client.connect(args.wsUrl, cookie);
  await writer.hello();
  await writer.request({ type: 'room.join', roomId: ROOM });
  const t0 = performance.now();
  let next = 0;
  let lastSeq = 0;
  const worker = async () => {
    while (next < M) {
      const i = next++;
      const ack = await writer.request({
        type: 'msg.send',
        roomId: ROOM,
        cid: `h${i}`,
        text: `history message number ${i} with some words in it`,
      });
      lastSeq = Math.max(lastSeq, ack.seq);
    }
  };
  await Promise.all(Array.from({ length: WINDOW }, worker));
  const seconds = (performance.now() - t0) / 1000;
  await writer.request({ type: 'room.leave', roomId: ROOM });
  writer.close();
  return { seconds, lastSeq };
}

async function main() {
  log(`history: storing ${M} messages in ${ROOM}`);
  const { seconds: fillSeconds, lastSeq } = await fill();
  log(
    `history: stored in ${fillSeconds.toFixed(1)} s (${Math.round(M / fillSeconds)} msg/s), last seq ${lastSeq}`,
  );
  const cookies = await enterMany(args.base, 'hreader', REPS);
  const times = [];
  let wrong = 0;
  for (let r = 0; r < REPS; r++) {
    const client = await Client.connect(args.wsUrl, cookies[r]);
    await client.hello();
    const t0 = performance.now();
    const joined = await client.request({ type: 'room.join', roomId: ROOM });
    times.push(performance.now() - t0);
    const messages = joined.messages;
    if (messages.length !== 50 || messages[messages.length - 1].seq !== lastSeq || !joined.hasOlder) wrong++;
    await client.request({ type: 'room.leave', roomId: ROOM });
    client.close();
  }
  const sorted = Float64Array.from(times).sort();
  emit({
    scenario: 'history',
    stored: M,
    lastSeq,
    fillSeconds,
    reps: REPS,
    wrong,
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    minMs: sorted[0],
    maxMs: sorted[sorted.length - 1],
  });
}

main().then(
  () => process.exit(0),
  (error) => {
    log(`history failed: ${error.stack ?? error}`);
    process.exit(1);
  },
);
