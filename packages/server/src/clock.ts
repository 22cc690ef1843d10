import { randomBytes } from 'node:crypto';

/** Injected time source (tests move time without sleeping). */
export interface Clock {
  now(): number;
}

export const systemClock: Clock = { now: () => Date.now() };

/** A clock tests can move by hand. */
export class ManualClock implements Clock {
  constructor(private time = 1_700_000_000_000) {}
  now(): number {
    return this.time;
  }
  advance(ms: number): void {
    this.time += ms;
  }
}

/** Injected randomness: `bytes(n)` returns n random bytes. */
export interface Random {
  bytes(n: number): Buffer;
}

export const cryptoRandom: Random = { bytes: (n) => randomBytes(n) };

/** A url-safe random token with `bits` bits of entropy. */
export function randomToken(random: Random, bits = 256): string {
  return random.bytes(Math.ceil(bits / 8)).toString('base64url');
}
