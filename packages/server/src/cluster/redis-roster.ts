import type { Member } from '@salon/protocol';
import type { RedisLink } from './redis.js';
import type { Roster, RosterChange } from './roster.js';
import { Script } from './script.js';

// KEYS: members hash, holders set, node's holds set. ARGV: session, node, member JSON, hold entry.
const JOIN = new Script(`
redis.call('SADD', KEYS[2], ARGV[2])
redis.call('SADD', KEYS[3], ARGV[4])
local fresh = redis.call('HSET', KEYS[1], ARGV[1], ARGV[3])
return {fresh, redis.call('HLEN', KEYS[1])}
`);

// KEYS: members hash, holders set, node's holds set. ARGV: session, node, hold entry.
const LEAVE = new Script(`
redis.call('SREM', KEYS[2], ARGV[2])
redis.call('SREM', KEYS[3], ARGV[3])
local gone = 0
if redis.call('SCARD', KEYS[2]) == 0 then gone = redis.call('HDEL', KEYS[1], ARGV[1]) end
return {gone, redis.call('HLEN', KEYS[1])}
`);

// KEYS: members hash. ARGV: session, member JSON.
const UPDATE = new Script(`
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 1 then redis.call('HSET', KEYS[1], ARGV[1], ARGV[2]) end
return 0
`);

/** A session left a room everywhere because the last node holding it died. */
export type RosterLeft = (roomId: string, sessionId: string, count: number) => void;

/**
 * The roster in Redis (O1). Per room, a hash of members (session → card, role, mute, presence);
 * per room and session, the set of nodes that hold it. A session stays a member while any node
 * holds it. Each node also lists what it holds, so a survivor can remove a dead node's share.
 */
export class RedisRoster implements Roster {
  private readonly counts = new Map<string, number>();

  constructor(
    private readonly link: RedisLink,
    private readonly onLeft: RosterLeft,
  ) {}

  private keys(roomId: string, sessionId: string, nodeId: string): string[] {
    return [this.link.key('m', roomId), this.link.key('h', roomId, sessionId), this.link.key('nh', nodeId)];
  }

  private static entry(roomId: string, sessionId: string): string {
    return `${roomId}\n${sessionId}`;
  }

  private change(result: unknown, roomId: string): RosterChange {
    const [changed, count] = result as [number, number];
    this.counts.set(roomId, count);
    return { changed: changed === 1, count };
  }

  async join(roomId: string, member: Member): Promise<RosterChange> {
    const { nodeId } = this.link;
    const result = await JOIN.run(this.link.command, this.keys(roomId, member.userId, nodeId), [
      member.userId,
      nodeId,
      JSON.stringify(member),
      RedisRoster.entry(roomId, member.userId),
    ]);
    return this.change(result, roomId);
  }

  leave(roomId: string, sessionId: string): Promise<RosterChange> {
    return this.leaveFor(this.link.nodeId, roomId, sessionId);
  }

  private async leaveFor(nodeId: string, roomId: string, sessionId: string): Promise<RosterChange> {
    const result = await LEAVE.run(this.link.command, this.keys(roomId, sessionId, nodeId), [
      sessionId,
      nodeId,
      RedisRoster.entry(roomId, sessionId),
    ]);
    return this.change(result, roomId);
  }

  async update(roomId: string, member: Member): Promise<void> {
    await UPDATE.run(
      this.link.command,
      [this.link.key('m', roomId)],
      [member.userId, JSON.stringify(member)],
    );
  }

  async members(roomId: string): Promise<Member[]> {
    const values = await this.link.command.hvals(this.link.key('m', roomId));
    return values.map((value) => JSON.parse(value) as Member);
  }

  async member(roomId: string, sessionId: string): Promise<Member | null> {
    const value = await this.link.command.hget(this.link.key('m', roomId), sessionId);
    return value === null ? null : (JSON.parse(value) as Member);
  }

  async count(roomId: string): Promise<number> {
    const count = await this.link.command.hlen(this.link.key('m', roomId));
    this.counts.set(roomId, count);
    return count;
  }

  async isMember(roomId: string, sessionId: string): Promise<boolean> {
    return (await this.link.command.hexists(this.link.key('m', roomId), sessionId)) === 1;
  }

  knownCount(roomId: string): number {
    return this.counts.get(roomId) ?? 0;
  }

  noteCount(roomId: string, count: number): void {
    this.counts.set(roomId, count);
  }

  async sessionUp(sessionId: string): Promise<void> {
    const { nodeId, command } = this.link;
    await command
      .multi()
      .sadd(this.link.key('s', sessionId), nodeId)
      .sadd(this.link.key('ns', nodeId), sessionId)
      .exec();
  }

  async sessionDown(sessionId: string): Promise<void> {
    await this.sessionDownFor(this.link.nodeId, sessionId);
  }

  private async sessionDownFor(nodeId: string, sessionId: string): Promise<void> {
    await this.link.command
      .multi()
      .srem(this.link.key('s', sessionId), nodeId)
      .srem(this.link.key('ns', nodeId), sessionId)
      .exec();
  }

  async online(sessionId: string): Promise<boolean> {
    return (await this.link.command.scard(this.link.key('s', sessionId))) > 0;
  }

  /** Removes everything a dead node held; members it was the last to hold leave their rooms. */
  async reap(nodeId: string): Promise<void> {
    const { command } = this.link;
    for (const entry of await command.smembers(this.link.key('nh', nodeId))) {
      const [roomId, sessionId] = entry.split('\n') as [string, string];
      const { changed, count } = await this.leaveFor(nodeId, roomId, sessionId);
      if (changed) this.onLeft(roomId, sessionId, count);
    }
    for (const sessionId of await command.smembers(this.link.key('ns', nodeId)))
      await this.sessionDownFor(nodeId, sessionId);
    await command.del(this.link.key('nh', nodeId), this.link.key('ns', nodeId));
  }

  close(): Promise<void> {
    return Promise.resolve();
  }
}
