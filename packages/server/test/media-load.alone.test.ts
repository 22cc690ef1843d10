import { monitorEventLoopDelay } from 'node:perf_hooks';
import { Worker } from 'node:worker_threads';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { newUser, startServer, type TestServer } from './support/server.js';
import { readdir, readFile } from 'node:fs/promises';
import sharp from 'sharp';
import { PDQ_IMAGES, upload } from './support/media.js';

/**
 * A worker thread that sends uploads all at once when told to, so that the client's own work
 * (fetch copies each 4 MB body on the thread that starts it) does not count against the server's
 * event loop, which this test measures. Bodies are copied and the thread started beforehand.
 */
async function uploaderThread(
  url: string,
  cookie: string,
  images: Buffer[],
): Promise<() => Promise<number[]>> {
  const bodies = images.map((image) => new Uint8Array(image));
  const worker = new Worker(
    `const { parentPort, workerData } = require('node:worker_threads');
    parentPort.once('message', () =>
      Promise.all(
        workerData.bodies.map(async (body) => {
          const response = await fetch(workerData.url, {
            method: 'POST',
            headers: { cookie: workerData.cookie, 'content-type': 'application/octet-stream' },
            body,
          });
          await response.arrayBuffer();
          return response.status;
        }),
      ).then((statuses) => parentPort.postMessage(statuses)),
    );`,
    { eval: true, workerData: { url, cookie, bodies }, transferList: bodies.map((body) => body.buffer) },
  );
  await new Promise((resolve) => worker.once('online', resolve));
  return () =>
    new Promise((resolve, reject) => {
      worker.once('message', (statuses: number[]) => {
        resolve(statuses);
        void worker.terminate();
      });
      worker.once('error', reject);
      worker.postMessage('go');
    });
}

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
    const send = await uploaderThread(`${server.url}/api/media?roomId=general`, user.cookie, images);
    const delay = monitorEventLoopDelay({ resolution: 5 });
    delay.enable();
    const statuses = await send();
    delay.disable();
    expect(statuses).toEqual(Array(10).fill(201));
    const maxMs = delay.max / 1e6;
    console.log(
      `event-loop delay during 10 uploads: max ${maxMs.toFixed(1)} ms, p99 ${(delay.percentile(99) / 1e6).toFixed(1)} ms`,
    );
    expect(maxMs).toBeLessThan(50);
  });
});
