/** Helpers for media tests: uploads like the web client does, and generated files. */
import { execFile, spawnSync } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { createDeflate } from 'node:zlib';
import sharp from 'sharp';
import type { TestServer, TestUser } from './server.js';

export const run = promisify(execFile);

/** ffmpeg and ffprobe on the PATH: needed for video and audio. Required under CI=true. */
export const HAVE_FFMPEG = ['ffmpeg', 'ffprobe'].every(
  (tool) => spawnSync(tool, ['-version'], { stdio: 'ignore' }).status === 0,
);
if (!HAVE_FFMPEG) {
  if (process.env.CI === 'true') {
    throw new Error('Video and audio tests need ffmpeg under CI=true: install it (apt-get install ffmpeg).');
  }
  console.warn(
    'Video and audio upload tests skipped: ffmpeg/ffprobe not found (sudo apt-get install ffmpeg).',
  );
}

export const PDQ_IMAGES = new URL('../../../../../shared/testdata/pdq/images/', import.meta.url);

export async function upload(
  server: TestServer,
  user: Pick<TestUser, 'cookie'>,
  roomId: string,
  bytes: Uint8Array,
): Promise<{ status: number; body: Record<string, unknown> }> {
  const response = await fetch(`${server.url}/api/media?roomId=${encodeURIComponent(roomId)}`, {
    method: 'POST',
    headers: { cookie: user.cookie, 'content-type': 'application/octet-stream' },
    body: bytes,
  });
  return { status: response.status, body: (await response.json()) as Record<string, unknown> };
}

export function get(server: TestServer, user: Pick<TestUser, 'cookie'> | null, path: string, headers = {}) {
  return fetch(`${server.url}${path}`, { headers: { ...(user ? { cookie: user.cookie } : {}), ...headers } });
}

/** Every file under the server's media folder (tmp, files, quarantine), relative paths. */
export async function mediaFiles(server: TestServer): Promise<string[]> {
  const root = join(server.app.services.media.root);
  const found: string[] = [];
  for (const folder of ['tmp', 'files', 'quarantine']) {
    for (const name of await readdir(join(root, folder)).catch(() => [] as string[])) {
      found.push(`${folder}/${name}`);
    }
  }
  return found.sort();
}

/** A JPEG with camera EXIF, a serial number, GPS coordinates and orientation 6 (rotate 90°). */
export function photoWithExif(width = 64, height = 48): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background: '#3366aa' } })
    .jpeg()
    .withMetadata({ orientation: 6 })
    .withExif({
      IFD0: { Make: 'SalonCam', Model: 'SalonCam X100' },
      IFD2: { BodySerialNumber: 'SN-1234567' },
      IFD3: {
        GPSLatitudeRef: 'N',
        GPSLatitude: '48/1 51/1 2400/100',
        GPSLongitudeRef: 'E',
        GPSLongitude: '2/1 17/1 4000/100',
      },
    })
    .toBuffer();
}

export function plainPng(width = 32, height = 32, background = '#cc3344'): Promise<Buffer> {
  return sharp({ create: { width, height, channels: 3, background } })
    .png()
    .toBuffer();
}

/** A noisy photo-like JPEG (large, costly to decode). */
export function noisyJpeg(width: number, height: number, seed = 0): Promise<Buffer> {
  return sharp({
    create: {
      width,
      height,
      channels: 3,
      background: { r: 40 + seed, g: 90, b: 160 },
      noise: { type: 'gaussian', mean: 120, sigma: 40 },
    },
  })
    .jpeg({ quality: 80 })
    .toBuffer();
}

function crc32(bytes: Buffer): number {
  let crc = ~0;
  for (const byte of bytes) {
    crc ^= byte;
    for (let k = 0; k < 8; k++) crc = (crc >>> 1) ^ (0xedb88320 & -(crc & 1));
  }
  return ~crc >>> 0;
}

function chunk(type: string, data: Buffer): Buffer {
  const head = Buffer.alloc(8);
  head.writeUInt32BE(data.length, 0);
  head.write(type, 4, 'latin1');
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0);
  return Buffer.concat([head, data, crc]);
}

/**
 * A decompression bomb: a valid PNG of `side × side` black 1-bit pixels (50,000² = 2.5 billion
 * pixels) whose deflated data is only a few hundred kilobytes.
 */
export async function pngBomb(side = 50_000): Promise<Buffer> {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(side, 0);
  ihdr.writeUInt32BE(side, 4);
  ihdr[8] = 1; // bit depth
  ihdr[9] = 0; // greyscale
  const row = Buffer.alloc(1 + Math.ceil(side / 8)); // filter byte + zero pixels
  const deflate = createDeflate({ level: 9 });
  const parts: Buffer[] = [];
  deflate.on('data', (part: Buffer) => parts.push(part));
  const done = new Promise((resolve) => deflate.on('end', resolve));
  for (let y = 0; y < side; y++) {
    if (!deflate.write(row)) await new Promise((resolve) => deflate.once('drain', resolve));
  }
  deflate.end();
  await done;
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([
    signature,
    chunk('IHDR', ihdr),
    chunk('IDAT', Buffer.concat(parts)),
    chunk('IEND', Buffer.alloc(0)),
  ]);
}

/** Generates a short clip with ffmpeg's test sources and the given tags. */
export async function ffmpegClip(
  path: string,
  kind: 'mp4' | 'mp3',
  tags: Record<string, string>,
): Promise<void> {
  const meta = Object.entries(tags).flatMap(([key, value]) => ['-metadata', `${key}=${value}`]);
  const input =
    kind === 'mp4'
      ? [
          '-f',
          'lavfi',
          '-i',
          'testsrc=size=160x120:rate=10:duration=1',
          '-f',
          'lavfi',
          '-i',
          'sine=duration=1',
        ]
      : ['-f', 'lavfi', '-i', 'sine=duration=1'];
  const codec =
    kind === 'mp4'
      ? ['-c:v', 'libx264', '-pix_fmt', 'yuv420p', '-c:a', 'aac', '-movflags', 'use_metadata_tags']
      : ['-c:a', 'libmp3lame', '-id3v2_version', '3', '-write_id3v1', '1'];
  await run('ffmpeg', ['-v', 'error', '-y', ...input, ...codec, ...meta, '-shortest', path]);
}

export async function ffprobeTags(path: string): Promise<Record<string, unknown>> {
  const { stdout } = await run('ffprobe', [
    '-v',
    'error',
    '-show_format',
    '-show_streams',
    '-of',
    'json',
    path,
  ]);
  const parsed = JSON.parse(stdout) as { format: { tags?: object }; streams: { tags?: object }[] };
  return { format: parsed.format.tags ?? {}, streams: parsed.streams.map((s) => s.tags ?? {}) };
}
