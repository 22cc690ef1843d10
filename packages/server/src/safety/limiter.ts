import { RateLimiterMemory, RateLimiterRes } from 'rate-limiter-flexible';
import type { Config } from '../config/schema.js';
import { SalonError } from '../errors.js';

export type LimitKind =
  'messages' | 'typing' | 'entries' | 'rooms' | 'requests' | 'logins' | 'uploads' | 'reports';

/** T5 (first part): limits per session (messages, typing, rooms, requests) and per address or nickname (entries, logins). */
export class Limiter {
  private readonly limiters: Record<LimitKind, RateLimiterMemory>;

  constructor(limits: Readonly<Config['limits']>) {
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
}
