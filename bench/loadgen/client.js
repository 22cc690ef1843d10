// Minimal Salon client for the load generator: entry over HTTP, then the WebSocket protocol
// (hello → welcome, room.join → room.joined, msg.send → msg.ack), with Node built-ins and `ws`.
import { readFileSync } from 'node:fs';
import WebSocket from 'ws';

export const PROTOCOL_VERSION = 1;

/** POST /api/session with a unique nickname; returns the `salon_session` cookie pair. */
export async function enter(base, nickname) {
  for (let attempt = 0; ; attempt++) {
    const res = await fetch(`${base}/api/session`, {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: JSON.stringify({ nickname, age: 30, gender: 'woman' }),
    });
    if (res.status === 201) {
      await res.arrayBuffer();
      const cookie = res.headers
        .getSetCookie()
        .map((c) => c.split(';')[0])
        .find((c) => c.startsWith('salon_session='));
      if (!cookie) throw new Error('entry: no salon_session cookie');
      return cookie;
    }
    const body = await res.text();
    if (res.status === 429 && attempt < 20) {
      await sleep(250);
      continue;
    }
    throw new Error(`entry ${nickname}: HTTP ${res.status} ${body}`);
  }
}

/** Enters `count` users in batches of `batch` concurrent requests; returns their cookies. */
export async function enterMany(base, prefix, count, batch = 32) {
  const cookies = new Array(count);
  for (let start = 0; start < count; start += batch) {
    const jobs = [];
    for (let i = start; i < Math.min(count, start + batch); i++) {
      jobs.push(enter(base, `${prefix}${i}`).then((c) => (cookies[i] = c)));
    }
    await Promise.all(jobs);
  }
  return cookies;
}

/**
 * One WebSocket connection. Replies to requests are matched by `id`; every other frame goes to
 * `onFrame(buffer)` untouched (the caller decides whether to parse it).
 */
export class Client {
  constructor(ws) {
    this.ws = ws;
    this.nextId = 1;
    this.pending = new Map();
    this.onFrame = null;
    this.closeCode = null;
    ws.on('message', (data) => {
      // Replies carry "id" right after "type"; events never carry an id.
      if (this.pending.size > 0 && data.indexOf('"id":"') !== -1) {
        const frame = JSON.parse(data.toString());
        const waiter = frame.id !== undefined && this.pending.get(frame.id);
        if (waiter) {
          this.pending.delete(frame.id);
          if (frame.type === 'error') waiter.reject(Object.assign(new Error(frame.code), { frame }));
          else waiter.resolve(frame);
          return;
        }
      }
      if (this.onFrame) this.onFrame(data);
    });
    ws.on('close', (code) => {
      this.closeCode = code;
      for (const waiter of this.pending.values()) waiter.reject(new Error(`closed ${code}`));
      this.pending.clear();
    });
  }

  static connect(wsUrl, cookie) {
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(wsUrl, { headers: { cookie }, perMessageDeflate: false });
      ws.once('open', () => resolve(new Client(ws)));
      ws.once('error', reject);
      ws.once('unexpected-response', (_req, res) => reject(new Error(`upgrade: HTTP ${res.statusCode}`)));
    });
  }

  request(message) {
    const id = String(this.nextId++);
    return new Promise((resolve, reject) => {
      this.pending.set(id, { resolve, reject });
      this.ws.send(JSON.stringify({ ...message, id }));
    });
  }

  /** Sends a request without waiting; its reply (or error) arrives through `onFrame`. */
  fire(message) {
    this.ws.send(JSON.stringify(message));
  }

  async hello() {
    return this.request({ type: 'hello', v: PROTOCOL_VERSION });
  }

  close() {
    this.ws.terminate();
  }
}

/** Connects, says hello and joins `roomId` for each cookie, `batch` at a time. */
export async function connectAndJoin(wsUrl, cookies, roomId, batch = 50) {
  const clients = new Array(cookies.length);
  for (let start = 0; start < cookies.length; start += batch) {
    const jobs = [];
    for (let i = start; i < Math.min(cookies.length, start + batch); i++) {
      jobs.push(
        (async () => {
          const client = await Client.connect(wsUrl, cookies[i]);
          await client.hello();
          if (roomId) await client.request({ type: 'room.join', roomId });
          clients[i] = client;
        })(),
      );
    }
    await Promise.all(jobs);
  }
  return clients;
}

export const sleep = (ms) => new Promise((resolve) => setTimeout(resolve, ms));

const CLK_TCK = Number(process.env.BENCH_CLK_TCK || 100);

/** utime + stime of a process, in microseconds (all its threads), from /proc/<pid>/stat. */
export function procCpuMicros(pid) {
  const stat = readFileSync(`/proc/${pid}/stat`, 'utf8');
  const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
  // After "pid (comm) ", field 3 (state) is index 0; utime is field 14, stime field 15.
  return ((Number(fields[11]) + Number(fields[12])) * 1e6) / CLK_TCK;
}

/** Resident set size of a process, in bytes, from /proc/<pid>/status. */
export function procRss(pid) {
  const status = readFileSync(`/proc/${pid}/status`, 'utf8');
  const match = /VmRSS:\s+(\d+) kB/.exec(status);
  return match ? Number(match[1]) * 1024 : NaN;
}

export function percentile(sorted, p) {
  if (sorted.length === 0) return NaN;
  const index = Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1);
  return sorted[Math.max(0, index)];
}

/** Arguments passed by bench/run.js as one JSON string. */
export function loadArgs() {
  return JSON.parse(process.argv[2] || '{}');
}

/** One result line for the orchestrator. */
export function emit(result) {
  process.stdout.write(`RESULT ${JSON.stringify(result)}\n`);
}

export function log(...parts) {
  process.stderr.write(`[loadgen] ${parts.join(' ')}\n`);
}
