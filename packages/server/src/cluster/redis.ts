import { randomUUID } from 'node:crypto';
import { Redis } from 'ioredis';

/** Where Redis failures are reported (logs and metrics). */
export interface RedisObserver {
  error(error: unknown, where: string): void;
  /** The connection came back after a loss: state kept in Redis may be gone (it keeps nothing on disk). */
  recovered(): void;
}

/**
 * This node's two Redis connections (commands, and the one in subscriber mode), its id, and the
 * key prefix shared by the service. Commands fail after a few seconds while Redis is away instead
 * of waiting for ever; the connections come back by themselves and re-subscribe.
 */
export class RedisLink {
  readonly nodeId = randomUUID();
  readonly command: Redis;
  readonly subscriber: Redis;
  private lost = false;
  private up = false;
  private closed = false;

  constructor(
    url: string,
    readonly prefix: string,
    private readonly observer: RedisObserver,
  ) {
    const options = {
      lazyConnect: true,
      connectTimeout: 2_000,
      maxRetriesPerRequest: 2,
      retryStrategy: (attempt: number) => Math.min(100 * attempt, 1_000),
    };
    this.command = new Redis(url, options);
    this.subscriber = new Redis(url, options);
    for (const [name, connection] of [
      ['commands', this.command],
      ['subscriber', this.subscriber],
    ] as const) {
      connection.on('error', (error: unknown) => this.observer.error(error, name));
    }
    this.command.on('close', () => {
      if (this.closed) return;
      if (this.up) this.lost = true;
      this.up = false;
    });
    this.command.on('ready', () => {
      this.up = true;
      if (!this.lost) return;
      this.lost = false;
      this.observer.recovered();
    });
  }

  async connect(): Promise<void> {
    await Promise.all([this.command.connect(), this.subscriber.connect()]);
  }

  key(...parts: string[]): string {
    return this.prefix + parts.join(':');
  }

  /** O4 readiness: Redis answers now. */
  async ping(): Promise<boolean> {
    if (this.command.status !== 'ready') return false;
    try {
      return (await this.command.ping()) === 'PONG';
    } catch {
      return false;
    }
  }

  async close(): Promise<void> {
    this.closed = true;
    await Promise.allSettled([this.command.quit(), this.subscriber.quit()]);
    this.command.disconnect();
    this.subscriber.disconnect();
  }
}
