import { CLOSE_CODES, PROTOCOL_VERSION } from '@salon/protocol';
import type { ClientMessageOf, Me } from '@salon/protocol';
import { backoffDelay, DEFAULT_BACKOFF } from './backoff.js';
import type { BackoffOptions } from './backoff.js';
import { Emitter } from './emitter.js';
import { ConnectionLostError } from './errors.js';
import { isPush, parseFrame } from './frames.js';
import { PendingRequests } from './pending.js';
import { browserSocket, browserTimers } from './types.js';
import type { SocketFactory, SocketLike, TimerHandle, Timers } from './types.js';
import { REPLY_TYPE } from './requests.js';
import type { PushMessage, Reply, RequestBody, RequestType } from './requests.js';

export type ConnectionStatus = 'connecting' | 'online' | 'reconnecting' | 'offline';
/** Why the connection gave up for good (no automatic reconnect after these). */
export type StopReason = 'unauthenticated' | 'session-ended' | 'version-mismatch' | 'closed';

export interface ConnectionEvents extends Record<string, unknown> {
  status: ConnectionStatus;
  /** The server said `welcome`; `resumed` is true after a reconnect. */
  ready: { me: Me; resumed: boolean };
  push: PushMessage;
  stop: StopReason;
}

export interface ConnectionOptions {
  url: string;
  createSocket?: SocketFactory;
  timers?: Timers;
  random?: () => number;
  backoff?: BackoffOptions;
  /** A request (or the hello) without a reply for this long means the socket is dead. */
  requestTimeoutMs?: number;
  /** Idle time after which a ping checks the socket is still alive. */
  heartbeatMs?: number;
  /**
   * Asked after repeated failures to reach `welcome` (a server refusing the upgrade looks like
   * a plain network error): resolve false when the session is gone, to stop retrying.
   */
  checkSession?: () => Promise<boolean>;
}

type FireAndForget = ClientMessageOf<'typing' | 'presence' | 'read'>;

/**
 * One logical connection to the server over successive WebSockets (R7): handshake,
 * request/response by id, pushed events, automatic reconnect with backoff.
 */
export class Connection {
  private readonly events = new Emitter<ConnectionEvents>();
  private readonly createSocket: SocketFactory;
  private readonly timers: Timers;
  private readonly random: () => number;
  private readonly backoff: BackoffOptions;
  private readonly requestTimeoutMs: number;
  private readonly heartbeatMs: number;
  private readonly pending: PendingRequests;
  private socket: SocketLike | null = null;
  private status: ConnectionStatus = 'offline';
  private ready = false;
  private started = false;
  private everOnline = false;
  private attempt = 0;
  private failuresBeforeWelcome = 0;
  private counter = 0;
  private helloId = '';
  private helloTimer: TimerHandle | null = null;
  private retryTimer: TimerHandle | null = null;
  private heartbeatTimer: TimerHandle | null = null;

  constructor(private readonly options: ConnectionOptions) {
    this.createSocket = options.createSocket ?? browserSocket;
    this.timers = options.timers ?? browserTimers;
    this.random = options.random ?? Math.random;
    this.backoff = options.backoff ?? DEFAULT_BACKOFF;
    this.requestTimeoutMs = options.requestTimeoutMs ?? 15_000;
    this.heartbeatMs = options.heartbeatMs ?? 25_000;
    this.pending = new PendingRequests(this.timers);
  }

  on<K extends keyof ConnectionEvents>(
    event: K,
    listener: (payload: ConnectionEvents[K]) => void,
  ): () => void {
    return this.events.on(event, listener);
  }

  get currentStatus(): ConnectionStatus {
    return this.status;
  }

  get isReady(): boolean {
    return this.ready;
  }

  start(): void {
    if (this.started) return;
    this.started = true;
    this.open();
  }

  /** Stops for good: no reconnect. */
  stop(reason: StopReason = 'closed'): void {
    if (!this.started) return;
    this.started = false;
    this.clearTimer('retryTimer');
    this.dropSocket(1000);
    this.setStatus('offline');
    this.events.emit('stop', reason);
  }

  /** Skips the remaining backoff wait (the page became visible, the network came back). */
  retryNow(): void {
    if (!this.started || this.retryTimer === null) return;
    this.clearTimer('retryTimer');
    this.open();
  }

  request<K extends RequestType>(body: RequestBody<K> & { type: K }): Promise<Reply<K>> {
    const socket = this.socket;
    if (!this.ready || !socket) return Promise.reject(new ConnectionLostError('not connected'));
    const id = this.nextId();
    const expect = REPLY_TYPE[body.type];
    return new Promise<Reply<K>>((resolve, reject) => {
      const timer = this.timers.setTimeout(() => this.onDeadSocket(), this.requestTimeoutMs);
      this.pending.add(id, { expect, resolve: (m) => resolve(m as Reply<K>), reject, timer });
      this.write({ ...body, id });
    });
  }

