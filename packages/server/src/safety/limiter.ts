import type { Redis } from 'ioredis';
import {
  RateLimiterMemory,
  RateLimiterRedis,
  RateLimiterRes,
  type RateLimiterAbstract,
} from 'rate-limiter-flexible';
import { systemClock, type Clock } from '../clock.js';
import type { Config } from '../config/schema.js';
import { SalonError } from '../errors.js';
import { RepeatGuard } from './flood.js';

export type LimitKind =
  | 'messages'
  | 'typing'
  | 'entries'
  | 'rooms'
  | 'requests'
  | 'logins'
  | 'uploads'
  | 'reports'
  | 'connects'
  | 'live';

/** O1: in a cluster the counters live in Redis, shared by every node. */
export interface SharedCounters {
  client: Redis;
  prefix: string;
  /** Keyed hash of a counter's key: addresses and ids never reach Redis in clear (T11). */
  hashKey: (key: string) => string;
}

/**
 * T5: limits per session (messages, typing, rooms, requests), per address or nickname (entries,
 * logins, new connections), and repeated messages per user.
 */
export class Limiter {
  private readonly limiters: Record<LimitKind, RateLimiterAbstract>;
  private readonly keyOf: (key: string) => string;
  private readonly repeats: RepeatGuard;

  /**
   * With `shared`, counters are kept in Redis; while Redis is unreachable each node falls back to
   * counting on its own, so a Redis outage never lifts the limits.
   */
  constructor(limits: Readonly<Config['limits']>, clock: Clock = systemClock, shared?: SharedCounters) {
    this.repeats = new RepeatGuard(limits.repeats, limits.repeatWindow, clock);
    this.keyOf = shared ? shared.hashKey : (key) => key;
    const make = (rate: { points: number; window: number }, kind: LimitKind): RateLimiterAbstract => {
      const options = { points: rate.points, duration: Math.max(1, Math.round(rate.window / 1000)) };
      const memory = new RateLimiterMemory(options);
      if (!shared) return memory;
      return new RateLimiterRedis({
        ...options,
        storeClient: shared.client,
        keyPrefix: `${shared.prefix}rl:${kind}`,
        rejectIfRedisNotReady: true,
        insuranceLimiter: memory,
      });
    };
    this.limiters = {
      messages: make(limits.messages, 'messages'),
      typing: make(limits.typing, 'typing'),
      entries: make(limits.entries, 'entries'),
      rooms: make(limits.rooms, 'rooms'),
      requests: make(limits.requests, 'requests'),
      logins: make(limits.logins, 'logins'),
      uploads: make(limits.uploads, 'uploads'),
      reports: make(limits.reports, 'reports'),
      connects: make(limits.connects, 'connects'),
      live: make(limits.live, 'live'),
    };
  }

  /** Counts one action; throws RATE_LIMITED with the wait when over the limit. */
  async consume(kind: LimitKind, key: string): Promise<void> {
    try {
      await this.limiters[kind].consume(this.keyOf(key));
    } catch (error) {
      if (error instanceof RateLimiterRes) {
        throw new SalonError('RATE_LIMITED', 'Slow down a little.', { retryAfterMs: error.msBeforeNext });
      }
      throw error;
    }
  }

  /** T5: refuses the same text sent too often by one user (see RepeatGuard), with the wait. */
  checkRepeat(userId: string, text: string, cid: string): void {
    const wait = this.repeats.check(userId, text, cid);
    if (wait > 0) {
      throw new SalonError('REPEATED', 'You already sent this message several times. Wait a little.', {
        retryAfterMs: wait,
      });
    }
  }
}
