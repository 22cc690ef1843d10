import type { ClientMessage, ServerMessage } from '@salon/protocol';
import type { SocketLike, TimerHandle, Timers } from '../net/types.js';

interface Scheduled {
  id: number;
  at: number;
  callback: () => void;
}

/** Timers driven by hand: `advance(ms)` runs whatever falls due, in time order. */
export class FakeClock implements Timers {
  private time = 1_700_000_000_000;
  private nextId = 1;
  private scheduled: Scheduled[] = [];

  setTimeout(callback: () => void, ms: number): TimerHandle {
    const id = this.nextId++;
    this.scheduled.push({ id, at: this.time + Math.max(0, ms), callback });
    return id as unknown as TimerHandle;
  }

  clearTimeout(handle: TimerHandle): void {
    const id = handle as unknown as number;
    this.scheduled = this.scheduled.filter((s) => s.id !== id);
  }

  now(): number {
    return this.time;
  }

  get pendingCount(): number {
    return this.scheduled.length;
  }

  advance(ms: number): void {
    const end = this.time + ms;
    for (;;) {
      const due = this.scheduled.filter((s) => s.at <= end).sort((a, b) => a.at - b.at || a.id - b.id)[0];
      if (!due) break;
      this.scheduled = this.scheduled.filter((s) => s !== due);
      this.time = due.at;
      due.callback();
    }
    this.time = end;
  }
}

/** A WebSocket stand-in: the test plays the server. */
export class FakeSocket implements SocketLike {
  onopen: ((event: Event) => void) | null = null;
  onmessage: ((event: MessageEvent) => void) | null = null;
  onclose: ((event: CloseEvent) => void) | null = null;
  onerror: ((event: Event) => void) | null = null;
  readonly sent: ClientMessage[] = [];
  closedWith: number | undefined;

  constructor(readonly url: string) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as ClientMessage);
  }

  close(code?: number): void {
    this.closedWith = code ?? 1000;
  }

  // ---- the server side

  open(): void {
    this.onopen?.(new Event('open'));
  }

  receive(frame: ServerMessage | Record<string, unknown>): void {
    this.onmessage?.(new MessageEvent('message', { data: JSON.stringify(frame) }));
  }

  receiveRaw(data: string): void {
    this.onmessage?.(new MessageEvent('message', { data }));
  }

  drop(code = 1006): void {
    this.onclose?.(new CloseEvent('close', { code }));
  }

  /** Sent frames of one type. */
  ofType<T extends ClientMessage['type']>(type: T): Extract<ClientMessage, { type: T }>[] {
    return this.sent.filter((m): m is Extract<ClientMessage, { type: T }> => m.type === type);
  }

  last<T extends ClientMessage['type']>(type: T): Extract<ClientMessage, { type: T }> {
    const all = this.ofType(type);
    const found = all[all.length - 1];
    if (!found) throw new Error(`no ${type} sent`);
    return found;
  }
}

/** Records every socket the code under test opens. */
export class SocketServer {
  readonly sockets: FakeSocket[] = [];

  readonly create = (url: string): FakeSocket => {
    const socket = new FakeSocket(url);
    this.sockets.push(socket);
    return socket;
  };

  get current(): FakeSocket {
    const socket = this.sockets[this.sockets.length - 1];
    if (!socket) throw new Error('no socket opened');
    return socket;
  }
}

/** Lets pending promise callbacks run. */
export async function flush(): Promise<void> {
  for (let i = 0; i < 5; i += 1) await Promise.resolve();
}
