import type { Clock } from '../clock.js';
import type { Nicknames } from '../chat/nicknames.js';
import type { RedisLink } from './redis.js';
import { Script } from './script.js';

// Shared Lua: is the nickname hash KEYS[1] free for session ARGV[1] at time ARGV[2]?
const FREE = `
local function free(key, sid, now)
  local hold = redis.call('HGETALL', key)
  if #hold == 0 then return true end
  local owner, untilAt, connected = nil, 0, false
  for i = 1, #hold, 2 do
    local field, value = hold[i], hold[i + 1]
    if field == 's' then owner = value
    elseif field == 'u' then untilAt = tonumber(value)
    elseif string.sub(field, 1, 2) == 'c:' and tonumber(value) > 0 then connected = true end
  end
  if owner == nil or owner == sid then return true end
  return (not connected) and untilAt <= tonumber(now)
end
local function settle(key, now, grace)
  local fields = redis.call('HKEYS', key)
  for _, field in ipairs(fields) do
    if string.sub(field, 1, 2) == 'c:' then return end
  end
  redis.call('HSET', key, 'u', tonumber(now) + tonumber(grace))
  redis.call('PEXPIRE', key, tonumber(grace) + 60000)
end
local function claim(key, sid, now, grace, sessionKey, prefix)
  local previous = redis.call('GET', sessionKey)
  if previous and previous ~= key and redis.call('HGET', previous, 's') == sid then
    redis.call('DEL', previous)
  end
  if redis.call('HGET', key, 's') ~= sid then redis.call('DEL', key) end
  redis.call('HSET', key, 's', sid, 'u', tonumber(now) + tonumber(grace))
  redis.call('SET', sessionKey, key, 'PX', 86400000)
  settle(key, now, grace)
end
`;

// KEYS: nickname. ARGV: session, now.
const IS_FREE = new Script(`${FREE}
return free(KEYS[1], ARGV[1], ARGV[2]) and 1 or 0`);

// KEYS: nickname, session's nickname. ARGV: session, now, grace.
const CLAIM = new Script(`${FREE}
claim(KEYS[1], ARGV[1], ARGV[2], ARGV[3], KEYS[2])
return 1`);

// KEYS: nickname, session's nickname, node's nicknames. ARGV: session, now, grace, node.
const ATTACH = new Script(`${FREE}
if not free(KEYS[1], ARGV[1], ARGV[2]) then return 0 end
if redis.call('HGET', KEYS[1], 's') ~= ARGV[1] then claim(KEYS[1], ARGV[1], ARGV[2], ARGV[3], KEYS[2]) end
redis.call('HINCRBY', KEYS[1], 'c:' .. ARGV[4], 1)
redis.call('PERSIST', KEYS[1])
redis.call('SADD', KEYS[3], KEYS[1])
return 1`);

// KEYS: session's nickname, node's nicknames. ARGV: session, now, grace, node.
const DETACH = new Script(`${FREE}
local key = redis.call('GET', KEYS[1])
if not key or redis.call('HGET', key, 's') ~= ARGV[1] then return 0 end
local left = redis.call('HINCRBY', key, 'c:' .. ARGV[4], -1)
if left <= 0 then
  redis.call('HDEL', key, 'c:' .. ARGV[4])
  redis.call('SREM', KEYS[2], key)
  settle(key, ARGV[2], ARGV[3])
end
return 1`);

// KEYS: session's nickname. ARGV: session.
const RELEASE = new Script(`
local key = redis.call('GET', KEYS[1])
redis.call('DEL', KEYS[1])
if key and redis.call('HGET', key, 's') == ARGV[1] then redis.call('DEL', key) end
return 1`);

// KEYS: node's nicknames. ARGV: node, now, grace.
const REAP = new Script(`${FREE}
for _, key in ipairs(redis.call('SMEMBERS', KEYS[1])) do
  redis.call('HDEL', key, 'c:' .. ARGV[1])
  if redis.call('EXISTS', key) == 1 then settle(key, ARGV[2], ARGV[3]) end
end
redis.call('DEL', KEYS[1])
return 1`);

/**
 * E1 across nodes: a nickname is held by its session while any node has a connection of it open,
 * and for the grace period after the last one closed. Each node counts its own connections in
 * the nickname's hash, so a dead node's share can be removed by a survivor.
 */
export class RedisNicknames implements Nicknames {
  constructor(
    private readonly link: RedisLink,
    private readonly clock: Clock,
    private readonly graceMs: number,
    private readonly onError: (error: unknown) => void,
  ) {}

  private nick(key: string): string {
    return this.link.key('nick', key);
  }

  private sessionKey(sessionId: string): string {
    return this.link.key('nk', sessionId);
  }

  private nodeKey(nodeId: string): string {
    return this.link.key('nn', nodeId);
  }

  async isFree(key: string, sessionId: string): Promise<boolean> {
    const free = await IS_FREE.run(this.link.command, [this.nick(key)], [sessionId, this.clock.now()]);
    return free === 1;
  }

  async claim(key: string, sessionId: string): Promise<void> {
    await CLAIM.run(
      this.link.command,
      [this.nick(key), this.sessionKey(sessionId)],
      [sessionId, this.clock.now(), this.graceMs],
    );
  }

  async attach(key: string, sessionId: string): Promise<boolean> {
    const attached = await ATTACH.run(
      this.link.command,
      [this.nick(key), this.sessionKey(sessionId), this.nodeKey(this.link.nodeId)],
      [sessionId, this.clock.now(), this.graceMs, this.link.nodeId],
    );
    return attached === 1;
  }

  detach(sessionId: string): void {
    DETACH.run(
      this.link.command,
      [this.sessionKey(sessionId), this.nodeKey(this.link.nodeId)],
      [sessionId, this.clock.now(), this.graceMs, this.link.nodeId],
    ).catch(this.onError);
  }

  async release(sessionId: string): Promise<void> {
    await RELEASE.run(this.link.command, [this.sessionKey(sessionId)], [sessionId]);
  }

  /** Holds lapse by themselves in Redis. */
  sweep(): void {}

  /** A dead node's connections no longer hold nicknames; their grace starts now. */
  async reap(nodeId: string): Promise<void> {
    await REAP.run(this.link.command, [this.nodeKey(nodeId)], [nodeId, this.clock.now(), this.graceMs]);
  }
}
