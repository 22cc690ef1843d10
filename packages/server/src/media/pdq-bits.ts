/**
 * Bit helpers for 256-bit PDQ hashes.
 *
 * A hash is written as 64 lowercase hex digits, most significant digit first: bit k of the hash
 * (k = 0…255, the index the hasher sets) is bit k of that 256-bit big-endian number. In memory a
 * hash is 8 unsigned 32-bit words, word 0 holding hex digits 0–7 (the top 32 bits). Hamming
 * distance is a popcount of XORed words; no BigInt is involved anywhere (it is slow).
 */

export const PDQ_BITS = 256;
export const PDQ_WORDS = 8;
export const PDQ_HEX_LENGTH = 64;

const HEX_64 = /^[0-9a-f]{64}$/;

/** True for exactly 64 lowercase or uppercase hex digits. */
export function isPdqHex(hex: string): boolean {
  return HEX_64.test(hex.toLowerCase());
}

/** Parses 64 hex digits into 8 words; throws on anything else. */
export function hexToWords(
  hex: string,
  into: Uint32Array = new Uint32Array(PDQ_WORDS),
  offset = 0,
): Uint32Array {
  const lower = hex.toLowerCase();
  if (!HEX_64.test(lower)) throw new RangeError(`not a 256-bit hex hash: "${hex}"`);
  for (let w = 0; w < PDQ_WORDS; w++) {
    into[offset + w] = Number.parseInt(lower.slice(w * 8, w * 8 + 8), 16) >>> 0;
  }
  return into;
}

/** Formats 8 words (from `offset`) as 64 lowercase hex digits. */
export function wordsToHex(words: Uint32Array, offset = 0): string {
  let hex = '';
  for (let w = 0; w < PDQ_WORDS; w++) hex += (words[offset + w] ?? 0).toString(16).padStart(8, '0');
  return hex;
}

/** Builds the hex form from 256 booleans, `bits[k]` being bit k as defined above. */
export function bitsToHex(bits: ArrayLike<boolean | number>): string {
  if (bits.length !== PDQ_BITS) throw new RangeError(`expected ${PDQ_BITS} bits, got ${bits.length}`);
  let hex = '';
  for (let digit = 0; digit < PDQ_HEX_LENGTH; digit++) {
    const low = (PDQ_HEX_LENGTH - 1 - digit) * 4; // the bit index of this digit's lowest bit
    let nibble = 0;
    for (let b = 3; b >= 0; b--) nibble = (nibble << 1) | (bits[low + b] ? 1 : 0);
    hex += nibble.toString(16);
  }
  return hex;
}

/** Number of set bits in a 32-bit integer (SWAR, no loop). */
export function popcount32(value: number): number {
  let x = value - ((value >>> 1) & 0x55555555);
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  x = (x + (x >>> 4)) & 0x0f0f0f0f;
  return Math.imul(x, 0x01010101) >>> 24;
}

/** Hamming distance between the hashes stored at `a[ai…ai+7]` and `b[bi…bi+7]`. */
export function hammingWords(a: Uint32Array, ai: number, b: Uint32Array, bi: number): number {
  let d = 0;
  for (let w = 0; w < PDQ_WORDS; w++) d += popcount32((a[ai + w]! ^ b[bi + w]!) >>> 0);
  return d;
}

/** Hamming distance between two hashes in hex form. */
export function hammingHex(a: string, b: string): number {
  return hammingWords(hexToWords(a), 0, hexToWords(b), 0);
}

/** Returns `hex` with the given bit indexes (0 = least significant) inverted. */
export function flipBits(hex: string, bitIndexes: Iterable<number>): string {
  const words = hexToWords(hex);
  for (const k of bitIndexes) {
    if (!Number.isInteger(k) || k < 0 || k >= PDQ_BITS) throw new RangeError(`bad bit index ${k}`);
    const word = PDQ_WORDS - 1 - (k >>> 5);
    words[word] = (words[word]! ^ (1 << (k & 31))) >>> 0;
  }
  return wordsToHex(words);
}
