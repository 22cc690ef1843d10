import { act } from 'react';
import type { MediaOptions, MediaRef } from '@salon/protocol';
import { httpMediaApi } from '../api/media.js';
import type { MediaApi, XhrLike } from '../api/media.js';

export const MB = 1024 * 1024;

export function mediaOptions(
  change: { video?: boolean; audio?: boolean; image?: boolean } = {},
): MediaOptions {
  const video = change.video ?? true;
  const audio = change.audio ?? true;
  const accept = ['image/jpeg', 'image/png', 'image/webp', 'image/gif'];
  if (video) accept.push('video/mp4', 'video/webm');
  if (audio) accept.push('audio/mpeg', 'audio/ogg', 'audio/mp4');
  return {
    kinds: {
      image: { enabled: change.image ?? true, maxBytes: 10 * MB },
      video: { enabled: video, maxBytes: 50 * MB },
      audio: { enabled: audio, maxBytes: 20 * MB },
    },
    accept,
  };
}

/** A stored file as the server describes it. */
export function mediaRef(change: Partial<MediaRef> = {}): MediaRef {
  const id = change.id ?? 'AAAAAAAAAAAAAAAAAAAAAA';
  return {
    id,
    kind: 'image',
    mime: 'image/jpeg',
    size: 120_000,
    width: 1600,
    height: 1200,
    durationMs: null,
    explicit: false,
    url: `/media/${id}`,
    thumbUrl: `/media/${id}/thumb`,
    ...change,
  };
}

/** An XMLHttpRequest stand-in: the test plays the server. */
export class FakeXhr implements XhrLike {
  upload: { onprogress: ((event: ProgressEvent) => void) | null } = { onprogress: null };
  onload: ((event: ProgressEvent) => void) | null = null;
  onerror: ((event: ProgressEvent) => void) | null = null;
  onabort: ((event: ProgressEvent) => void) | null = null;
  status = 0;
  responseText = '';
  method = '';
  url = '';
  readonly headers: Record<string, string> = {};
  body: Blob | null = null;
  aborted = false;
  private responseHeaders: Record<string, string> = {};

  open(method: string, url: string): void {
    this.method = method;
    this.url = url;
  }

  setRequestHeader(name: string, value: string): void {
    this.headers[name.toLowerCase()] = value;
  }

  getResponseHeader(name: string): string | null {
    return this.responseHeaders[name.toLowerCase()] ?? null;
  }

  send(body: Blob): void {
    this.body = body;
  }

  abort(): void {
    this.aborted = true;
    this.onabort?.({} as ProgressEvent);
  }

  // ---- the server side

  progress(loaded: number, total: number): void {
    this.upload.onprogress?.({ loaded, total, lengthComputable: true } as ProgressEvent);
  }

  respond(status: number, body: unknown, headers: Record<string, string> = {}): void {
    this.status = status;
    this.responseText = JSON.stringify(body);
    this.responseHeaders = Object.fromEntries(Object.entries(headers).map(([k, v]) => [k.toLowerCase(), v]));
    this.onload?.({} as ProgressEvent);
  }

  fail(): void {
    this.onerror?.({} as ProgressEvent);
  }
}

/** Records every upload request the code under test makes. */
export class UploadServer {
  readonly requests: FakeXhr[] = [];
  readonly create = (): FakeXhr => {
    const xhr = new FakeXhr();
    this.requests.push(xhr);
    return xhr;
  };

  get last(): FakeXhr {
    const xhr = this.requests.at(-1);
    if (!xhr) throw new Error('no upload made');
    return xhr;
  }
}

/** The real HTTP media API over a fake `fetch` (options) and fake XHRs (uploads). */
export function fakeMediaApi(options: MediaOptions = mediaOptions()) {
  const uploads = new UploadServer();
  const fetchImpl = () => Promise.resolve(new Response(JSON.stringify(options), { status: 200 }));
  const api: MediaApi = httpMediaApi({ fetch: fetchImpl, createXhr: uploads.create });
  return { api, uploads };
}

/** Picks files in a file input the way a user would, so React's onChange runs. */
export async function pickFiles(input: HTMLInputElement, files: File[]) {
  await act(async () => {
    Object.defineProperty(input, 'files', { value: files, configurable: true });
    input.dispatchEvent(new Event('change', { bubbles: true }));
    await Promise.resolve();
  });
}

/** A file of `size` bytes with this type (the browser's guess from its name). */
export function fileOf(name: string, type: string, size: number): File {
  return new File([new Uint8Array(size)], name, { type });
}
