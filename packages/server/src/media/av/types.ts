/** Containers accepted for video (mp4, webm) and audio (mp3, ogg, m4a) uploads (M1). */
export type AvContainer = 'mp4' | 'webm' | 'mp3' | 'ogg' | 'm4a';

/** Same names and meaning as the protocol's media error codes. */
export type AvErrorCode = 'MEDIA_CORRUPT' | 'MEDIA_TYPE' | 'MEDIA_DIMENSIONS';

/**
 * A file that was refused: unreadable, damaged or too slow to read (MEDIA_CORRUPT), not the
 * expected kind of file or streams (MEDIA_TYPE), or over the limits (MEDIA_DIMENSIONS).
 */
export class AvError extends Error {
  constructor(
    readonly code: AvErrorCode,
    message: string,
  ) {
    super(message);
    this.name = 'AvError';
  }
}

export interface AvLimits {
  /** Longest accepted duration. */
  maxDurationMs: number;
  /** Largest accepted frame, as displayed (after rotation). */
  maxWidth: number;
  maxHeight: number;
  /** Each ffmpeg / ffprobe run is killed after this long (MEDIA_CORRUPT). */
  timeoutMs: number;
}

export interface AvInfo {
  durationMs: number;
  /** Displayed size of the video (rotation applied); null for audio. */
  width: number | null;
  height: number | null;
  /** ffmpeg codec names of the streams kept by `remux` (e.g. 'h264', 'aac'); null when absent. */
  videoCodec: string | null;
  audioCodec: string | null;
}

export interface AvTools {
  /**
   * Validates `input` as the given container with ffprobe: readable, the expected format, the
   * right streams (video: one video stream, audio optional; audio: one audio stream and no video
   * other than an attached cover picture), within limits. Throws AvError.
   */
  probe(input: string, container: AvContainer, limits: AvLimits): Promise<AvInfo>;
  /**
   * Writes `output` (same container) with the first video stream (if video) and first audio
   * stream only, `-c copy`, every kind of metadata dropped, mp4/m4a with faststart. Throws
   * AvError('MEDIA_CORRUPT') if ffmpeg fails; never leaves a partial `output` behind on failure.
   */
  remux(input: string, output: string, container: AvContainer, limits: AvLimits): Promise<void>;
  /**
   * `count` frames evenly spread over the video, each as a JPEG Buffer (for hashing and
   * classification), upright (rotation applied). The file is validated as `probe` does first;
   * without `container` it is recognised from its first bytes (MP4 or WebM only).
   */
  sampleFrames(input: string, count: number, limits: AvLimits, container?: AvContainer): Promise<Buffer[]>;
}
