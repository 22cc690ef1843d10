import { execFile } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tsSourceExecArgv } from '../ts-source-worker.js';
import { createClassifier, NUDITY_CLASSES } from './classifier.js';
import type { Classifier, NudityVerdict } from './classifier.js';

const IMAGES = new URL('../../../../../../shared/testdata/pdq/images/', import.meta.url);
const GARBAGE = Buffer.from('definitely not an image');

function expectProbabilities(verdict: NudityVerdict): void {
  expect(Object.keys(verdict.scores).sort()).toEqual([...NUDITY_CLASSES].sort());
  for (const name of NUDITY_CLASSES) {
    expect(verdict.scores[name]).toBeGreaterThanOrEqual(0);
    expect(verdict.scores[name]).toBeLessThanOrEqual(1);
  }
  const sum = NUDITY_CLASSES.reduce((total, name) => total + verdict.scores[name], 0);
  expect(sum).toBeCloseTo(1, 4);
}

describe('nudity classifier, real model in worker threads', () => {
  // One classifier for the whole file: each of its workers loads the model once.
  let classifier: Classifier;
  let images: { name: string; bytes: Buffer }[];

  beforeAll(async () => {
    const names = (await readdir(IMAGES)).filter((name) => /\.(jpe?g|png|webp|gif)$/i.test(name)).sort();
    images = await Promise.all(
      names.map(async (name) => ({ name, bytes: await readFile(new URL(name, IMAGES)) })),
    );
    classifier = createClassifier({ size: 2 });
  });
  afterAll(() => classifier.close());

  it('[S2] loads the model in a worker without stalling the event loop', async () => {
    expect(images.length).toBeGreaterThan(0);
    let last = performance.now();
    let longestGap = 0;
    const ticker = setInterval(() => {
      const now = performance.now();
      longestGap = Math.max(longestGap, now - last);
      last = now;
    }, 5);
    const started = performance.now();
    try {
      const verdict = await classifier.classify(images[0]!.bytes);
      expectProbabilities(verdict);
      expect(verdict.ms).toBeGreaterThan(0);
      expect(verdict.ms).toBeLessThan(performance.now() - started);
    } finally {
      clearInterval(ticker);
    }
    // Loading TensorFlow.js and the model on this thread would stall it for ~300 ms at a time;
    // from a worker, the main thread only waits for a message.
    expect(longestGap).toBeLessThan(150);
  });

  it('[S2] ordinary photos are not explicit; the five scores are probabilities summing to 1', async () => {
    for (const { name, bytes } of images) {
      const verdict = await classifier.classify(bytes);
      expectProbabilities(verdict);
      expect({ name, explicit: verdict.explicit }).toEqual({ name, explicit: false });
      expect(verdict.scores.Porn + verdict.scores.Hentai).toBeLessThan(0.6);
    }
  });

  it('[S2] unreadable bytes reject, and the pool keeps working afterwards', async () => {
    await expect(classifier.classify(GARBAGE)).rejects.toThrow(/unsupported image format/);
    await expect(classifier.classify(new Uint8Array(0))).rejects.toThrow();
    const verdict = await classifier.classify(images[0]!.bytes);
    expectProbabilities(verdict);
    // The caller's buffer was copied, not moved to the worker.
    expect(images[0]!.bytes.byteLength).toBeGreaterThan(0);
  });

  it('[S2] concurrent classifications all resolve, with the same scores on every worker', async () => {
    const [one, two] = [images[1]!.bytes, images[2]!.bytes];
    const alone = [await classifier.classify(one), await classifier.classify(two)];
    // Two workers and four images: both workers run and the queue holds the rest.
    const together = await Promise.all([one, two, one, two].map((bytes) => classifier.classify(bytes)));
    together.forEach((verdict, i) => {
      for (const name of NUDITY_CLASSES)
        expect(verdict.scores[name]).toBeCloseTo(alone[i % 2]!.scores[name], 5);
    });
  });

  it('[S2] close() rejects the image in flight and every later one', async () => {
    const inFlight = expect(classifier.classify(images[0]!.bytes)).rejects.toThrow(/classifier is closed/);
    const started = performance.now();
    await classifier.close();
    expect(performance.now() - started).toBeLessThan(2_000);
    await inFlight;
    await expect(classifier.classify(images[0]!.bytes)).rejects.toThrow(/classifier is closed/);
  });
});

describe('nudity classifier options', () => {
  it('[S2] force returns the forced verdict for every input without loading the model', async () => {
    const explicit = createClassifier({ force: 'explicit', size: 3 });
    const safe = createClassifier({ force: 'safe' });
    expect(explicit.size).toBe(3);
    const started = performance.now();
    // No worker starts and no byte is read: even garbage gets the forced verdict, at once.
    expect(await explicit.classify(GARBAGE)).toEqual({
      explicit: true,
      scores: { Drawing: 0, Hentai: 0, Neutral: 0, Porn: 1, Sexy: 0 },
      ms: 0,
    });
    expect(await safe.classify(GARBAGE)).toEqual({
      explicit: false,
      scores: { Drawing: 0, Hentai: 0, Neutral: 1, Porn: 0, Sexy: 0 },
      ms: 0,
    });
    expect(performance.now() - started).toBeLessThan(50);
    await explicit.close();
    await expect(explicit.classify(GARBAGE)).rejects.toThrow(/closed/);
    await safe.close();
  });

  it('[S2] refuses a bad size, threshold or force', () => {
    expect(() => createClassifier({ size: 0 })).toThrow(RangeError);
    expect(() => createClassifier({ size: 1.5 })).toThrow(RangeError);
    expect(() => createClassifier({ threshold: 1.5 })).toThrow(RangeError);
    expect(() => createClassifier({ threshold: Number.NaN })).toThrow(RangeError);
    expect(() => createClassifier({ force: 'maybe' as 'safe' })).toThrow(RangeError);
  });

  it('[S2] a forgotten classifier does not keep the process alive', async () => {
    const script = `
      import { readFile } from 'node:fs/promises';
      import { createClassifier } from ${JSON.stringify(new URL('./classifier.ts', import.meta.url).href)};
      const classifier = createClassifier({ size: 1 });
      const bytes = await readFile(new URL('square-128x128.jpg', ${JSON.stringify(IMAGES.href)}));
      console.log(JSON.stringify(await classifier.classify(bytes)));
      // no close(): the process must still end by itself
    `;
    const { stdout } = await promisify(execFile)(
      process.execPath,
      [...tsSourceExecArgv(import.meta.url), '--input-type=module', '-e', script],
      { timeout: 30_000 },
    );
    const verdict = JSON.parse(stdout.trim()) as NudityVerdict;
    expect(verdict.explicit).toBe(false);
    expectProbabilities(verdict);
  }, 40_000);
});
