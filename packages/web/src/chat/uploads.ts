import type { MediaRef } from '@salon/protocol';
import { httpMediaApi } from '../api/media.js';
import type { MediaApi, UploadHandle } from '../api/media.js';
import type { ApiResult } from '../api/session.js';
import { checkFile, kindOfType } from './attach.js';
import type { AttachProblem } from './attach.js';
import { Messaging } from './messaging.js';
import type { Upload } from './state.js';
import type { ChatSyncOptions } from './sync.js';
import { checkMessage } from './validate.js';

/**
 * M1, M3: photos, videos and sounds. A file is uploaded first (`POST /api/media`), with its
 * progress in the state; once the server has stored it, a message carries it with the caption.
 */
export class MediaMessaging extends Messaging {
  private readonly media: MediaApi;
  private readonly handles = new Map<string, UploadHandle>();
  private loadingOptions: Promise<void> | null = null;
  private uploadCount = 0;

  constructor(options: ChatSyncOptions) {
    super(options);
    this.media = options.media ?? httpMediaApi();
  }

  /** Asks the server what it accepts, unless already known. */
  loadMediaOptions(): Promise<void> {
    return this.state.mediaOptions ? Promise.resolve() : this.refreshMediaOptions();
  }

  /** After each (re)connection: the server may have changed (ffmpeg installed, limits). */
  protected override refreshLists(): void {
    super.refreshLists();
    void this.refreshMediaOptions();
  }

  private refreshMediaOptions(): Promise<void> {
    this.loadingOptions ??= this.media.options().then((result) => {
      this.loadingOptions = null;
      if (result.ok) this.set({ mediaOptions: result.value });
    });
    return this.loadingOptions;
  }

  /**
   * Uploads a file to a room or an accepted conversation, then sends it with `caption`.
   * Returns why it cannot be sent instead, before anything leaves the browser.
   */
  attach(roomId: string, file: Blob, caption: string, name: string): AttachProblem | null {
    const options = this.state.mediaOptions;
    if (!options) return { code: 'OPTIONS_UNKNOWN' };
    const problem = checkFile(options, file, name);
    if (problem) return problem;
    const text = checkMessage(caption, true);
    if (typeof text !== 'string') return { code: 'TEXT_TOO_LONG' };
    this.uploadCount += 1;
    const upload: Upload = {
      id: `upload${this.uploadCount}`,
      roomId,
      name,
      kind: kindOfType(file.type),
      loaded: 0,
      total: file.size,
      caption: text,
      status: 'uploading',
    };
    this.set({ uploads: [...this.state.uploads, upload] });
    const handle = this.media.upload(roomId, file, (loaded, total) =>
      this.updateUpload(upload.id, { loaded: Math.min(loaded, total), total }),
    );
    this.handles.set(upload.id, handle);
    void handle.done.then((result) => this.uploaded(upload.id, result));
    return null;
  }

  /** Stops an upload on its way; nothing is sent. */
  cancelUpload(id: string): void {
    const handle = this.handles.get(id);
    this.handles.delete(id);
    handle?.abort();
    this.dismissUpload(id);
  }

  /** Forgets a failed upload once its error has been read. */
  dismissUpload(id: string): void {
    this.set({ uploads: this.state.uploads.filter((u) => u.id !== id) });
  }

  override leaveRoom(roomId: string): void {
    for (const upload of this.state.uploads) if (upload.roomId === roomId) this.cancelUpload(upload.id);
    super.leaveRoom(roomId);
  }

  override dispose(): void {
    for (const handle of this.handles.values()) handle.abort();
    this.handles.clear();
    super.dispose();
  }

  private uploaded(id: string, result: ApiResult<MediaRef>): void {
    if (!this.handles.delete(id)) return; // cancelled
    const upload = this.state.uploads.find((u) => u.id === id);
    if (!upload) return;
    // The room may have gone meanwhile (kicked, closed): the file is simply not sent.
    if (!this.state.joined[upload.roomId]) {
      this.dismissUpload(id);
      return;
    }
    if (!result.ok) {
      this.updateUpload(id, { status: 'failed', error: result.failure });
      return;
    }
    this.dismissUpload(id);
    const refused = this.send(upload.roomId, upload.caption, result.value);
    if (refused) this.notify(refused);
  }

  private updateUpload(id: string, change: Partial<Upload>): void {
    if (!this.state.uploads.some((u) => u.id === id)) return;
    this.set({ uploads: this.state.uploads.map((u) => (u.id === id ? { ...u, ...change } : u)) });
  }
}