  /** Sends a message that has no reply; false when offline (nothing is queued). */
  send(message: FireAndForget): boolean {
    if (!this.ready) return false;
    return this.write(message);
  }

  private nextId(): string {
    this.counter += 1;
    return `c${this.counter}`;
  }

  private write(message: object): boolean {
    if (!this.socket) return false;
    try {
      this.socket.send(JSON.stringify(message));
      this.scheduleHeartbeat();
      return true;
    } catch {
      return false;
    }
  }

  private open(): void {
    this.setStatus(this.everOnline ? 'reconnecting' : 'connecting');
    let socket: SocketLike;
    try {
      socket = this.createSocket(this.options.url);
    } catch {
      this.scheduleReconnect();
      return;
    }
    this.socket = socket;
    socket.onopen = () => {
      this.helloId = this.nextId();
      this.write({ type: 'hello', id: this.helloId, v: PROTOCOL_VERSION });
      this.helloTimer = this.timers.setTimeout(() => this.onDeadSocket(), this.requestTimeoutMs);
    };
    socket.onmessage = (event) => this.onFrame(event.data);
    socket.onclose = (event) => this.onClose(event.code);
    socket.onerror = () => undefined;
  }

  private onFrame(data: unknown): void {
    const message = parseFrame(data);
    if (!message) return;
    this.scheduleHeartbeat();
    if (!this.ready) {
      if (message.type === 'welcome' && message.id === this.helloId) this.onWelcome(message.me);
      return;
    }
    // Anything else is a reply to a request that already failed: dropped.
    if (!this.pending.settle(message) && isPush(message)) this.events.emit('push', message);
  }

  private onWelcome(me: Me): void {
    this.clearTimer('helloTimer');
    const resumed = this.everOnline;
    this.ready = true;
    this.everOnline = true;
    this.attempt = 0;
    this.failuresBeforeWelcome = 0;
    this.setStatus('online');
    this.scheduleHeartbeat();
    this.events.emit('ready', { me, resumed });
  }

  private onClose(code: number): void {
    const wasReady = this.ready;
    this.dropSocket();
    if (!this.started) return;
    switch (code) {
      case CLOSE_CODES.UNAUTHENTICATED:
        this.stop('unauthenticated');
        return;
      case CLOSE_CODES.SESSION_ENDED:
        this.stop('session-ended');
        return;
      case CLOSE_CODES.VERSION_MISMATCH:
        this.stop('version-mismatch');
        return;
      default:
        if (!wasReady) this.failuresBeforeWelcome += 1;
        this.scheduleReconnect();
    }
  }

  /** No reply in time: treat the socket as dead and reconnect. */
  private onDeadSocket(): void {
    if (!this.socket) return;
    const wasReady = this.ready;
    this.dropSocket(1000);
    if (!wasReady) this.failuresBeforeWelcome += 1;
    if (this.started) this.scheduleReconnect();
  }

  private scheduleReconnect(): void {
    this.setStatus(this.everOnline ? 'reconnecting' : 'connecting');
    const delay = backoffDelay(this.attempt, this.random(), this.backoff);
    this.attempt += 1;
    this.retryTimer = this.timers.setTimeout(() => {
      this.retryTimer = null;
      void this.reconnect();
    }, delay);
  }

  private async reconnect(): Promise<void> {
    const check = this.options.checkSession;
    if (check && this.failuresBeforeWelcome >= 2 && this.failuresBeforeWelcome % 2 === 0) {
      const alive = await check().catch(() => true);
      if (!this.started) return;
      if (!alive) {
        this.stop('unauthenticated');
        return;
      }
    }
    if (this.started && !this.socket) this.open();
  }

  /** Detaches and closes the current socket and fails every pending request. */
  private dropSocket(code?: number): void {
    const socket = this.socket;
    this.socket = null;
    this.ready = false;
    this.clearTimer('helloTimer');
    this.clearTimer('heartbeatTimer');
    if (socket) {
      socket.onopen = null;
      socket.onmessage = null;
      socket.onclose = null;
      socket.onerror = null;
      if (code !== undefined) {
        try {
          socket.close(code);
        } catch {
          // already closed
        }
      }
    }
    this.pending.failAll();
  }

  private scheduleHeartbeat(): void {
    if (!this.ready) return;
    this.clearTimer('heartbeatTimer');
    this.heartbeatTimer = this.timers.setTimeout(() => {
      this.heartbeatTimer = null;
      this.request({ type: 'ping' }).catch(() => undefined);
    }, this.heartbeatMs);
  }

  private clearTimer(name: 'helloTimer' | 'retryTimer' | 'heartbeatTimer'): void {
    const handle = this[name];
    if (handle !== null) this.timers.clearTimeout(handle);
    this[name] = null;
  }

  private setStatus(status: ConnectionStatus): void {
    if (status === this.status) return;
    this.status = status;
    this.events.emit('status', status);
  }
}
