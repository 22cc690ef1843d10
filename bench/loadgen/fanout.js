// Fan-out scenario: N members in one room, 10 of them sending 100-byte messages at a rising rate.
// Every receiver takes the send timestamp out of the message text to measure latency; loss is
// what was acknowledged to a sender but did not reach every member. With several nodes (cluster),
// members and senders are split across them in turn, and latencies are kept apart for deliveries
// on the sender's node (local) and on another node (cross-node).
import { performance } from 'node:perf_hooks';
import {
  connectAndJoin,
  emit,
  enterMany,
  loadArgs,
  log,
  percentile,
  procCpuMicros,
  procRss,
  sleep,
} from './client.js';

const args = loadArgs();
const N = args.members;
const SENDERS = Math.min(args.senders ?? 10, N);
const ROOM = args.room ?? 'general';
const TARGETS = args.targets; // deliveries per second, one step each
const STEP_MS = (args.stepSeconds ?? 10) * 1000;
const TEXT_BYTES = 100;
// One server, or the nodes of a cluster (plus Redis, whose CPU counts with the servers').
const wsUrls = args.wsUrls ?? [args.wsUrl];
const serverPids = args.serverPids ?? [args.serverPid];
const extraPids = args.extraPids ?? [];
const serversCpu = () => [...serverPids, ...extraPids].reduce((sum, pid) => sum + procCpuMicros(pid), 0);
const serversRss = () => serverPids.reduce((sum, pid) => sum + procRss(pid), 0);
const nodeOfClient = (index) => index % wsUrls.length;

// Filler keeps every text exactly 100 bytes; the unique prefix keeps texts from repeating.
const FILLER =
  'lorem ipsum dolor sit amet consectetur adipiscing elit sed do eiusmod tempor incididunt ut labore et dolore magna aliqua';

const MARK = Buffer.from('B|');
const MSG_TYPE = Buffer.from('"type":"msg"');
const ACK_TYPE = Buffer.from('"type":"msg.ack"');
const ERR_TYPE = Buffer.from('"type":"error"');

let step = -1; // current step index; frames of other steps are counted apart
let stepReceived = 0;
let lateOrStray = 0;
let latencies = [];
let crossLatencies = [];
let acks = 0;
let errors = 0;
const errorCodes = {};
let closes = 0;
const closeCodes = {};
let lastDeliveryAt = 0;

function onFrame(data, node) {
  if (data.indexOf(MSG_TYPE) !== -1) {
    const at = data.indexOf(MARK);
    if (at === -1) return;
    const now = performance.now();
    // B|<step>|<sender>|<seq>|<sentAtMs>|filler
    const head = data.toString('latin1', at + 2, at + 48).split('|');
    if (Number(head[0]) !== step) {
      lateOrStray++;
      return;
    }
    stepReceived++;
    lastDeliveryAt = now;
    // Senders are clients 0..9, so sender s is on node s % nodes.
    if (nodeOfClient(Number(head[1])) === node) latencies.push(now - Number(head[3]));
    else crossLatencies.push(now - Number(head[3]));
  } else if (data.indexOf(ACK_TYPE) !== -1) {
    acks++;
  } else if (data.indexOf(ERR_TYPE) !== -1) {
    errors++;
    const code = /"code":"([A-Z_]+)"/.exec(data.toString())?.[1] ?? '?';
    errorCodes[code] = (errorCodes[code] ?? 0) + 1;
  }
}

function text(stepIndex, sender, seq) {
  const head = `B|${stepIndex}|${sender}|${seq}|${performance.now().toFixed(3)}|`;
  return head + FILLER.slice(0, TEXT_BYTES - head.length);
}

