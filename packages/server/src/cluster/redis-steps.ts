import type { UsedSteps } from '../staff/totp.js';
import type { RedisLink } from './redis.js';
import { Script } from './script.js';

// KEYS: the staff member's last step. ARGV: step. Kept two minutes (past the ±1 step window).
const CLAIM = new Script(`
local last = redis.call('GET', KEYS[1])
if last and tonumber(ARGV[1]) <= tonumber(last) then return 0 end
redis.call('SET', KEYS[1], ARGV[1], 'PX', 120000)
return 1`);

/** O3 across a cluster: a TOTP code used on one node is refused on every other. */
export class RedisUsedSteps implements UsedSteps {
  constructor(private readonly link: RedisLink) {}

  async claim(staffId: string, step: number): Promise<boolean> {
    return (await CLAIM.run(this.link.command, [this.link.key('totp', staffId)], [step])) === 1;
  }
}
