import { describe, expect, it } from 'vitest';
import { fakeMediaApi, mediaOptions, mediaRef } from '../test/mediaFakes.js';
import { httpMediaApi } from './media.js';

describe('media API (M1)', () => {
  it('[M1] uploads the raw bytes to /api/media?roomId=… as application/octet-stream, with progress', async () => {
    const { api, uploads } = fakeMediaApi();
    const file = new Blob([new Uint8Array([1, 2, 3, 4])], { type: 'image/png' });
    const progress: [number, number][] = [];
    const handle = api.upload('room/é', file, (loaded, total) => progress.push([loaded, total]));
    const xhr = uploads.last;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/media?roomId=room%2F%C3%A9');
    expect(xhr.headers['content-type']).toBe('application/octet-stream');
    expect(xhr.body).toBe(file);
    xhr.progress(2, 4);
    expect(progress).toEqual([[2, 4]]);
    const media = mediaRef();
    xhr.respond(201, { media });
    expect(await handle.done).toEqual({ ok: true, value: media });
  });

  it('[M1] a refusal carries the protocol code; a rate limit says when to try again', async () => {
    const { api, uploads } = fakeMediaApi();
    const refused = api.upload('general', new Blob(['x']), () => undefined);
    uploads.last.respond(415, { error: 'MEDIA_TYPE', message: 'no' });
    expect(await refused.done).toEqual({ ok: false, failure: { code: 'MEDIA_TYPE' } });

    const before = Date.now();
    const limited = api.upload('general', new Blob(['x']), () => undefined);
    uploads.last.respond(429, { error: 'RATE_LIMITED', message: 'slow' }, { 'Retry-After': '30' });
    const result = await limited.done;
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.failure.code).toBe('RATE_LIMITED');
    expect(result.failure.until).toBeGreaterThanOrEqual(before + 30_000);

    const broken = api.upload('general', new Blob(['x']), () => undefined);
    uploads.last.fail();
    expect(await broken.done).toEqual({ ok: false, failure: { code: 'NETWORK' } });
  });

  it('[M1] a malformed success is not taken for a file', async () => {
    const { api, uploads } = fakeMediaApi();
    const handle = api.upload('general', new Blob(['x']), () => undefined);
    uploads.last.respond(201, { media: { id: 'short' } });
    expect(await handle.done).toEqual({ ok: false, failure: { code: 'UNKNOWN' } });
  });

  it('[M1] abort stops the request', () => {
    const { api, uploads } = fakeMediaApi();
    const handle = api.upload('general', new Blob(['x']), () => undefined);
    handle.abort();
    expect(uploads.last.aborted).toBe(true);
  });

  it('[M1] reads the options; no answer is NETWORK', async () => {
    const options = mediaOptions({ video: false, audio: false });
    expect(await fakeMediaApi(options).api.options()).toEqual({ ok: true, value: options });
    const offline = httpMediaApi({ fetch: () => Promise.reject(new Error('offline')) });
    expect(await offline.options()).toEqual({ ok: false, failure: { code: 'NETWORK' } });
  });
});
