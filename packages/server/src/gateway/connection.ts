import { CLOSE_CODES, type ServerMessage } from '@salon/protocol';
import type { FastifyBaseLogger } from 'fastify';
import type { WebSocket } from 'ws';
import type { Subscriber } from '../chat/hub.js';
import type { SessionRow } from '../store/index.js';
import type { ConnectionState, GatewayServices, HandlerContext, HandlerTable } from './context.js';
import { dispatch } from './dispatch.js';
import type { Limiter } from '../safety/limiter.js';
import type { Metrics } from '../observability/metrics.js';
import type { Origin } from '../safety/addresses.js';

/** Invalid frames in a row after which the connection is closed. */
const MAX_INVALID_STREAK = 20;

/**
 * One WebSocket client. Owns the socket: frames are handled one at a time in arrival order, and
 * everything written to the client goes through `sendFrame`, which enforces backpressure.
 */
export class Connection implements Subscriber {
  readonly sessionId: string;
  private readonly state: ConnectionState = { ready: false, closed: false };
  private chain: Promise<void> = Promise.resolve();
  private invalidStreak = 0;
  /** Room events held while a join is answered (see HandlerContext.holdEvents). */
  private held: string[] | null = null;
  private closed = false;
  private detached = false;
  /** Cleared by the heartbeat, set again by the client's pong. */
  alive = true;

  constructor(
    private readonly socket: WebSocket,
    private readonly session: SessionRow | null,
    private readonly services: GatewayServices,
    private readonly handlers: HandlerTable,
    private readonly limiter: Limiter,
    private readonly maxBufferedBytes: number,
    private readonly log: FastifyBaseLogger,
    private readonly metrics: Metrics,
    private readonly origin: Origin,
  ) {
    this.sessionId = session?.id ?? '';
    metrics.connectionOpened();
    socket.on('message', (data, isBinary) => {
      const text = isBinary
        ? null
        : Buffer.isBuffer(data)
          ? data.toString('utf8')
          : Buffer.concat(data as Buffer[]).toString('utf8');
      this.chain = this.chain
        .then(() => this.receive(text))
        .catch((error: unknown) => {
          this.metrics.unexpectedError();
          this.log.error({ err: error }, 'frame handling failed');
        });
    });
    socket.on('pong', () => {
      this.alive = true;
    });
    socket.on('close', () => this.onClose());
    socket.on('error', (error) => this.log.debug({ err: error }, 'socket error'));
    // The client may have gone while its session was looked up: no close event will come.
    if (socket.readyState === socket.CLOSED) this.onClose();
  }

  sendFrame(frame: string): void {
    if (this.held) {
      this.held.push(frame);
      return;
    }
    this.write(frame);
  }

  private write(frame: string): void {
    if (this.closed) return;
    if (this.socket.bufferedAmount > this.maxBufferedBytes) {
      this.metrics.slowConsumer();
      this.close(CLOSE_CODES.SLOW_CONSUMER, 'too slow');
      return;
    }
    this.socket.send(frame);
    this.metrics.frameOut();
  }

  private send(message: ServerMessage): void {
    if (message.type === 'error') this.metrics.errorSent(message.code);
    this.write(JSON.stringify(message));
  }

  private holdEvents(): (skip?: (frame: string) => boolean) => void {
    if (this.held) return () => {};
    const held: string[] = [];
    this.held = held;
    return (skip) => {
      this.held = null;
      for (const frame of held) if (!skip?.(frame)) this.write(frame);
    };
  }

  close(code: number, reason: string): void {
    if (this.closed) return;
    this.closed = true;
    this.socket.close(code, reason);
    this.detach();
  }

  ping(): void {
    this.socket.ping();
  }

  /** Ends the connection without a close handshake (dead peer). */
  terminate(): void {
    this.socket.terminate();
    this.onClose();
  }

  private async receive(text: string | null): Promise<void> {
    if (this.closed) return;
    const context: HandlerContext = {
      session: this.session,
      subscriber: this,
      services: this.services,
      state: this.state,
      reply: (message) => this.send(message),
      holdEvents: () => this.holdEvents(),
      close: (code, reason) => this.close(code, reason),
      origin: this.origin,
    };
    if (text === null) {
      this.metrics.frameIn('invalid');
      context.reply({ type: 'error', code: 'BAD_JSON', message: 'Frames are JSON text, not binary.' });
      this.countInvalid(false);
      return;
    }
    const type = await dispatch(text, this.handlers, this.limiter, context, (error, failedType) => {
      this.metrics.unexpectedError();
      this.log.error({ err: error, type: failedType }, 'handler failed');
    });
    this.metrics.frameIn(type ?? 'invalid');
    this.countInvalid(type !== null);
  }

  private countInvalid(valid: boolean): void {
    this.invalidStreak = valid ? 0 : this.invalidStreak + 1;
    if (this.invalidStreak >= MAX_INVALID_STREAK)
      this.close(CLOSE_CODES.PROTOCOL_ABUSE, 'too many invalid frames');
  }

  private detach(): void {
    if (this.detached) return;
    this.detached = true;
    this.state.closed = true;
    this.metrics.connectionClosed();
    if (this.state.ready) {
      this.services.hub.disconnect(this);
      void this.services.live.disconnected(this).catch(() => {});
      this.services.nicknames.detach(this.sessionId);
    }
  }

  private onClose(): void {
    this.closed = true;
    this.detach();
  }
}
