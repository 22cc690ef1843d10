/**
 * The nudity signal (S2): scores an uploaded image with the MobileNetV2 model bundled in nsfwjs,
 * off the event loop, in a small pool of worker threads (see ../worker-pool.ts).
 *
 * - Size: max(1, availableParallelism() − 1) by default, so one core stays with the event loop.
 *   Each worker loads its own copy of the model on its first image (under a second on the
 *   development machine, about 150 MB resident per worker) and keeps it.
 * - Workers start on first use and are `unref`ed while idle: a forgotten classifier never keeps
 *   the process alive; `close()` still ends them promptly.
 * - A worker that dies fails only the image it held; the next image starts a fresh worker.
 * - Worker entry: `nsfw-worker.js` beside this file when built; from the TypeScript sources
 *   (Vitest) `nsfw-worker.ts` with loader hooks, see ../ts-source-worker.ts.
 */
import { availableParallelism } from 'node:os';
import { workerEntry } from '../ts-source-worker.js';
import { WorkerPool } from '../worker-pool.js';
import { isExplicit, zeroScores } from './verdict.js';
import type { ClassifyRequest, ClassifyResult, NudityVerdict } from './verdict.js';

export { NUDITY_CLASSES } from './verdict.js';
export type { NudityScores, NudityVerdict } from './verdict.js';

export interface ClassifierOptions {
  /** worker threads (default max(1, availableParallelism() - 1)) */
  size?: number;
  /** explicit when Porn + Hentai >= threshold (default 0.6) */
  threshold?: number;
  /**
   * TEST HOOK, documented as such: skip the model and return this verdict for every image
   * (scores all 0 except the forced class = 1: `Porn` for 'explicit', `Neutral` for 'safe';
   * `ms` 0). No worker starts and the bytes are not read. null/undefined: use the model.
   */
  force?: 'explicit' | 'safe' | null;
}

export interface Classifier {
  readonly size: number;
  /**
   * `image`: encoded bytes of any image sharp reads (JPEG, PNG, WebP, GIF first frame).
   * Rejects for unreadable bytes. The bytes are copied; the caller's buffer is left untouched.
   */
  classify(image: Uint8Array): Promise<NudityVerdict>;
  /** Stops the workers; queued and running classifications reject, and so do later ones. */
  close(): Promise<void>;
}

const DEFAULT_THRESHOLD = 0.6;

function defaultSize(): number {
  return Math.max(1, availableParallelism() - 1);
}

export function createClassifier(options: ClassifierOptions = {}): Classifier {
  const size = options.size ?? defaultSize();
  if (!Number.isInteger(size) || size < 1) throw new RangeError(`bad classifier pool size ${size}`);
  const threshold = options.threshold ?? DEFAULT_THRESHOLD;
  if (!(threshold >= 0 && threshold <= 1)) throw new RangeError(`bad classifier threshold ${threshold}`);
  const force = options.force ?? null;
  if (force !== null && force !== 'explicit' && force !== 'safe') {
    throw new RangeError(`bad classifier force ${String(force)}`);
  }
  if (force) return forcedClassifier(size, force);

  const entry = workerEntry(import.meta.url, 'nsfw-worker');
  const pool = new WorkerPool<ClassifyRequest, ClassifyResult>({
    size,
    url: entry.url,
    execArgv: entry.execArgv,
    name: 'classifier',
  });
  return {
    size,
    async classify(image) {
      if (!(image instanceof Uint8Array)) {
        throw new TypeError('classify expects the image bytes as a Uint8Array');
      }
      // A private copy whose buffer moves to the worker without touching the caller's.
      const copy = new Uint8Array(image);
      const { scores, ms } = await pool.run({ image: copy }, [copy.buffer]);
      return { explicit: isExplicit(scores, threshold), scores, ms };
    },
    close: () => pool.close(),
  };
}

function forcedClassifier(size: number, force: 'explicit' | 'safe'): Classifier {
  let closed = false;
  return {
    size,
    classify(image) {
      if (closed) return Promise.reject(new Error('classifier is closed'));
      if (!(image instanceof Uint8Array)) {
        return Promise.reject(new TypeError('classify expects the image bytes as a Uint8Array'));
      }
      const scores = zeroScores();
      if (force === 'explicit') scores.Porn = 1;
      else scores.Neutral = 1;
      return Promise.resolve({ explicit: force === 'explicit', scores, ms: 0 });
    },
    close() {
      closed = true;
      return Promise.resolve();
    },
  };
}
