import { ConnectionCounter, type OpenConnections } from '../safety/flood.js';
import type { RedisLink } from './redis.js';
import { Script } from './script.js';

// KEYS: the address's counts (node → open connections), the node's addresses. ARGV: node, max, entry.
const OPEN = new Script(`
local total = 0
for _, count in ipairs(redis.call('HVALS', KEYS[1])) do total = total + tonumber(count) end
if total >= tonumber(ARGV[2]) then return 0 end
redis.call('HINCRBY', KEYS[1], ARGV[1], 1)
redis.call('SADD', KEYS[2], ARGV[3])
return 1`);

// KEYS: the address's counts, the node's addresses. ARGV: node, entry.
const CLOSE = new Script(`
if redis.call('HINCRBY', KEYS[1], ARGV[1], -1) <= 0 then
  redis.call('HDEL', KEYS[1], ARGV[1])
  redis.call('SREM', KEYS[2], ARGV[2])
end
return 1`);

/**
 * T5 across a cluster: connections open at once per address, counted in Redis per node so that a
 * survivor can remove a dead node's share. Addresses are keyed by their keyed hash (T11), never
 * in clear. While Redis is unreachable, each node falls back to counting its own.
 */
export class RedisConnectionCounter implements OpenConnections {
  private readonly local: ConnectionCounter;

  constructor(
    private readonly link: RedisLink,
    private readonly max: number,
    private readonly hash: (address: string) => string,
    private readonly onError: (error: unknown) => void,
  ) {
    this.local = new ConnectionCounter(max);
  }

  private keys(entry: string, nodeId = this.link.nodeId): string[] {
    return [this.link.key('ca', entry), this.link.key('nca', nodeId)];
  }

  async tryOpen(address: string): Promise<boolean> {
    const entry = this.hash(address);
    let allowed: boolean;
    try {
      allowed =
        (await OPEN.run(this.link.command, this.keys(entry), [this.link.nodeId, this.max, entry])) === 1;
    } catch (error) {
      this.onError(error);
      return this.local.tryOpen(address);
    }
    // Keep the local count too, so that it is right if Redis goes away.
    if (allowed) this.local.tryOpen(address);
    return allowed;
  }

  close(address: string): void {
    this.local.close(address);
    const entry = this.hash(address);
    CLOSE.run(this.link.command, this.keys(entry), [this.link.nodeId, entry]).catch(this.onError);
  }

  /** A dead node's connections are gone. */
  async reap(nodeId: string): Promise<void> {
    const { command } = this.link;
    const nodeKey = this.link.key('nca', nodeId);
    for (const entry of await command.smembers(nodeKey))
      await command.hdel(this.link.key('ca', entry), nodeId);
    await command.del(nodeKey);
  }
}
