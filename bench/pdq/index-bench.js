// PDQ index benchmark (S1): match latency with 1,000,000 stored hashes.
//
//   npx tsc -b packages/server/tsconfig.build.json   # the bench loads the built module
//   node --expose-gc bench/pdq/index-bench.js [entries]   (--expose-gc is optional)
//
// Prints build time, memory, and mean / p50 / p99 / max `match` time for (a) random queries that
// match nothing and (b) stored hashes with 0–31 random bits flipped (each must be found), plus a
// few linear scans for comparison. Bounded: about 10 s on a 2-core machine.
import { randomBytes, randomInt } from 'node:crypto';
import { performance } from 'node:perf_hooks';
import { flipBits } from '../../packages/server/dist/media/pdq-bits.js';
import { PdqIndex } from '../../packages/server/dist/media/pdq-index.js';

const ENTRIES = Number(process.argv[2] ?? 1_000_000);
const QUERIES = 1_000;
const WARMUP = 200;

const mb = (bytes) => `${(bytes / 1024 / 1024).toFixed(0)} MB`;
const ms = (value) => value.toFixed(3);

function randomHashes(count) {
  const bytes = randomBytes(count * 32);
  const hashes = new Array(count);
  for (let i = 0; i < count; i++) hashes[i] = bytes.toString('hex', i * 32, i * 32 + 32);
  return hashes;
}

function randomFlips(count) {
  const bits = new Set();
  while (bits.size < count) bits.add(randomInt(256));
  return bits;
}

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { mean, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
}

function timeQueries(index, queries, maxDistance, check) {
  global.gc?.(); // with --expose-gc: start each series from a clean heap
  const samples = [];
  for (const query of queries) {
    const start = performance.now();
    const found = index.match(query.hex, maxDistance);
    samples.push(performance.now() - start);
    check(query, found);
  }
  return stats(samples);
}

global.gc?.();
const before = process.memoryUsage();
const stored = randomHashes(ENTRIES);
const labels = stored.map((_, i) => `entry-${i}`);
global.gc?.();
const afterData = process.memoryUsage();

const buildStart = performance.now();
const index = new PdqIndex(ENTRIES);
for (let i = 0; i < ENTRIES; i++) index.add(stored[i], labels[i]);
const addMs = performance.now() - buildStart;
index.compact();
const buildMs = performance.now() - buildStart;
global.gc?.();
const afterIndex = process.memoryUsage();

const misses = randomHashes(QUERIES).map((hex) => ({ hex }));
const near = Array.from({ length: QUERIES }, () => {
  const id = randomInt(ENTRIES);
  const flips = randomInt(32); // 0…31
  return { hex: flipBits(stored[id], randomFlips(flips)), label: labels[id], flips };
});

// Warm up the JIT on both kinds of query.
for (let i = 0; i < WARMUP; i++) index.match((i % 2 ? misses : near)[i].hex);

let wrong = 0;
const missStats = timeQueries(index, misses, 31, (_q, found) => {
  if (found !== null) wrong++;
});
const nearStats = timeQueries(index, near, 31, (q, found) => {
  if (!found || found.label !== q.label || found.distance !== q.flips) wrong++;
});
// maxDistance 64 is beyond the probing radius: the index scans every entry (the baseline).
const scanStats = timeQueries(index, misses.slice(0, 10), 64, () => undefined);

const rows = [
  ['query kind', 'n', 'mean ms', 'p50 ms', 'p99 ms', 'max ms'],
  ['random, no match (d ≤ 31)', QUERIES, missStats],
  ['stored + 0–31 flips (d ≤ 31)', QUERIES, nearStats],
  ['linear scan (d ≤ 64)', 10, scanStats],
].map((row) => (row.length === 3 ? [row[0], String(row[1]), ...Object.values(row[2]).map(ms)] : row));
const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => row[c].length)));
const line = (row) =>
  row.map((cell, c) => (c === 0 ? cell.padEnd(widths[c]) : cell.padStart(widths[c]))).join('  ');

console.log(`PDQ index: ${ENTRIES.toLocaleString('en')} random hashes, node ${process.version}`);
console.log(
  `build: ${(buildMs / 1000).toFixed(2)} s (adds ${(addMs / 1000).toFixed(2)} s, ` +
    `compact ${((buildMs - addMs) / 1000).toFixed(2)} s)`,
);
console.log(
  `memory: index ≈ ${mb(afterIndex.heapUsed + afterIndex.arrayBuffers - afterData.heapUsed - afterData.arrayBuffers)}` +
    ` (typed arrays ${mb(afterIndex.arrayBuffers - afterData.arrayBuffers)}), hex strings + labels ≈ ` +
    `${mb(afterData.heapUsed - before.heapUsed)}, rss ${mb(afterIndex.rss)}`,
);
if (!global.gc) console.log('(memory figures are rough: run with --expose-gc for settled ones)');
console.log('');
console.log(line(rows[0]));
console.log(widths.map((w) => '-'.repeat(w)).join('  '));
for (const row of rows.slice(1)) console.log(line(row));
console.log('');
console.log(wrong === 0 ? 'all answers correct' : `${wrong} WRONG ANSWERS`);
process.exitCode = wrong === 0 ? 0 : 1;
