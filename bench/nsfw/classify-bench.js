// Nudity classifier benchmark (S2): cost of one image on one worker thread.
//
//   npx tsc -b packages/server/tsconfig.build.json   # the bench loads the built module
//   node bench/nsfw/classify-bench.js [rounds]        (default 10 rounds)
//
// Classifies every image of shared/testdata/pdq/images `rounds` times, one at a time, on a pool
// of size 1 (MobileNetV2 from nsfwjs, TensorFlow.js WebAssembly backend). Prints the cold start
// (worker start, TensorFlow.js and WebAssembly initialisation, model load: the first call's
// wall time minus its own image time), then mean / p50 / p99 / max per image, both as measured
// in the worker (decode + inference) and as seen by the caller (including the message round
// trip). Bounded: about 20 s on a 2-core machine with the default 10 rounds of 20 images.
import { readdir, readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { performance } from 'node:perf_hooks';
import { createClassifier } from '../../packages/server/dist/media/nsfw/classifier.js';

const ROUNDS = Number(process.argv[2] ?? 10);
const IMAGES = new URL('../../../shared/testdata/pdq/images/', import.meta.url);

const ms = (value) => value.toFixed(1).padStart(7);

function stats(samples) {
  const sorted = [...samples].sort((a, b) => a - b);
  const at = (q) => sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))];
  const mean = sorted.reduce((a, b) => a + b, 0) / sorted.length;
  return { mean, p50: at(0.5), p99: at(0.99), max: sorted[sorted.length - 1] };
}

function row(label, samples) {
  const s = stats(samples);
  console.log(`${label.padEnd(28)} ${ms(s.mean)} ${ms(s.p50)} ${ms(s.p99)} ${ms(s.max)}`);
}

if (!Number.isInteger(ROUNDS) || ROUNDS < 1) throw new Error(`bad rounds ${process.argv[2]}`);
const names = (await readdir(IMAGES)).filter((name) => /\.(jpe?g|png|webp|gif)$/i.test(name)).sort();
const images = await Promise.all(names.map((name) => readFile(new URL(name, IMAGES))));
console.log(
  `node ${process.version}, ${availableParallelism()} cores; ${images.length} images × ${ROUNDS} rounds, pool of 1`,
);

const classifier = createClassifier({ size: 1 });
try {
  const coldStart = performance.now();
  const first = await classifier.classify(images[0]);
  const coldWall = performance.now() - coldStart;
  console.log(`cold start (worker + model load): ${(coldWall - first.ms).toFixed(0)} ms`);
  console.log(`first image after load:           ${first.ms.toFixed(1)} ms`);

  const inWorker = [];
  const roundTrip = [];
  let explicit = 0;
  const start = performance.now();
  for (let round = 0; round < ROUNDS; round++) {
    for (const bytes of images) {
      const t = performance.now();
      const verdict = await classifier.classify(bytes);
      roundTrip.push(performance.now() - t);
      inWorker.push(verdict.ms);
      if (verdict.explicit) explicit++;
    }
  }
  const elapsed = performance.now() - start;

  console.log(`\nper image, ms (${inWorker.length} classifications)   mean     p50     p99     max`);
  row('in the worker', inWorker);
  row('seen by the caller', roundTrip);
  console.log(`throughput: ${((inWorker.length / elapsed) * 1000).toFixed(1)} images/s on one worker`);
  console.log(`explicit verdicts: ${explicit} (expected 0: ordinary photos)`);
} finally {
  await classifier.close();
}
