/**
 * M1–M4, S1, S2: the upload pipeline and the access rules for serving.
 *
 * An upload is streamed to a temporary file, checked (type, size, polyglot), processed (images
 * re-encoded by sharp; video and audio validated and remuxed by ffmpeg without metadata),
 * hashed and matched against the operator's lists, and classified. Only then is it stored and
 * given a MediaRef; a message may then carry it. Nothing is reachable before that (M4).
 * Whatever fails, the temporary files are removed.
 */
import { mkdir, readFile, rm, stat, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import type { MediaKind, MediaOptions, MediaRef } from '@salon/protocol';
import { HTTP_PATHS } from '@salon/protocol';
import { availableParallelism } from 'node:os';
import { randomToken, type Clock, type Random } from '../../clock.js';
import type { Config } from '../../config/schema.js';
import { SalonError } from '../../errors.js';
import type { AuditLog } from '../../safety/audit.js';
import type { Limiter } from '../../safety/limiter.js';
import type { Suspensions } from '../../safety/suspensions.js';
import type { MediaRow, SessionRow, Store } from '../../store/index.js';
import { Semaphore } from '../../util/semaphore.js';
import { AvError, type AvErrorCode, type AvLimits, type AvTools } from '../av/index.js';
import { analyse, type AnalyseDeps, type Analysis } from './analyse.js';
import { processImage, thumbnailOf } from './image.js';
import { polyglotMarker } from './polyglot.js';
import { receiveUpload, type Received } from './receive.js';
import type { MediaStorage } from './storage.js';
import { ACCEPT_BY_KIND, type Accepted } from './types.js';

export interface MediaServiceDeps extends AnalyseDeps {
  store: Store;
  /** Served files and thumbnails. */
  storage: MediaStorage;
  /** Originals of files that matched a hash list (S1): kept as evidence, never served. */
  quarantine: MediaStorage;
  /** Folder for uploads in progress (same file system as the storage, ideally). */
  tmpDir: string;
  av: AvTools | null;
  config: Readonly<Config>;
  clock: Clock;
  random: Random;
  audit: AuditLog;
  limiter: Limiter;
  suspensions: Suspensions;
  /** Throws unless the user may act in this room or conversation now; says which it is. */
  access(session: SessionRow, roomId: string): Promise<'room' | 'direct'>;
  /** May this user read this room or conversation (members, or the conversation's two people)? */
  canRead(userId: string, roomId: string): Promise<boolean>;
  /** S2: may explicit media go there (an adult-content room, an accepted conversation between adults)? */
  explicitAllowed(roomId: string): Promise<boolean>;
  /** P1: is this conversation accepted (media is not allowed in a request)? */
  accepted(roomId: string): Promise<boolean>;
  /** T3: tells the uploader why they are suspended (the automated statement of reasons). */
  onQuarantined?(userId: string, roomId: string): Promise<void>;
}

interface Processed {
  file: string;
  mime: string;
  size: number;
  width: number | null;
  height: number | null;
  durationMs: number | null;
  thumbnail: Buffer | null;
  stills: Buffer[];
}

export interface Origin {
  address: string;
  port: number;
}

export function mediaRef(row: MediaRow): MediaRef {
  const base = `${HTTP_PATHS.mediaFiles}/${row.id}`;
  return {
    id: row.id,
    kind: row.kind as MediaKind,
    mime: row.mime,
    size: row.size,
    width: row.width,
    height: row.height,
    durationMs: row.duration_ms,
    explicit: row.explicit === 1,
    url: base,
    thumbUrl: row.thumb_key ? `${base}/thumb` : null,
  };
}

export class MediaService {
  /**
   * Files processed at once: decoding, hashing and classifying one image already keeps a core
   * busy, so more at a time would only starve the event loop and multiply memory use.
   */
  private readonly processing = new Semaphore(Math.max(1, availableParallelism() - 1));

  constructor(private readonly deps: MediaServiceDeps) {}

  async init(): Promise<void> {
    await mkdir(this.deps.tmpDir, { recursive: true });
  }

  /** M1: what this server accepts. */
  options(): MediaOptions {
    const { media } = this.deps.config;
    const av = this.deps.av !== null;
    return {
      kinds: {
        image: { enabled: true, maxBytes: media.image.maxBytes },
        video: { enabled: av, maxBytes: media.video.maxBytes },
        audio: { enabled: av, maxBytes: media.audio.maxBytes },
      },
      accept: [...ACCEPT_BY_KIND.image, ...(av ? [...ACCEPT_BY_KIND.video, ...ACCEPT_BY_KIND.audio] : [])],
    };
  }

  private maxBytes(type: Accepted): number | null {
    if (type.kind !== 'image' && this.deps.av === null) return null;
    return this.deps.config.media[type.kind].maxBytes;
  }

  /** M1: receives, checks, processes and stores one upload into a room or conversation. */
  async upload(session: SessionRow, roomId: string, source: Readable, origin: Origin): Promise<MediaRef> {
    const { deps } = this;
    deps.suspensions.check(session.id);
    const scope = await deps.access(session, roomId);
    if (scope === 'direct' && !(await deps.accepted(roomId))) {
      throw new SalonError('REQUEST_TEXT_ONLY', 'Files can be sent once your request is accepted.');
    }
    await deps.limiter.consume('uploads', session.id);
    const id = randomToken(deps.random, 128);
    const upload = join(deps.tmpDir, `${id}.upload`);
    const output = join(deps.tmpDir, `${id}.out`);
    try {
      const received = await receiveUpload(source, upload, { maxBytes: (type) => this.maxBytes(type) });
      const { processed, analysis } = await this.processing.run(async () => {
        const processed = await this.process(received, output);
        return { processed, analysis: await analyse(deps, received, processed.stills) };
      });
      if (analysis.match) {
        await this.quarantine(session, roomId, id, received, processed, analysis, origin);
        throw new SalonError(
          'MEDIA_BLOCKED',
          'This file cannot be shared on Salon. It has been kept for review, and your account is suspended meanwhile.',
        );
      }
      if (analysis.explicit && !(await deps.explicitAllowed(roomId))) {
        throw new SalonError(
          'MEDIA_EXPLICIT',
          'Explicit images can only be sent in adult-content rooms and in accepted private conversations.',
        );
      }
      const thumbKey = processed.thumbnail ? `${id}.thumb` : null;
      const row: MediaRow = {
        id,
        owner_id: session.id,
        room_id: roomId,
        kind: received.type.kind,
        mime: processed.mime,
        size: processed.size,
        width: processed.width,
        height: processed.height,
        duration_ms: processed.durationMs,
        explicit: analysis.explicit ? 1 : 0,
        status: 'ready',
        file_key: id,
        thumb_key: thumbKey,
        sha256: received.sha256,
        md5: received.md5,
        pdq: analysis.pdq?.hex ?? null,
        created_at: deps.clock.now(),
      };
      await deps.storage.put(id, output);
      if (processed.thumbnail && thumbKey) {
        const thumbPath = join(deps.tmpDir, `${id}.thumb`);
        await writeFile(thumbPath, processed.thumbnail, { flag: 'wx' });
        await deps.storage.put(thumbKey, thumbPath);
      }
      try {
        await deps.store.media.insert(row);
      } catch (error) {
        await deps.storage.delete(id);
        if (thumbKey) await deps.storage.delete(thumbKey);
        throw error;
      }
      return mediaRef(row);
    } finally {
      await Promise.all(
        [upload, output, join(deps.tmpDir, `${id}.thumb`)].map((path) => rm(path, { force: true })),
      );
    }
  }

  private async process(received: Received, output: string): Promise<Processed> {
    const { type } = received;
    if (type.kind === 'image') {
      const marker = await polyglotMarker(received.path);
      if (marker) {
        throw new SalonError(
          'MEDIA_POLYGLOT',
          'This file is an image and something else at the same time (a web page, a script or an archive).',
        );
      }
      const image = await processImage(received.path, output, type.format, this.deps.config.media.image);
      return {
        file: output,
        mime: type.mime,
        size: image.size,
        width: image.width,
        height: image.height,
        durationMs: null,
        thumbnail: image.thumbnail,
        stills: [await readFile(output)],
      };
    }
    const av = this.deps.av;
    if (!av) throw new SalonError('MEDIA_UNAVAILABLE', 'Videos and sounds cannot be sent on this server.');
    const limits = this.avLimits(type.kind);
    const info = await guardAv(() => av.probe(received.path, type.container, limits));
    await guardAv(() => av.remux(received.path, output, type.container, limits));
    let stills: Buffer[] = [];
    let thumbnail: Buffer | null = null;
    if (type.kind === 'video') {
      const count = this.deps.config.media.video.sampleFrames;
      stills = await guardAv(() => av.sampleFrames(output, count, limits, type.container));
      const poster = stills[Math.floor(stills.length / 2)];
      if (poster) thumbnail = await thumbnailOf(poster);
    }
    const { size } = await stat(output);
    return {
      file: output,
      mime: type.mime,
      size,
      width: info.width,
      height: info.height,
      durationMs: info.durationMs,
      thumbnail,
      stills,
    };
  }

  private avLimits(kind: 'video' | 'audio'): AvLimits {
    const { media } = this.deps.config;
    const side = kind === 'video' ? media.video.maxSide : 0;
    return {
      maxDurationMs: kind === 'video' ? media.video.maxDuration : media.audio.maxDuration,
      maxWidth: side,
      maxHeight: side,
      timeoutMs: media.processTimeout,
    };
  }

  /** S1: keeps the original as evidence, records the match, alerts staff, suspends the uploader. */
  private async quarantine(
    session: SessionRow,
    roomId: string,
    id: string,
    received: Received,
    processed: Processed,
    analysis: Analysis,
    origin: Origin,
  ): Promise<void> {
    const { deps } = this;
    const match = analysis.match!;
    const now = deps.clock.now();
    const key = `${id}.${received.type.ext}`;
    await deps.quarantine.put(key, received.path);
    await deps.store.media.quarantine(
      {
        id,
        owner_id: session.id,
        room_id: roomId,
        kind: received.type.kind,
        mime: received.type.mime,
        size: received.size,
        width: processed.width,
        height: processed.height,
        duration_ms: processed.durationMs,
        explicit: analysis.explicit ? 1 : 0,
        status: 'quarantined',
        file_key: key,
        thumb_key: null,
        sha256: received.sha256,
        md5: received.md5,
        pdq: analysis.pdq?.hex ?? null,
        created_at: now,
      },
      {
        media_id: id,
        user_id: session.id,
        nickname: session.nickname,
        room_id: roomId,
        address: origin.address,
        port: origin.port,
        sha256: received.sha256,
        md5: received.md5,
        pdq: analysis.pdq?.hex ?? null,
        pdq_quality: analysis.pdq?.quality ?? null,
        match_kind: match.kind,
        match_hex: match.hex,
        match_list: `${match.file}:${match.line}`,
        match_distance: match.distance,
        created_at: now,
      },
      {
        id: randomToken(deps.random, 96),
        kind: 'hash_match',
        user_id: session.id,
        media_id: id,
        details: JSON.stringify({ match: match.kind, distance: match.distance, roomId }),
        created_at: now,
        resolved_at: null,
      },
      { user_id: session.id, reason: `hash_match:${id}`, created_at: now },
    );
    deps.suspensions.noteSuspended(session.id);
    await deps.onQuarantined?.(session.id, roomId);
    await deps.audit.record({
      actorKind: 'system',
      actorId: null,
      action: 'media.quarantined',
      targetKind: 'media',
      targetId: id,
      details: { userId: session.id, roomId, match: match.kind, distance: match.distance, suspended: true },
    });
  }

  /** M1: a file this user uploaded to this room, ready to go into a message. */
  async attach(session: SessionRow, roomId: string, mediaId: string): Promise<MediaRef> {
    const row = await this.deps.store.media.get(mediaId);
    if (!row || row.owner_id !== session.id || row.room_id !== roomId || row.status !== 'ready') {
      throw new SalonError('MEDIA_INVALID', 'This file is not available here: upload it again.');
    }
    return mediaRef(row);
  }

  /** M4: the stored key and type of a file (or its thumbnail) for this reader, or NOT_FOUND. */
  async readable(
    userId: string,
    mediaId: string,
    part: 'file' | 'thumb',
  ): Promise<{ key: string; mime: string; size: number }> {
    const notFound = () => new SalonError('NOT_FOUND', 'No such file.');
    const row = await this.deps.store.media.get(mediaId);
    if (!row || row.status !== 'ready') throw notFound();
    if (!(await this.deps.canRead(userId, row.room_id))) throw notFound();
    const key = part === 'file' ? row.file_key : row.thumb_key;
    if (!key) throw notFound();
    const size = await this.deps.storage.size(key);
    if (size === null) throw notFound();
    return { key, mime: part === 'file' ? row.mime : 'image/webp', size };
  }

  /** The bytes of a stored file (after `readable` allowed it). */
  stream(key: string, range?: { start: number; end: number }): Readable {
    return this.deps.storage.read(key, range);
  }
}

async function guardAv<T>(run: () => Promise<T>): Promise<T> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof AvError) throw new SalonError(error.code, avMessage(error.code));
    throw error;
  }
}

function avMessage(code: AvErrorCode): string {
  switch (code) {
    case 'MEDIA_CORRUPT':
      return 'This video or sound is damaged or incomplete and cannot be read.';
    case 'MEDIA_TYPE':
      return 'This video or sound is not in an accepted format (MP4, WebM, MP3, Ogg, M4A).';
    case 'MEDIA_DIMENSIONS':
      return 'This video or sound is too long or too large.';
  }
}
