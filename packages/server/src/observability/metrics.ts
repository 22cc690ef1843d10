import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from 'prom-client';
import { CLIENT_MESSAGE_TYPES, ERROR_CODES, type ClientMessageType, type ErrorCode } from '@salon/protocol';
import type { FanoutSink } from './fanout.js';

/** What `salon_messages_in_total` counts a frame as: its type, or invalid (rejected by the gateway). */
export type FrameKind = ClientMessageType | 'invalid';

/** Fan-out durations from 0.1 ms to 1 s (and above, in +Inf). */
const FANOUT_BUCKETS = [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1];

/**
 * O4: the Prometheus metrics of one app, in a registry of its own (never prom-client's global one,
 * so several apps can live in one process). Recording is increments and observations only, and
 * labels only ever take values from fixed lists (message types, error codes): never a room id,
 * user id, nickname or address.
 */
export class Metrics implements FanoutSink {
  readonly registry = new Registry();
  private activeRooms: () => number = () => 0;

  private readonly connections = new Gauge({
    name: 'salon_connections',
    help: 'Open WebSocket connections on this node.',
    registers: [this.registry],
  });
  private readonly connectionsTotal = new Counter({
    name: 'salon_connections_total',
    help: 'WebSocket connections accepted since start.',
    registers: [this.registry],
  });
  private readonly roomsActive: Gauge = new Gauge({
    name: 'salon_rooms_active',
    help: 'Rooms with at least one member on this node.',
    registers: [this.registry],
    collect: () => this.roomsActive.set(this.activeRooms()),
  });
  private readonly messagesIn = new Counter({
    name: 'salon_messages_in_total',
    help: 'Client frames handled, by message type ("invalid" for frames rejected before any handler).',
    labelNames: ['type'] as const,
    registers: [this.registry],
  });
  private readonly messagesOut = new Counter({
    name: 'salon_messages_out_total',
    help: 'Frames written to WebSocket connections.',
    registers: [this.registry],
  });
  private readonly fanout = new Histogram({
    name: 'salon_fanout_seconds',
    help: 'Time from a message being stored to its last frame written to a local connection, per message.',
    buckets: FANOUT_BUCKETS,
    registers: [this.registry],
  });
  private readonly slowConsumers = new Counter({
    name: 'salon_slow_consumers_total',
    help: 'Connections closed because their send buffer exceeded limits.maxBufferedBytes.',
    registers: [this.registry],
  });
  private readonly errors = new Counter({
    name: 'salon_errors_total',
    help: 'Error frames sent to clients, by error code.',
    labelNames: ['code'] as const,
    registers: [this.registry],
  });
  private readonly unexpected = new Counter({
    name: 'salon_db_errors_total',
    help: 'Unexpected server-side failures: handlers that threw, session look-ups that failed, readiness checks that found the database down.',
    registers: [this.registry],
  });

  private readonly redisErrors = new Counter({
    name: 'salon_redis_errors_total',
    help: 'Redis failures seen by this node (connection lost, command failed) in cluster mode.',
    registers: [this.registry],
  });

  constructor() {
    collectDefaultMetrics({ register: this.registry });
    // Every label value is known in advance: export them all from the start, at zero.
    for (const type of [...CLIENT_MESSAGE_TYPES, 'invalid']) this.messagesIn.inc({ type }, 0);
    for (const code of ERROR_CODES) this.errors.inc({ code }, 0);
  }

  /** Where `salon_rooms_active` reads its value at scrape time (the hub). */
  countRoomsWith(source: () => number): void {
    this.activeRooms = source;
  }

  connectionOpened(): void {
    this.connections.inc();
    this.connectionsTotal.inc();
  }

  connectionClosed(): void {
    this.connections.dec();
  }

  frameIn(kind: FrameKind): void {
    this.messagesIn.inc({ type: kind });
  }

  frameOut(): void {
    this.messagesOut.inc();
  }

  errorSent(code: ErrorCode): void {
    this.errors.inc({ code });
  }

  slowConsumer(): void {
    this.slowConsumers.inc();
  }

  unexpectedError(): void {
    this.unexpected.inc();
  }

  redisError(): void {
    this.redisErrors.inc();
  }

  observeFanout(seconds: number): void {
    this.fanout.observe(seconds);
  }

  get contentType(): string {
    return this.registry.contentType;
  }

  /** The exposition text for a scrape. */
  render(): Promise<string> {
    return this.registry.metrics();
  }

  close(): void {
    this.registry.clear();
  }
}