async function runStep(index, senders, deliveriesPerSecond) {
  const msgRate = deliveriesPerSecond / N; // messages per second, all senders together
  step = index;
  stepReceived = 0;
  latencies = [];
  crossLatencies = [];
  acks = 0;
  errors = 0;
  for (const k of Object.keys(errorCodes)) delete errorCodes[k];
  const closesBefore = closes;

  const cpu0 = serversCpu();
  const gen0 = process.cpuUsage();
  const t0 = performance.now();
  const mono0 = process.hrtime.bigint();
  let sent = 0;
  let nextSender = 0;
  await new Promise((resolve) => {
    const timer = setInterval(() => {
      const elapsed = performance.now() - t0;
      const due = Math.min(
        Math.floor((msgRate * Math.min(elapsed, STEP_MS)) / 1000),
        Math.round((msgRate * STEP_MS) / 1000),
      );
      while (sent < due) {
        const s = nextSender;
        nextSender = (nextSender + 1) % senders.length;
        const client = senders[s];
        if (client.closeCode === null) {
          client.fire({
            type: 'msg.send',
            id: `m${index}-${sent}`,
            roomId: ROOM,
            cid: `c${index}-${sent}`,
            text: text(index, s, sent),
          });
        }
        sent++;
      }
      if (elapsed >= STEP_MS) {
        clearInterval(timer);
        resolve();
      }
    }, 2);
  });
  const tSendEnd = performance.now();
  const mono1 = process.hrtime.bigint();
  const genSend = process.cpuUsage(gen0);

  // Drain: wait for every acknowledged message to reach every member, or for progress to stop.
  let lastCount = -1;
  let still = 0;
  const drainStart = performance.now();
  while (performance.now() - drainStart < 15_000) {
    if (acks + errors >= sent && stepReceived >= acks * N) break;
    if (stepReceived === lastCount) {
      if (++still >= 20) break; // 2 s without progress
    } else still = 0;
    lastCount = stepReceived;
    await sleep(100);
  }
  const cpu1 = serversCpu();
  const tEnd = performance.now();
  const rss = serversRss();

  const expected = acks * N;
  const lost = Math.max(0, expected - stepReceived);
  const sorted = Float64Array.from([...latencies, ...crossLatencies]).sort();
  const local = Float64Array.from(latencies).sort();
  const cross = Float64Array.from(crossLatencies).sort();
  const activeMs = Math.max(tSendEnd, lastDeliveryAt) - t0;
  const genCpuPct = ((genSend.user + genSend.system) / 1000 / (tSendEnd - t0)) * 100;
  const serverCpuUs = cpu1 - cpu0;
  return {
    scenario: 'fanout',
    members: N,
    senders: senders.length,
    targetDeliveries: deliveriesPerSecond,
    msgRate: Math.round(msgRate * 100) / 100,
    sent,
    acked: acks,
    sendErrors: errors,
    errorCodes: { ...errorCodes },
    delivered: stepReceived,
    expected,
    lost,
    slowConsumerCloses: closes - closesBefore,
    deliveredPerSec: Math.round(stepReceived / (activeMs / 1000)),
    p50Ms: percentile(sorted, 50),
    p99Ms: percentile(sorted, 99),
    maxMs: sorted.length ? sorted[sorted.length - 1] : NaN,
    nodes: wsUrls.length,
    localP50Ms: percentile(local, 50),
    localP99Ms: percentile(local, 99),
    crossP50Ms: percentile(cross, 50),
    crossP99Ms: percentile(cross, 99),
    serverCpuPct: (serverCpuUs / 1000 / (tEnd - t0)) * 100,
    serverCpuUsPerDelivery: stepReceived ? serverCpuUs / stepReceived : NaN,
    serverRssMB: rss / 1048576,
    generatorCpuPct: genCpuPct,
    generatorBound: genCpuPct > 90,
    // CLOCK_MONOTONIC in µs, the clock of V8 CPU profiles: lets a server profile be cut to this step.
    monoStartUs: Number(mono0 / 1000n),
    monoEndUs: Number(mono1 / 1000n),
  };
}

async function main() {
  log(`fan-out: entering ${N} users`);
  const cookies = await enterMany(args.base, `f${N}u`, N);
  log(`fan-out: connecting and joining ${ROOM}`);
  const t0 = performance.now();
  // Client i goes to node i % nodes.
  const groups = await Promise.all(
    wsUrls.map((url, node) =>
      connectAndJoin(
        url,
        cookies.filter((_, i) => nodeOfClient(i) === node),
        ROOM,
        25,
      ),
    ),
  );
  const clients = cookies.map((_, i) => groups[nodeOfClient(i)][Math.floor(i / wsUrls.length)]);
  log(`fan-out: ${N} joined in ${((performance.now() - t0) / 1000).toFixed(1)} s`);
  for (const [i, client] of clients.entries()) {
    const node = nodeOfClient(i);
    client.onFrame = (data) => onFrame(data, node);
    client.ws.on('close', (code) => {
      closes++;
      closeCodes[code] = (closeCodes[code] ?? 0) + 1;
    });
  }
  await sleep(args.settleMs ?? 3000);
  const senders = clients.slice(0, SENDERS);
  for (let i = 0; i < TARGETS.length; i++) {
    const result = await runStep(i, senders, TARGETS[i]);
    emit(result);
    log(
      `N=${N} target=${TARGETS[i]}/s delivered=${result.deliveredPerSec}/s lost=${result.lost} p50=${result.p50Ms.toFixed(1)}ms p99=${result.p99Ms.toFixed(1)}ms server=${result.serverCpuPct.toFixed(0)}% gen=${result.generatorCpuPct.toFixed(0)}%`,
    );
    const overloaded = result.lost > 0 || result.p99Ms > (args.stopP99Ms ?? 2000) || result.generatorBound;
    if (overloaded && !args.noStop) {
      log('fan-out: stopping the ramp (loss, latency or generator-bound)');
      break;
    }
    await sleep(1000);
  }
  if (lateOrStray) log(`fan-out: ${lateOrStray} deliveries arrived after their step ended`);
  for (const client of clients) client.close();
}

main().then(
  () => process.exit(0),
  (error) => {
    log(`fan-out failed: ${error.stack ?? error}`);
    process.exit(1);
  },
);
