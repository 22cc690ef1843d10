import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { PdqIndex } from './pdq-index.js';
import { flipBits, hammingHex, hammingWords, hexToWords, popcount32, wordsToHex } from './pdq-bits.js';

/** Deterministic random hashes (mulberry32), so failures reproduce. */
function randomHashes(count: number, seed: number): string[] {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return (t ^ (t >>> 14)) >>> 0;
  };
  return Array.from({ length: count }, () => wordsToHex(Uint32Array.from({ length: 8 }, next)));
}

/** `n` bit indexes spread so that as many 16-bit chunks as possible differ in 2 bits. */
function spreadBits(n: number): number[] {
  const bits: number[] = [];
  for (let i = 0; i < n; i++) bits.push((i % 16) * 16 + Math.floor(i / 16) * 5);
  return bits;
}

/** Linear scan over pre-parsed hashes: the nearest within maxDistance, ties to the first. */
function bruteForce(stored: Uint32Array[], query: string, maxDistance: number) {
  const q = hexToWords(query);
  let best: { label: string; distance: number } | null = null;
  stored.forEach((words, i) => {
    const distance = hammingWords(words, 0, q, 0);
    if (distance <= maxDistance && (!best || distance < best.distance)) best = { label: String(i), distance };
  });
  return best;
}

describe('PDQ bit helpers', () => {
  it('[S1] round-trips hex, counts bits and flips the intended bit', () => {
    const [hex] = randomHashes(1, 1);
    expect(wordsToHex(hexToWords(hex!.toUpperCase()))).toBe(hex);
    expect([0, 1, 0xff, 0x80000000, 0xffffffff].map(popcount32)).toEqual([0, 1, 8, 1, 32]);
    expect(flipBits('0'.repeat(64), [0])).toBe('0'.repeat(63) + '1');
    expect(flipBits('0'.repeat(64), [255])).toBe('8' + '0'.repeat(63));
    expect(hammingHex(hex!, flipBits(hex!, spreadBits(31)))).toBe(31);
    expect(() => hexToWords('abc')).toThrow(RangeError);
  });
});

describe('PdqIndex', () => {
  const stored = randomHashes(5000, 7);
  const index = new PdqIndex();
  stored.forEach((hex, i) => index.add(hex, String(i)));
  const target = stored[1234]!;

  it('[S1] finds exact and near matches at distances 0, 15 and 31', () => {
    expect(index.size).toBe(5000);
    expect(index.match(target)).toEqual({ label: '1234', distance: 0 });
    for (const n of [15, 31]) {
      // Spread: each chunk differs in 1–2 bits, the hardest case for multi-index lookup.
      expect(index.match(flipBits(target, spreadBits(n)))).toEqual({ label: '1234', distance: n });
      // Bunched: all flips in the first chunks.
      const bunched = Array.from({ length: n }, (_, i) => 255 - i);
      expect(index.match(flipBits(target, bunched))).toEqual({ label: '1234', distance: n });
    }
  });

  it('[S1] does not match at distance 32 or more', () => {
    for (const n of [32, 33, 48, 64]) {
      expect(index.match(flipBits(target, spreadBits(n)))).toBeNull();
      expect(index.match(flipBits(target, spreadBits(n)), n - 1)).toBeNull();
      expect(index.match(flipBits(target, spreadBits(n)), n)).toEqual({ label: '1234', distance: n });
    }
  });

  it('[S1] returns the nearest of several matches, and nothing from an empty index', () => {
    const small = new PdqIndex();
    expect(small.match(target)).toBeNull();
    small.add(flipBits(target, spreadBits(20)), 'far');
    small.add(flipBits(target, spreadBits(3)), 'near');
    small.add(flipBits(target, spreadBits(3)), 'near-duplicate');
    expect(small.match(target)).toEqual({ label: 'near', distance: 3 });
    expect(() => small.match('xyz')).toThrow(RangeError);
    expect(() => small.add('12', 'bad')).toThrow(RangeError);
  });

  it('[S1] agrees with a brute-force scan on random queries (property)', () => {
    // Stored hashes are random, plus clusters of near copies so that the nearest is a real choice.
    const pool = randomHashes(3000, 99);
    for (let i = 0; i < 200; i++) pool.push(flipBits(pool[i]!, [i % 256, (i * 7) % 256, (i * 13) % 256]));
    const big = new PdqIndex(10); // starts tiny: growth is exercised too
    // Most entries in the lookup tables, the last 500 added after compact(): scanned, not indexed.
    pool.slice(0, 2700).forEach((hex, i) => big.add(hex, String(i)));
    big.compact();
    pool.slice(2700).forEach((hex, i) => big.add(hex, String(2700 + i)));
    const poolWords = pool.map((hex) => hexToWords(hex));
    const query = fc.oneof(
      fc
        .record({ base: fc.nat(pool.length - 1), flips: fc.uniqueArray(fc.nat(255), { maxLength: 50 }) })
        .map(({ base, flips }) => flipBits(pool[base]!, flips)),
      fc.uint8Array({ minLength: 32, maxLength: 32 }).map((b) => Buffer.from(b).toString('hex')),
    );
    fc.assert(
      fc.property(query, fc.integer({ min: 0, max: 70 }), (hex, maxDistance) => {
        expect(big.match(hex, maxDistance)).toEqual(bruteForce(poolWords, hex, maxDistance));
      }),
      { numRuns: 1000, seed: 20_240_531 },
    );
  });
});
