import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import { systemClock, type Clock } from '../clock.js';
import type { Config } from '../config/schema.js';
import { SalonError } from '../errors.js';
import { RepeatGuard } from './flood.js';

export type LimitKind =
  'messages' | 'typing' | 'entries' | 'rooms' | 'requests' | 'logins' | 'uploads' | 'reports' | 'connects';

/**
 * T5: limits per session (messages, typing, rooms, requests), per address or nickname (entries,
 * logins, new connections), and repeated messages per user.
 */
export class Limiter {
  private readonly limiters: Record<LimitKind, RateLimiterMemory>;
  private readonly repeats: RepeatGuard;

  constructor(limits: Readonly<Config['limits']>, clock: Clock = systemClock) {
    this.repeats = new RepeatGuard(limits.repeats, limits.repeatWindow, clock);
    const make = (rate: { points: number; window: number }) =>
      new RateLimiterMemory({ points: rate.points, duration: Math.max(1, Math.round(rate.window / 1000)) });
    this.limiters = {
      messages: make(limits.messages),
      typing: make(limits.typing),
      entries: make(limits.entries),
      rooms: make(limits.rooms),
      requests: make(limits.requests),
      logins: make(limits.logins),
      uploads: make(limits.uploads),
      reports: make(limits.reports),
      connects: make(limits.connects),
    };
  }

  /** Counts one action; throws RATE_LIMITED with the wait when over the limit. */
  async consume(kind: LimitKind, key: string): Promise<void> {
    try {
      await this.limiters[kind].consume(key);
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
