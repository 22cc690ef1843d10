import { HTTP_PATHS, MediaOptions, UploadResponse } from '@salon/protocol';
import type { MediaRef } from '@salon/protocol';
import { failureOf } from './session.js';
import type { ApiResult, HttpReply } from './session.js';

/** An upload on its way: its outcome, and a way to stop it. */
export interface UploadHandle {
  done: Promise<ApiResult<MediaRef>>;
  abort(): void;
}

export type ProgressListener = (loaded: number, total: number) => void;

/** M1: what this server accepts, and uploads; an interface so tests can stand in for the server. */
export interface MediaApi {
  options(): Promise<ApiResult<MediaOptions>>;
  /** Sends the raw bytes of `file` for a room or conversation; reports bytes sent as they go. */
  upload(roomId: string, file: Blob, onProgress: ProgressListener): UploadHandle;
}

/** The part of XMLHttpRequest an upload uses (it reports upload progress, unlike fetch). */
export interface XhrLike {
  upload: { onprogress: ((event: ProgressEvent) => void) | null };
  onload: ((event: ProgressEvent) => void) | null;
  onerror: ((event: ProgressEvent) => void) | null;
  onabort: ((event: ProgressEvent) => void) | null;
  readonly status: number;
  readonly responseText: string;
  open(method: string, url: string): void;
  setRequestHeader(name: string, value: string): void;
  getResponseHeader(name: string): string | null;
  send(body: Blob): void;
  abort(): void;
}

type Fetch = (input: string, init?: RequestInit) => Promise<Response>;

interface Deps {
  fetch?: Fetch;
  createXhr?: () => XhrLike;
}

function parseJson(text: string): unknown {
  if (text === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    return null;
  }
}

function retryAfter(value: string | null): number | null {
  if (value === null) return null;
  const seconds = Number(value);
  return Number.isFinite(seconds) ? seconds : null;
}

/** `POST /api/media?roomId=…` with the file as the body. */
export function uploadUrl(roomId: string): string {
  return `${HTTP_PATHS.media}?roomId=${encodeURIComponent(roomId)}`;
}

export function httpMediaApi(deps: Deps = {}): MediaApi {
  const fetchImpl: Fetch = deps.fetch ?? ((input, init) => fetch(input, init));
  const createXhr = deps.createXhr ?? (() => new XMLHttpRequest());

  return {
    async options() {
      let reply: HttpReply | null = null;
      try {
        const response = await fetchImpl(HTTP_PATHS.mediaOptions, {
          credentials: 'same-origin',
          headers: { accept: 'application/json' },
        });
        reply = {
          status: response.status,
          body: parseJson(await response.text()),
          retryAfter: retryAfter(response.headers.get('retry-after')),
        };
      } catch {
        reply = null;
      }
      const parsed = MediaOptions.safeParse(reply?.body);
      if (reply?.status === 200 && parsed.success) return { ok: true, value: parsed.data };
      return failureOf(reply);
    },

    upload(roomId, file, onProgress) {
      const xhr = createXhr();
      const done = new Promise<ApiResult<MediaRef>>((resolve) => {
        xhr.upload.onprogress = (event) => {
          onProgress(event.loaded, event.lengthComputable ? event.total : file.size);
        };
        xhr.onload = () => {
          const body = parseJson(xhr.responseText);
          const parsed = UploadResponse.safeParse(body);
          if (xhr.status >= 200 && xhr.status < 300 && parsed.success) {
            resolve({ ok: true, value: parsed.data.media });
            return;
          }
          resolve(
            failureOf({
              status: xhr.status,
              body,
              retryAfter: retryAfter(xhr.getResponseHeader('retry-after')),
            }),
          );
        };
        xhr.onerror = () => resolve(failureOf(null));
        xhr.onabort = () => resolve({ ok: false, failure: { code: 'UNKNOWN' } });
      });
      xhr.open('POST', uploadUrl(roomId));
      xhr.setRequestHeader('Content-Type', 'application/octet-stream');
      xhr.setRequestHeader('Accept', 'application/json');
      xhr.send(file);
      return { done, abort: () => xhr.abort() };
    },
  };
}
