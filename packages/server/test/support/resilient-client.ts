import type { ServerMessage } from '@salon/protocol';
import { TestClient, type TestServer } from './server.js';

const delay = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * An R7 client for fault tests: it keeps one copy of each message per seq, reconnects to the
 * next node that answers when its connection drops, resumes from the last seq it holds without a
 * gap, and sends each message with a client id it reuses on retry, so a retry is never stored
 * twice. It also counts any seq delivered twice on one connection.
 */
export class ResilientMember {
  /** seq → text, every message of the room this member holds. */
  readonly messages = new Map<number, string>();
  /** Frames that repeated a seq already delivered on the same connection. */
  duplicates = 0;
  /** Error codes the server answered to sends (UNAVAILABLE while a dependency is down, …). */
  readonly errors: string[] = [];
  reconnects = 0;
  private client: TestClient | null = null;
  private connecting: Promise<TestClient> | null = null;
  private next = 0;

  constructor(
    readonly name: string,
    private readonly cookie: string,
    /** WebSocket URLs of the nodes, the preferred one first. */
    private readonly nodes: string[],
    private readonly roomId: string,
  ) {}

  /** The highest seq below which this member holds every message. */
  contiguous(): number {
    let seq = 0;
    while (this.messages.has(seq + 1)) seq += 1;
    return seq;
  }

  private async open(): Promise<TestClient> {
    for (let attempt = 0; ; attempt += 1) {
      const url = this.nodes[(this.next + attempt) % this.nodes.length]!;
      try {
        const client = await TestClient.connect({ wsUrl: url } as TestServer, this.cookie);
        const seen = new Set<number>();
        const keep = (m: ServerMessage) => {
          if (m.type !== 'msg' || m.message.roomId !== this.roomId) return;
          if (seen.has(m.message.seq)) this.duplicates += 1;
          seen.add(m.message.seq);
          this.messages.set(m.message.seq, m.message.text);
        };
        client.ws.on('message', (data: Buffer) => keep(JSON.parse(data.toString('utf8')) as ServerMessage));
        const joined = await client.join(this.roomId, this.contiguous());
        for (const message of joined.messages) keep({ type: 'msg', message });
        this.next = (this.next + attempt) % this.nodes.length;
        return client;
      } catch {
        await delay(100);
      }
    }
  }

  /** The open connection, or a new one (to the next node that answers). */
  async connection(): Promise<TestClient> {
    if (this.client && this.client.closeCode === null) return this.client;
    if (this.client) this.reconnects += 1;
    this.connecting ??= this.open().finally(() => (this.connecting = null));
    this.client = await this.connecting;
    return this.client;
  }

  /**
   * Sends one message until the server acknowledges it; returns its seq. Each try waits at most
   * `timeoutMs` for the answer; a dropped connection is reopened first.
   */
  async send(text: string, cid: string, timeoutMs = 3_000): Promise<number> {
    for (;;) {
      const client = await this.connection();
      const reply = client.request({ type: 'msg.send', id: client.nextId(), roomId: this.roomId, cid, text });
      reply.catch(() => undefined);
      const answer = await Promise.race([
        reply,
        client.closed.then(() => null),
        delay(timeoutMs).then(() => null),
      ]).catch(() => null);
      if (answer?.type === 'msg.ack') return answer.seq;
      if (answer?.type === 'error') {
        this.errors.push(answer.code);
        await delay(100);
      }
    }
  }

  /** Resolves once this member holds every seq in `seqs` (reconnecting if needed). */
  async waitFor(seqs: Iterable<number>, timeoutMs = 15_000): Promise<void> {
    const wanted = [...seqs];
    const deadline = Date.now() + timeoutMs;
    while (wanted.some((seq) => !this.messages.has(seq))) {
      if (Date.now() > deadline) {
        const missing = wanted.filter((seq) => !this.messages.has(seq));
        throw new Error(`${this.name} is missing seqs ${missing.slice(0, 20).join(', ')}`);
      }
      await this.connection();
      await delay(50);
    }
  }

  async close(): Promise<void> {
    if (this.client && this.client.closeCode === null) await this.client.close();
  }
}
