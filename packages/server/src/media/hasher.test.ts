import { readFile } from 'node:fs/promises';
import { availableParallelism } from 'node:os';
import { afterAll, describe, expect, it } from 'vitest';
import { createHasher, defaultPoolSize } from './hasher.js';
import type { Hasher } from './hasher.js';

const PDQ_IMAGES = new URL('../../../../../shared/testdata/pdq/images/', import.meta.url);
const NAMES = [
  'bridge-1-original.jpg',
  'bridge-2-rotate-90.jpg',
  'blur-a-lot.jpg',
  'shrink-a-lot.jpg',
  'square-128x128.jpg',
];

describe('hashing in worker threads', () => {
  const open: Hasher[] = [];
  afterAll(async () => {
    await Promise.all(open.map((h) => h.close()));
  });

  it('[S1] sizes the pool to the cores minus one, at least one', () => {
    expect(defaultPoolSize()).toBe(Math.max(1, availableParallelism() - 1));
    expect(createHasher({ inProcess: true }).size).toBe(0);
    expect(() => createHasher({ size: 0 })).toThrow(RangeError);
  });

  it('[S1] hashes several images concurrently, with the same results as in-process', async () => {
    const files = await Promise.all(NAMES.map((name) => readFile(new URL(name, PDQ_IMAGES))));
    const local = createHasher({ inProcess: true });
    const expected = await Promise.all(files.map((bytes) => local.hashImage(bytes)));

    // Two workers, five images: both run at once and the queue holds the rest.
    const pool = createHasher({ size: 2 });
    open.push(pool);
    const bad = expect(pool.hashImage(Buffer.from('definitely not an image'))).rejects.toThrow(/unsupported/);
    const results = await Promise.all(files.map((bytes) => pool.hashImage(bytes)));
    expect(results).toEqual(expected);
    await bad;
    // The pool is still healthy after a failure, and the caller's buffer was not detached.
    expect(files[0]!.byteLength).toBeGreaterThan(0);
    expect(await pool.hashImage(files[0]!)).toEqual(expected[0]);

    await pool.close();
    await expect(pool.hashImage(files[0]!)).rejects.toThrow(/closed/);
  });

  it('[S1] a worker that dies fails only its own image, and the next one gets a fresh worker', async () => {
    const dying = createHasher({ size: 1, workerUrl: new URL('data:text/javascript,process.exit(3)') });
    open.push(dying);
    await expect(dying.hashImage(Buffer.from('x'))).rejects.toThrow(/exited with code 3/);
    await expect(dying.hashImage(Buffer.from('y'))).rejects.toThrow(/exited with code 3/);
  });
});
