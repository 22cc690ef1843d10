/**
 * Still frames of a video for the safety pipeline (S1 hashing, S2 classifier) and previews.
 * The file is validated first (as `probe` does), which also gives the real presentation times
 * of the video packets; frames are then taken at evenly spread times between the first and the
 * last one: ffmpeg seeks to each time and encodes the frame shown there as a JPEG. A few
 * times share one ffmpeg run, so memory stays that of a few decoders whatever the count.
 */
import { mkdtemp, open, readFile, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { BASE_OPTIONS, CONTAINERS, fileUrl, inputArgs } from './formats.js';
import { probeDetails } from './probe.js';
import { firstErrorLine, runProcess } from './run.js';
import { AvError } from './types.js';
import type { AvContainer, AvLimits } from './types.js';

export const MAX_FRAME_COUNT = 100;
/** Seeks per ffmpeg run: fewer process starts, while at most this many decoders live at once. */
const FRAMES_PER_RUN = 4;
/** A JPEG bigger than this is not a frame of an accepted video. */
const MAX_JPEG_BYTES = 32 * 1024 * 1024;

export async function sampleFrames(
  ffmpeg: string,
  ffprobe: string,
  input: string,
  count: number,
  limits: AvLimits,
  container?: AvContainer,
): Promise<Buffer[]> {
  if (!Number.isInteger(count) || count < 0 || count > MAX_FRAME_COUNT) {
    throw new RangeError(`frame count must be an integer from 0 to ${MAX_FRAME_COUNT}`);
  }
  const kind = container ?? (await sniffVideoContainer(input));
  if (CONTAINERS[kind].kind !== 'video') throw new AvError('MEDIA_TYPE', `no frames in a ${kind} file`);
  const details = await probeDetails(ffprobe, input, kind, limits);
  if (count === 0) return [];
  const range = details.video;
  if (!range) throw new AvError('MEDIA_CORRUPT', 'no video data');

  const times = frameTimes(range.first, range.last, count).map((t) => t - details.startTime);
  const frames = await grabFrames(ffmpeg, input, kind, times, limits);
  if (frames.every((f) => f === null)) {
    // None of those times could be decoded; the first decodable frame will do.
    const [fallback] = await grabFrames(ffmpeg, input, kind, [null], limits);
    if (!fallback) throw new AvError('MEDIA_CORRUPT', 'no video frame could be decoded');
    return frames.map(() => fallback);
  }
  return frames.map((frame, i) => frame ?? nearest(frames, i));
}

/**
 * `count` presentation times spread evenly over [first, last]: the middles of `count` equal
 * slices, so neither the very first nor past the last frame.
 */
export function frameTimes(first: number, last: number, count: number): number[] {
  const span = Math.max(0, last - first);
  return Array.from({ length: count }, (_, i) => first + (span * (i + 0.5)) / count);
}

/**
 * One JPEG per time (seconds from the file's start; null: the first frame), or null where no
 * frame was decoded. Each ffmpeg run seeks into its own copy of the input for up to
 * FRAMES_PER_RUN times and writes the JPEGs into a private temporary directory.
 */
async function grabFrames(
  ffmpeg: string,
  input: string,
  container: AvContainer,
  times: readonly (number | null)[],
  limits: AvLimits,
): Promise<(Buffer | null)[]> {
  const dir = await mkdtemp(join(tmpdir(), 'salon-frames-'));
  try {
    const frames: (Buffer | null)[] = [];
    for (let start = 0; start < times.length; start += FRAMES_PER_RUN) {
      const batch = times.slice(start, start + FRAMES_PER_RUN);
      const files = batch.map((_, i) => join(dir, `${start + i}.jpg`));
      const inputs = batch.flatMap((seconds) => [...seekArgs(seconds), ...inputArgs(input, container)]);
      const outputs = files.flatMap((file, i) => [
        '-map',
        `${i}:V:0`,
        '-an',
        '-sn',
        '-dn',
        '-frames:v',
        '1',
        '-c:v',
        'mjpeg',
        '-q:v',
        '2',
        '-flags:v',
        '+bitexact',
        '-f',
        'mjpeg',
        fileUrl(file),
      ]);
      const result = await runProcess(ffmpeg, ['-nostdin', ...BASE_OPTIONS, ...inputs, ...outputs], {
        timeoutMs: limits.timeoutMs,
      });
      if (result.timedOut) throw new AvError('MEDIA_CORRUPT', `no frames within ${limits.timeoutMs} ms`);
      if (result.code !== 0) {
        throw new AvError(
          'MEDIA_CORRUPT',
          `ffmpeg could not decode frames: ${firstErrorLine(result.stderr)}`,
        );
      }
      for (const file of files) frames.push(await readJpeg(file));
    }
    return frames;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

/** Rounded down to the microsecond so that rounding never skips the frame at that time. */
function seekArgs(seconds: number | null): string[] {
  if (seconds === null) return [];
  return ['-ss', (Math.floor(Math.max(0, seconds) * 1e6) / 1e6).toFixed(6)];
}

async function readJpeg(file: string): Promise<Buffer | null> {
  const info = await stat(file).catch(() => null);
  if (!info?.isFile() || info.size > MAX_JPEG_BYTES) return null;
  const bytes = await readFile(file);
  return isJpeg(bytes) ? bytes : null;
}

function isJpeg(bytes: Buffer): boolean {
  return (
    bytes.length > 4 &&
    bytes[0] === 0xff &&
    bytes[1] === 0xd8 &&
    bytes[bytes.length - 2] === 0xff &&
    bytes[bytes.length - 1] === 0xd9
  );
}

function nearest(frames: readonly (Buffer | null)[], index: number): Buffer {
  for (let d = 1; d < frames.length; d++) {
    const frame = frames[index - d] ?? frames[index + d];
    if (frame) return frame;
  }
  throw new AvError('MEDIA_CORRUPT', 'no video frame could be decoded');
}

const MP4_TOP_BOXES = new Set(['ftyp', 'moov', 'mdat', 'free', 'skip', 'wide']);

/** MP4 (a top-level box first) or WebM/Matroska (the EBML magic); anything else is refused. */
export async function sniffVideoContainer(input: string): Promise<AvContainer> {
  const head = Buffer.alloc(8);
  const handle = await open(input, 'r');
  let read: number;
  try {
    ({ bytesRead: read } = await handle.read(head, 0, head.length, 0));
  } finally {
    await handle.close();
  }
  if (read >= 4 && head.readUInt32BE(0) === 0x1a45dfa3) return 'webm';
  if (read === 8 && MP4_TOP_BOXES.has(head.toString('latin1', 4, 8))) return 'mp4';
  throw new AvError('MEDIA_TYPE', 'not an MP4 or WebM video');
}
