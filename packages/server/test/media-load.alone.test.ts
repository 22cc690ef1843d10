import { monitorEventLoopDelay } from 'node:perf_hooks';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, startServer, type TestServer } from './support/server.js';
import { readdir, readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { PDQ_IMAGES, upload } from './support/media.js';

/**
 * The pipeline keeps decoding, hashing and classifying off the event loop (sharp on libuv's
 * threads, PDQ and the nudity model in worker threads): chat stays live during heavy uploads.
 */
describe('[M2][S1][S2] heavy uploads', () => {
  let server: TestServer;
  beforeAll(async () => {
    // The real classifier, not the test verdict: its work must stay off the event loop too.
    server = await startServer({ media: { nudity: { force: null } } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('10 large images are processed with no event-loop delay over 50 ms', { timeout: 120_000 }, async () => {
    const user = await newUser(server);
    await user.client.join('general');
    // Ordinary photos, enlarged to 12 megapixels.
    const names = (await readdir(PDQ_IMAGES)).filter((name) => name.endsWith('.jpg')).slice(0, 11);
    const photos = await Promise.all(names.map((name) => readFile(new URL(name, PDQ_IMAGES))));
    const images = await Promise.all(
      photos
        .slice(1)
        .map((photo) => sharp(photo).resize(4000, 3000, { fit: 'fill' }).jpeg({ quality: 95 }).toBuffer()),
    );
    expect(Math.min(...images.map((image) => image.length))).toBeGreaterThan(1_000_000);
    // Warm up once (first worker start, model load), then measure the ten.
    expect((await upload(server, user, 'general', photos[0]!)).status).toBe(201);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const results = await Promise.all(images.map((image) => upload(server, user, 'general', image)));
    delay.disable();
    expect(results.map((r) => r.status)).toEqual(Array(10).fill(201));
    const maxMs = delay.max / 1e6;
    console.log(
      `event-loop delay during 10 uploads: max ${maxMs.toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms`,
    );
    expect(maxMs).toBeLessThan(50);
  });
});
