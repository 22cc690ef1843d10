/**
 * In-memory index of PDQ hashes answering "the nearest stored hash within distance D" (S1:
 * D = 31), fast with millions of entries, by multi-index hashing.
 *
 * Why it finds every match: the 256 bits are cut into 16 disjoint chunks of 16 bits. The
 * Hamming distance is the sum of the 16 per-chunk distances, so if dist(q, h) ≤ D then at least
 * one chunk differs in at most r = floor(D / 16) bits (otherwise every chunk would differ in
 * r + 1 or more bits and the total would be ≥ 16·(r + 1) > D). For D = 31, r = 1: looking up, in
 * each chunk's table, the query's chunk value and its 16 one-bit neighbours (17 probes × 16
 * chunks) reaches every hash within 31. Every candidate is then checked with an exact popcount
 * distance over its 8 32-bit words, so there are no false positives either.
 *
 * Why 16-bit chunks rather than 32 chunks of 8 bits (where D = 31 < 32 guarantees an exactly
 * equal chunk): with 8-bit chunks each bucket holds about N/256 entries, ≈ 125,000 candidates
 * per query at N = 1,000,000; with 16-bit chunks and one-bit probes it is 272 buckets of about
 * N/65,536 entries, ≈ 4,200 candidates. For D ≥ 48 (r ≥ 3, beyond what S1 needs) the index
 * simply scans every entry.
 *
 * Storage: hashes in one growable Uint32Array (8 words each). Each chunk's table is a counting-
 * sorted array of entry ids with an offset per chunk value (65,537 offsets), so a bucket is one
 * contiguous run: about 100 bytes per entry plus its label. Adding only appends; the tables are
 * rebuilt (O(16·N), ≈ 0.4 s per million) by `compact()` or by the first `match()` that finds
 * many unindexed entries. Until then, recent additions are scanned linearly, so interleaved
 * add/match stays correct and cheap. hash-lists.ts compacts each new set before swapping it in.
 */
import { PDQ_WORDS, hexToWords, popcount32 } from './pdq-bits.js';

export interface PdqMatch {
  label: string;
  distance: number;
}

const CHUNKS = 16;
const CHUNK_VALUES = 1 << 16;
const MAX_PROBE_RADIUS = 2;
/** Entries a match may scan linearly before it rebuilds the tables (or 1/32 of the indexed). */
const MAX_UNINDEXED = 1024;

export class PdqIndex {
  #words: Uint32Array;
  #labels: string[] = [];
  /** Per chunk: offsets[v]…offsets[v + 1] is the run of ids whose chunk value is v. */
  #offsets: Uint32Array[] = [];
  #ids: Int32Array[] = [];
  /** Entries [0, #indexed) are in the chunk tables; the rest are scanned. */
  #indexed = 0;
  readonly #query = new Uint32Array(PDQ_WORDS);

  constructor(initialCapacity = 1024) {
    this.#words = new Uint32Array(Math.max(16, Math.ceil(initialCapacity)) * PDQ_WORDS);
  }

  get size(): number {
    return this.#labels.length;
  }

  /** Adds a hash (64 hex digits; throws on anything else). The same hash may be added twice. */
  add(hex: string, label: string): void {
    const id = this.#labels.length;
    if ((id + 1) * PDQ_WORDS > this.#words.length) {
      const words = new Uint32Array(this.#words.length * 2);
      words.set(this.#words);
      this.#words = words;
    }
    hexToWords(hex, this.#words, id * PDQ_WORDS);
    this.#labels.push(label);
  }

  /** Builds the chunk tables over every entry added so far (a counting sort per chunk). */
  compact(): void {
    const n = this.size;
    const words = this.#words;
    const offsets: Uint32Array[] = [];
    const ids: Int32Array[] = [];
    for (let c = 0; c < CHUNKS; c++) {
      // One chunk at a time keeps its 256 KB of counters in cache.
      const offset = new Uint32Array(CHUNK_VALUES + 1);
      for (let id = 0; id < n; id++) offset[chunkOf(words, id * PDQ_WORDS, c) + 1]!++;
      for (let v = 0; v < CHUNK_VALUES; v++) offset[v + 1]! += offset[v]!;
      const fill = offset.slice(0, CHUNK_VALUES);
      const run = new Int32Array(n);
      for (let id = 0; id < n; id++) run[fill[chunkOf(words, id * PDQ_WORDS, c)]!++] = id;
      offsets.push(offset);
      ids.push(run);
    }
    this.#offsets = offsets;
    this.#ids = ids;
    this.#indexed = n;
  }

  /**
   * The nearest stored hash at distance ≤ maxDistance, or null. Ties go to the earliest added.
   * Throws on a malformed query hash or distance.
   */
  match(hex: string, maxDistance = 31): PdqMatch | null {
    if (!Number.isInteger(maxDistance) || maxDistance < 0)
      throw new RangeError(`bad distance ${maxDistance}`);
    const query = hexToWords(hex, this.#query);
    const best = { id: -1, distance: maxDistance + 1 };
    const radius = Math.floor(maxDistance / CHUNKS);
    if (radius > MAX_PROBE_RADIUS) {
      this.#scan(query, 0, best);
    } else {
      const unindexed = this.size - this.#indexed;
      if (unindexed > Math.max(MAX_UNINDEXED, this.#indexed >>> 5)) this.compact();
      if (this.#indexed > 0) this.#probeAll(query, radius, best);
      this.#scan(query, this.#indexed, best);
    }
    return best.id < 0 ? null : { label: this.#labels[best.id]!, distance: best.distance };
  }

  #probeAll(query: Uint32Array, radius: number, best: Best): void {
    for (let c = 0; c < CHUNKS && best.distance > 0; c++) {
      const value = chunkOf(query, 0, c);
      this.#probe(query, c, value, best);
      if (radius === 0) continue;
      for (let b1 = 0; b1 < 16; b1++) {
        const v1 = value ^ (1 << b1);
        this.#probe(query, c, v1, best);
        if (radius >= 2) for (let b2 = b1 + 1; b2 < 16; b2++) this.#probe(query, c, v1 ^ (1 << b2), best);
      }
    }
  }

  /**
   * Checks every id in one bucket. An entry reached through several chunks is simply checked
   * again: cheaper than remembering which ones were seen, and harmless for a nearest search.
   */
  #probe(query: Uint32Array, chunk: number, value: number, best: Best): void {
    const offsets = this.#offsets[chunk]!;
    const ids = this.#ids[chunk]!;
    for (let k = offsets[value]!, end = offsets[value + 1]!; k < end; k++)
      this.#consider(query, ids[k]!, best);
  }

  #scan(query: Uint32Array, from: number, best: Best): void {
    for (let id = from; id < this.size; id++) this.#consider(query, id, best);
  }

  /** Exact distance with an early exit once it exceeds the best so far. */
  #consider(query: Uint32Array, id: number, best: Best): void {
    const words = this.#words;
    const base = id * PDQ_WORDS;
    let distance = 0;
    for (let w = 0; w < PDQ_WORDS; w++) {
      distance += popcount32((words[base + w]! ^ query[w]!) >>> 0);
      if (distance > best.distance) return;
    }
    if (distance < best.distance || (distance === best.distance && id < best.id)) {
      best.id = id;
      best.distance = distance;
    }
  }
}

interface Best {
  id: number;
  distance: number;
}

/** Chunk c (0…15): the high (even c) or low (odd c) 16 bits of word c >> 1. */
function chunkOf(words: Uint32Array, base: number, c: number): number {
  const word = words[base + (c >>> 1)]!;
  return c & 1 ? word & 0xffff : word >>> 16;
}
