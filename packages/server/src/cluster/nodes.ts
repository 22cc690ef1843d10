import type { RedisLink } from './redis.js';

/** Cleans up after a node that stopped reporting (killed, cut off): called on exactly one survivor. */
export type DeadNodeHandler = (nodeId: string) => Promise<void>;

/**
 * O1: every node reports to Redis at a fixed pace. A node silent for `timeout` is taken for dead;
 * the first survivor to notice removes it from the list (only one can), then runs the handlers
 * that drop its members, connections and nickname holds.
 */
export class NodeRegistry {
  private readonly handlers: DeadNodeHandler[] = [];
  private timer: NodeJS.Timeout | null = null;
  private running: Promise<void> = Promise.resolve();

  constructor(
    private readonly link: RedisLink,
    private readonly timeout: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  onDead(handler: DeadNodeHandler): void {
    this.handlers.push(handler);
  }

  private get key(): string {
    return this.link.key('nodes');
  }

  start(): void {
    const every = Math.max(200, Math.floor(this.timeout / 4));
    this.timer = setInterval(() => {
      this.running = this.running.then(() => this.tick()).catch(this.onError);
    }, every);
    this.timer.unref();
  }

  /** Reports this node alive, then looks for dead ones. */
  async tick(): Promise<void> {
    const now = Date.now();
    await this.link.command.zadd(this.key, now, this.link.nodeId);
    const dead = await this.link.command.zrangebyscore(this.key, 0, now - this.timeout);
    for (const nodeId of dead) {
      if ((await this.link.command.zrem(this.key, nodeId)) !== 1) continue;
      for (const handler of this.handlers) await handler(nodeId);
    }
  }

  /**
   * Stops reporting. The node's members stay listed until a survivor reaps it after `timeout`,
   * so clients that reconnect elsewhere within that time are not shown leaving and coming back.
   */
  async stop(): Promise<void> {
    if (this.timer) clearInterval(this.timer);
    await this.running;
  }
}
