import { execFile } from 'node:child_process';
import { mkdtemp, readFile, readdir, rm, stat, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { frameTimes } from './frames.js';
import { AvError, findAvTools } from './index.js';
import { runProcess } from './run.js';
import type { AvContainer, AvErrorCode, AvLimits, AvTools } from './index.js';

const exec = promisify(execFile);

/** Most tests need ffmpeg and ffprobe on PATH; without them those are skipped. */
const found = await findAvTools();

const LIMITS: AvLimits = { maxDurationMs: 60_000, maxWidth: 1920, maxHeight: 1920, timeoutMs: 15_000 };

/** Every tag value of the fixtures contains one of these; none may be left in a remuxed file. */
const SECRETS = [
  'SalonTitle7',
  'SalonArtist7',
  'SalonComment7',
  'SalonChapter7',
  'SalonTrack7',
  '48.8584',
  '2.2945',
];
const LOCATION = '+48.8584+002.2945/';
const TAGS = [
  '-metadata',
  'title=SalonTitle7',
  '-metadata',
  'artist=SalonArtist7',
  '-metadata',
  'comment=SalonComment7 GPS 48.8584,2.2945',
  '-metadata',
  `location=${LOCATION}`,
  '-metadata',
  'creation_time=2021-02-03T04:05:06Z',
  '-metadata:s:a:0',
  'title=SalonTrack7',
  '-metadata:s:a:0',
  'language=fra',
];
const VIDEO_SOURCE = ['-f', 'lavfi', '-i', 'testsrc=size=160x120:rate=10:duration=1.5'];
const AUDIO_SOURCE = ['-f', 'lavfi', '-i', 'sine=frequency=440:duration=1.5'];
const H264 = ['-c:v', 'libx264', '-preset', 'ultrafast', '-pix_fmt', 'yuv420p'];
const VP8 = ['-c:v', 'libvpx', '-deadline', 'realtime', '-b:v', '200k'];
const AAC = ['-c:a', 'aac', '-b:a', '32k'];
const OPUS = ['-c:a', 'libopus', '-b:a', '24k'];

let dir = '';
const path = (name: string): string => join(dir, name);

async function ffmpeg(...args: string[]): Promise<void> {
  await exec('ffmpeg', ['-nostdin', '-hide_banner', '-v', 'error', '-y', ...args]);
}

interface ProbeOutput {
  streams: { codec_type: string; tags?: Record<string, string>; side_data_list?: { rotation?: number }[] }[];
  chapters: unknown[];
  format: { duration: string; tags?: Record<string, string> };
}

async function ffprobeJson(file: string): Promise<ProbeOutput> {
  const { stdout } = await exec('ffprobe', [
    '-v',
    'error',
    '-show_chapters',
    '-show_entries',
    'format=duration:format_tags:stream=codec_type:stream_tags:stream_side_data=rotation',
    '-of',
    'json',
    file,
  ]);
  return JSON.parse(stdout) as ProbeOutput;
}

/** Decodes every stream to the end; ffmpeg prints nothing at `-v error` for a sound file. */
async function decodeErrors(file: string): Promise<string> {
  const { stderr } = await exec('ffmpeg', ['-nostdin', '-v', 'error', '-i', file, '-f', 'null', '-']);
  return stderr;
}

/** Structural fields the formats require, with the values a stripped file has. */
const ALLOWED_FORMAT_TAGS: Record<string, (v: string) => boolean> = {
  major_brand: () => true,
  minor_version: () => true,
  compatible_brands: () => true,
  encoder: (v) => v === 'Lavf', // Matroska MuxingApp/WritingApp are mandatory; no version
};
const ALLOWED_STREAM_TAGS: Record<string, (v: string) => boolean> = {
  language: (v) => v === 'und',
  handler_name: (v) => v === 'VideoHandler' || v === 'SoundHandler',
  vendor_id: (v) => v === '[0][0][0][0]',
  DURATION: (v) => /^\d\d:\d\d:\d\d\.\d+$/.test(v), // WebM per-track duration, written by the muxer
};

function unexpectedTags(
  tags: Record<string, string> | undefined,
  allowed: typeof ALLOWED_FORMAT_TAGS,
): string[] {
  return Object.entries(tags ?? {})
    .filter(([key, value]) => !allowed[key]?.(value))
    .map(([key, value]) => `${key}=${value}`);
}

/** Asserts the remuxed file has no tags, chapters or secret strings, and still decodes. */
async function expectStripped(file: string, streams: string[]): Promise<ProbeOutput> {
  const probed = await ffprobeJson(file);
  expect(probed.streams.map((s) => s.codec_type)).toEqual(streams);
  expect(unexpectedTags(probed.format.tags, ALLOWED_FORMAT_TAGS)).toEqual([]);
  for (const stream of probed.streams) expect(unexpectedTags(stream.tags, ALLOWED_STREAM_TAGS)).toEqual([]);
  expect(probed.chapters).toEqual([]);
  const bytes = await readFile(file);
  for (const secret of [...SECRETS, 'Lavf5', 'creation_time']) expect(has(bytes, secret)).toBe(false);
  expect(await decodeErrors(file)).toBe('');
  return probed;
}

/** Byte search; markers are Latin-1 like the MP4 box names (`©xyz` is A9 78 79 7A). */
function has(bytes: Buffer, marker: string): boolean {
  return bytes.includes(Buffer.from(marker, 'latin1'));
}

async function expectAvError(promise: Promise<unknown>, code: AvErrorCode): Promise<void> {
  const error: unknown = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AvError);
  expect((error as AvError).code).toBe(code);
}

/** An APEv2 tag (header, items, footer) as some taggers append to MP3 files. */
function apeTag(): Buffer {
  const items = [
    ['Title', 'SalonTitle7'],
    ['Comment', 'SalonComment7 GPS 48.8584,2.2945'],
  ].map(([key, value]) => {
    const head = Buffer.alloc(8);
    head.writeUInt32LE(Buffer.byteLength(value!), 0);
    return Buffer.concat([head, Buffer.from(`${key}\0${value}`)]);
  });
  const body = Buffer.concat(items);
  const frame = (flags: number): Buffer => {
    const b = Buffer.alloc(32);
    b.write('APETAGEX', 0, 'latin1');
    b.writeUInt32LE(2000, 8);
    b.writeUInt32LE(body.length + 32, 12);
    b.writeUInt32LE(items.length, 16);
    b.writeUInt32LE(flags, 20);
    return b;
  };
  return Buffer.concat([frame(0xa0000000), body, frame(0x80000000)]);
}

/** Width and height from a baseline/progressive JPEG's SOF marker. */
function jpegSize(jpeg: Buffer): { width: number; height: number } {
  let i = 2;
  while (i + 9 < jpeg.length) {
    const marker = jpeg[i + 1]!;
    const length = jpeg.readUInt16BE(i + 2);
    if (marker >= 0xc0 && marker <= 0xc2)
      return { height: jpeg.readUInt16BE(i + 5), width: jpeg.readUInt16BE(i + 7) };
    i += 2 + length;
  }
  throw new Error('no SOF marker');
}

describe('findAvTools', () => {
  it('returns null when ffmpeg or ffprobe is missing or is not the right program', async () => {
    expect(await findAvTools({ ffmpeg: '/nonexistent' })).toBeNull();
    expect(await findAvTools({ ffprobe: '/nonexistent/ffprobe' })).toBeNull();
    expect(await findAvTools({ ffmpeg: 'salon-no-such-ffmpeg' })).toBeNull();
    expect(await findAvTools({ ffmpeg: '/bin/false' })).toBeNull();
    if (found) expect(await findAvTools({ ffmpeg: '/usr/bin/ffprobe' })).toBeNull();
  });
});

describe('runProcess', () => {
  const node = (script: string): [string, string[]] => [process.execPath, ['-e', script]];

  it('kills a child that runs past the timeout', async () => {
    const started = Date.now();
    const result = await runProcess(...node('setTimeout(() => {}, 20000)'), { timeoutMs: 300 });
    expect(result).toMatchObject({ timedOut: true, signal: 'SIGKILL' });
    expect(Date.now() - started).toBeLessThan(5000);
  });

  it('bounds stdout and stderr', async () => {
    const noisy = 'process.stderr.write("e".repeat(1e6)); process.stdout.write("o".repeat(1e6))';
    const kept = await runProcess(...node(noisy), { timeoutMs: 10_000, maxStdout: 1000, maxStderr: 100 });
    expect(kept.overflow).toBe(true);
    expect(kept.stdout.length).toBeLessThanOrEqual(1000);
    expect(kept.stderr.length).toBeLessThanOrEqual(100);
    const discarded = await runProcess(...node(noisy), { timeoutMs: 10_000 });
    expect(discarded).toMatchObject({ code: 0, overflow: false });
    expect(discarded.stdout.length).toBe(0);
  });

  it('hands stdout over line by line and stops when asked', async () => {
    const lines: string[] = [];
    const script = 'for (let i = 0; i < 1e5; i++) process.stdout.write(`line ${i}\\n`)';
    const result = await runProcess(...node(script), {
      timeoutMs: 10_000,
      onLine: (line) => lines.push(line) < 3,
    });
    expect(result.stopped).toBe(true);
    expect(lines).toEqual(['line 0', 'line 1', 'line 2']);
    const long = await runProcess(...node('process.stdout.write("x".repeat(1e6))'), {
      timeoutMs: 10_000,
      onLine: () => true,
      maxLine: 1000,
    });
    expect(long.overflow).toBe(true);
  });

  it('rejects when the program cannot be started', async () => {
    await expect(runProcess('/nonexistent/ffmpeg', [], { timeoutMs: 1000 })).rejects.toMatchObject({
      code: 'ENOENT',
    });
  });
});

describe('frameTimes', () => {
  it('spreads times over the middles of equal slices', () => {
    const times = frameTimes(0, 1.4, 4);
    [0.175, 0.525, 0.875, 1.225].forEach((t, i) => expect(times[i]).toBeCloseTo(t, 9));
    expect(times).toHaveLength(4);
    expect(frameTimes(2, 2, 2)).toEqual([2, 2]);
  });
});

describe.skipIf(!found)('video and audio with ffmpeg', () => {
  const av = found as AvTools;

  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'salon-av-'));
    await writeFile(
      path('chapters.txt'),
      ';FFMETADATA1\n[CHAPTER]\nTIMEBASE=1/1000\nSTART=0\nEND=700\ntitle=SalonChapter7\n',
    );
    await ffmpeg('-f', 'lavfi', '-i', 'color=c=red:size=32x32', '-frames:v', '1', path('cover.png'));
    const chapters = (input: number): string[] => [
      '-i',
      path('chapters.txt'),
      '-map_chapters',
      String(input),
    ];
    const withCover = ['-i', path('cover.png'), '-map', '0:a', '-map', '1:v', '-c:v', 'png'];
    const cover = ['-disposition:v', 'attached_pic', '-metadata:s:v', 'comment=Cover (front)'];
    const mp4 = [
      ...VIDEO_SOURCE,
      ...AUDIO_SOURCE,
      ...chapters(2),
      '-map',
      '0:v',
      '-map',
      '1:a',
      ...H264,
      ...AAC,
    ];
    await Promise.all([
      // MP4 as the mp4 muxer writes it: iTunes-style ilst tags, 3GPP `loci` location, chapters.
      ffmpeg(...mp4, ...TAGS, '-metadata:s:v:0', 'handler_name=SalonTrack7', path('tagged.mp4')),
      // The same as QuickTime writes it (phones): the location as a `©xyz` string.
      ffmpeg(...mp4, ...TAGS, '-f', 'mov', path('quicktime.mp4')),
      // Apple-style `mdta` keys.
      ffmpeg(
        ...mp4,
        ...TAGS,
        '-metadata',
        `com.apple.quicktime.location.ISO6709=${LOCATION}`,
        '-movflags',
        'use_metadata_tags',
        path('mdta.mp4'),
      ),
    ]);
    await Promise.all([
      ffmpeg(
        ...AUDIO_SOURCE,
        ...withCover,
        '-c:a',
        'libmp3lame',
        '-b:a',
        '32k',
        ...cover,
        '-id3v2_version',
        '3',
        '-write_id3v1',
        '1',
        ...TAGS,
        path('tagged.mp3'),
      ),
      ffmpeg(...AUDIO_SOURCE, ...withCover, ...AAC, ...cover, ...TAGS, path('tagged.m4a')),
    ]);
    await Promise.all([
      ffmpeg(
        ...VIDEO_SOURCE,
        ...AUDIO_SOURCE,
        ...chapters(2),
        '-map',
        '0:v',
        '-map',
        '1:a',
        ...VP8,
        ...OPUS,
        ...TAGS,
        path('tagged.webm'),
      ),
      ffmpeg(
        ...AUDIO_SOURCE,
        // Ogg chapters are Vorbis comments.
        '-metadata:s:a:0',
        'CHAPTER001=00:00:00.000',
        '-metadata:s:a:0',
        'CHAPTER001NAME=SalonChapter7',
        '-c:a',
        'libvorbis',
        '-q:a',
        '0',
        ...TAGS,
        path('vorbis.ogg'),
      ),
    ]);
    await Promise.all([
      ffmpeg(...AUDIO_SOURCE, ...OPUS, ...TAGS, path('opus.ogg')),
      // As a browser's MediaRecorder writes it: streamed, so no duration in the header.
      exec(
        'ffmpeg',
        [
          '-nostdin',
          '-v',
          'error',
          ...VIDEO_SOURCE,
          ...AUDIO_SOURCE,
          ...VP8,
          ...OPUS,
          '-f',
          'webm',
          'pipe:1',
        ],
        {
          encoding: 'buffer',
          maxBuffer: 16 * 1024 * 1024,
        },
      ).then(({ stdout }) => writeFile(path('live.webm'), stdout)),
    ]);
    await Promise.all([
      ffmpeg(...AUDIO_SOURCE, ...AAC, '-f', 'mp4', path('audio-only.mp4')),
      ffmpeg(...AUDIO_SOURCE, ...OPUS, '-f', 'webm', path('audio-only.webm')),
    ]);
    await Promise.all([
      ffmpeg(...VIDEO_SOURCE, '-c:v', 'mpeg4', path('mpeg4.mp4')),
      ffmpeg('-i', path('tagged.mp4'), '-c', 'copy', '-metadata:s:v', 'rotate=90', path('rotated.mp4')),
    ]);
    const mp3 = await readFile(path('tagged.mp3'));
    await writeFile(path('ape.mp3'), Buffer.concat([mp3.subarray(0, -128), apeTag(), mp3.subarray(-128)]));
    const tagged = await readFile(path('tagged.mp4'));
    await writeFile(path('truncated.mp4'), tagged.subarray(0, tagged.length >> 1));
    await writeFile(
      path('random.bin'),
      Buffer.from(Array.from({ length: 20_000 }, (_, i) => (i * 7919 + 13) % 251)),
    );
    await writeFile(
      path('playlist.mp4'),
      '#EXTM3U\n#EXTINF:1,\nhttp://127.0.0.1:9/x.ts\n#EXTINF:1,\n/etc/passwd\n',
    );
  });

  afterAll(async () => {
    if (dir) await rm(dir, { recursive: true, force: true });
  });

  describe('remux strips all metadata', () => {
    it.each([
      ['tagged.mp4', ['loci', '©nam', 'chpl']],
      ['quicktime.mp4', ['©xyz', LOCATION]],
      ['mdta.mp4', ['mdta', 'com.apple.quicktime.location', LOCATION]],
    ])('MP4 %s: no tags, location or chapters; video intact', async (name, markers) => {
      const source = await readFile(path(name));
      for (const marker of [...markers, 'SalonTitle7']) expect(has(source, marker)).toBe(true);
      const output = path(`out-${name}`);
      const before = await av.probe(path(name), 'mp4', LIMITS);
      await av.remux(path(name), output, 'mp4', LIMITS);
      await expectStripped(output, ['video', 'audio']);
      const bytes = await readFile(output);
      for (const marker of [...markers, 'xyz', 'loci', 'chpl', 'SalonTrack7'])
        expect(has(bytes, marker)).toBe(false);
      expect(bytes.subarray(4, 8).toString('latin1')).toBe('ftyp');
      expect(bytes.indexOf('moov')).toBeLessThan(bytes.indexOf('mdat')); // faststart
      const after = await av.probe(output, 'mp4', LIMITS);
      expect(before).toMatchObject({ width: 160, height: 120, videoCodec: 'h264', audioCodec: 'aac' });
      expect(after).toMatchObject({ width: 160, height: 120, videoCodec: 'h264', audioCodec: 'aac' });
      expect(Math.abs(after.durationMs - before.durationMs)).toBeLessThan(100);
      expect(after.durationMs).toBeGreaterThanOrEqual(1400);
      expect(after.durationMs).toBeLessThanOrEqual(1600);
    });

    it.each(['tagged.mp3', 'ape.mp3'])(
      'MP3 %s: no ID3 / APE tags, no cover, no tag strings; audio intact',
      async (name) => {
        const source = await readFile(path(name));
        expect(source.subarray(0, 3).toString('latin1')).toBe('ID3');
        expect(source.subarray(-128, -125).toString('latin1')).toBe('TAG');
        expect(has(source, 'APIC')).toBe(true);
        if (name === 'ape.mp3') expect(has(source, 'APETAGEX')).toBe(true);
        const info = await av.probe(path(name), 'mp3', LIMITS);
        expect(info).toMatchObject({ width: null, height: null, videoCodec: null, audioCodec: 'mp3' });
        await av.remux(path(name), path(`out-${name}`), 'mp3', LIMITS);
        await expectStripped(path(`out-${name}`), ['audio']);
        const bytes = await readFile(path(`out-${name}`));
        expect(has(bytes, 'ID3')).toBe(false);
        expect(has(bytes, 'APIC')).toBe(false);
        expect(has(bytes, 'APETAGEX')).toBe(false);
        expect(has(bytes, '\x89PNG')).toBe(false);
        expect(bytes.subarray(-128, -125).toString('latin1')).not.toBe('TAG');
        expect(bytes[0]).toBe(0xff); // starts with an MPEG audio frame
        const after = await av.probe(path(`out-${name}`), 'mp3', LIMITS);
        expect(after.audioCodec).toBe('mp3');
        expect(Math.abs(after.durationMs - info.durationMs)).toBeLessThan(100);
      },
    );

    it.each<[string, AvContainer, string[], string[]]>([
      ['tagged.webm', 'webm', ['video', 'audio'], ['SalonArtist7', 'SalonChapter7', LOCATION, 'Lavf5']],
      ['vorbis.ogg', 'ogg', ['audio'], ['SalonArtist7', 'SalonChapter7', LOCATION, 'Lavf5']],
      ['opus.ogg', 'ogg', ['audio'], ['SalonArtist7', 'SalonTrack7', LOCATION, 'Lavf5']],
      ['tagged.m4a', 'm4a', ['audio'], ['SalonArtist7', 'covr', '\x89PNG', 'Lavf5']],
    ])('%s: no tags, chapters or cover', async (name, container, streams, markers) => {
      const source = await readFile(path(name));
      for (const marker of markers) expect(has(source, marker)).toBe(true);
      const before = await av.probe(path(name), container, LIMITS);
      const output = path(`out-${name}`);
      await av.remux(path(name), output, container, LIMITS);
      await expectStripped(output, streams);
      const bytes = await readFile(output);
      for (const marker of markers) expect(has(bytes, marker)).toBe(false);
      const after = await av.probe(output, container, LIMITS);
      expect(after).toMatchObject({ videoCodec: before.videoCodec, audioCodec: before.audioCodec });
      expect(Math.abs(after.durationMs - before.durationMs)).toBeLessThan(100);
    });

    it('keeps the rotation of a phone video', async () => {
      await av.remux(path('rotated.mp4'), path('out-rotated.mp4'), 'mp4', LIMITS);
      const probed = await ffprobeJson(path('out-rotated.mp4'));
      expect(Math.abs(probed.streams[0]?.side_data_list?.[0]?.rotation ?? 0)).toBe(90);
      expect(await av.probe(path('out-rotated.mp4'), 'mp4', LIMITS)).toMatchObject({
        width: 120,
        height: 160,
      });
    });

    it('leaves no file behind when ffmpeg fails or times out', async () => {
      const output = path('failed.mp4');
      await expectAvError(av.remux(path('random.bin'), output, 'mp4', LIMITS), 'MEDIA_CORRUPT');
      await expectAvError(
        av.remux(path('tagged.mp4'), output, 'mp4', { ...LIMITS, timeoutMs: 1 }),
        'MEDIA_CORRUPT',
      );
      await expectAvError(av.remux(path('tagged.mp4'), output, 'webm', LIMITS), 'MEDIA_CORRUPT');
      await expect(stat(output)).rejects.toMatchObject({ code: 'ENOENT' });
      expect((await readdir(dir)).filter((f) => f.endsWith('.part'))).toEqual([]);
    });
  });

  describe('probe', () => {
    it('reads a streamed WebM without a duration from its packets', async () => {
      const info = await av.probe(path('live.webm'), 'webm', LIMITS);
      expect(info).toMatchObject({ width: 160, height: 120, videoCodec: 'vp8', audioCodec: 'opus' });
      expect(info.durationMs).toBeGreaterThanOrEqual(1400);
      expect(info.durationMs).toBeLessThanOrEqual(1600);
      await expectAvError(
        av.probe(path('live.webm'), 'webm', { ...LIMITS, maxDurationMs: 1000 }),
        'MEDIA_DIMENSIONS',
      );
    });

    it('refuses a truncated file as MEDIA_CORRUPT, with the index at the end or at the front', async () => {
      await expectAvError(av.probe(path('truncated.mp4'), 'mp4', LIMITS), 'MEDIA_CORRUPT');
      await av.remux(path('tagged.mp4'), path('faststart.mp4'), 'mp4', LIMITS);
      const faststart = await readFile(path('faststart.mp4'));
      await writeFile(path('truncated-faststart.mp4'), faststart.subarray(0, faststart.length >> 1));
      await expectAvError(av.probe(path('truncated-faststart.mp4'), 'mp4', LIMITS), 'MEDIA_CORRUPT');
    });

    it.each<AvContainer>(['mp4', 'webm', 'mp3', 'ogg', 'm4a'])(
      'refuses random bytes as %s: MEDIA_CORRUPT',
      async (c) => {
        await expectAvError(av.probe(path('random.bin'), c, LIMITS), 'MEDIA_CORRUPT');
      },
    );

    it('refuses a file of another container as MEDIA_CORRUPT (the forced demuxer cannot read it)', async () => {
      await expectAvError(av.probe(path('tagged.mp3'), 'mp4', LIMITS), 'MEDIA_CORRUPT');
      await expectAvError(av.probe(path('tagged.mp4'), 'webm', LIMITS), 'MEDIA_CORRUPT');
      await expectAvError(av.probe(path('tagged.webm'), 'ogg', LIMITS), 'MEDIA_CORRUPT');
      // A playlist renamed .mp4 is never opened as a playlist.
      await expectAvError(av.probe(path('playlist.mp4'), 'mp4', LIMITS), 'MEDIA_CORRUPT');
    });

    it('refuses the wrong streams as MEDIA_TYPE', async () => {
      // No video stream in a video container (an M4A with its cover picture, plain audio MP4/WebM).
      await expectAvError(av.probe(path('tagged.m4a'), 'mp4', LIMITS), 'MEDIA_TYPE');
      await expectAvError(av.probe(path('audio-only.mp4'), 'mp4', LIMITS), 'MEDIA_TYPE');
      await expectAvError(av.probe(path('audio-only.webm'), 'webm', LIMITS), 'MEDIA_TYPE');
      // A video in an audio container.
      await expectAvError(av.probe(path('tagged.mp4'), 'm4a', LIMITS), 'MEDIA_TYPE');
      // A codec browsers do not play.
      await expectAvError(av.probe(path('mpeg4.mp4'), 'mp4', LIMITS), 'MEDIA_TYPE');
      // An audio file in MP4 is fine as m4a, its cover picture aside.
      expect(await av.probe(path('audio-only.mp4'), 'm4a', LIMITS)).toMatchObject({ audioCodec: 'aac' });
    });

    it('refuses what is too long or too large as MEDIA_DIMENSIONS', async () => {
      await expectAvError(
        av.probe(path('tagged.mp4'), 'mp4', { ...LIMITS, maxDurationMs: 1000 }),
        'MEDIA_DIMENSIONS',
      );
      await expectAvError(
        av.probe(path('tagged.mp3'), 'mp3', { ...LIMITS, maxDurationMs: 1000 }),
        'MEDIA_DIMENSIONS',
      );
      await expectAvError(
        av.probe(path('tagged.mp4'), 'mp4', { ...LIMITS, maxWidth: 159 }),
        'MEDIA_DIMENSIONS',
      );
      await expectAvError(
        av.probe(path('tagged.mp4'), 'mp4', { ...LIMITS, maxHeight: 119 }),
        'MEDIA_DIMENSIONS',
      );
      // Limits apply to the picture as shown: 120×160 once rotated.
      const portrait = { ...LIMITS, maxWidth: 120, maxHeight: 160 };
      expect(await av.probe(path('rotated.mp4'), 'mp4', portrait)).toMatchObject({ width: 120, height: 160 });
      await expectAvError(av.probe(path('tagged.mp4'), 'mp4', portrait), 'MEDIA_DIMENSIONS');
    });

    it('gives up after the timeout with MEDIA_CORRUPT', async () => {
      await expectAvError(av.probe(path('tagged.mp4'), 'mp4', { ...LIMITS, timeoutMs: 1 }), 'MEDIA_CORRUPT');
    });
  });

  describe('sampleFrames', () => {
    it('returns count distinct JPEG frames spread over an MP4', async () => {
      const frames = await av.sampleFrames(path('tagged.mp4'), 4, LIMITS, 'mp4');
      expect(frames).toHaveLength(4);
      for (const frame of frames) {
        expect(frame.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
        expect(jpegSize(frame)).toEqual({ width: 160, height: 120 });
      }
      expect(new Set(frames.map((f) => f.toString('base64'))).size).toBe(4);
    });

    it('recognises WebM and MP4 without the container, including a streamed WebM', async () => {
      for (const name of ['tagged.webm', 'live.webm', 'out-tagged.mp4']) {
        const frames = await av.sampleFrames(path(name), 3, LIMITS);
        expect(frames).toHaveLength(3);
        for (const frame of frames) expect(frame.subarray(0, 2)).toEqual(Buffer.from([0xff, 0xd8]));
      }
    });

    it('returns upright frames of a rotated video and more frames than the video has', async () => {
      const frames = await av.sampleFrames(path('rotated.mp4'), 20, LIMITS);
      expect(frames).toHaveLength(20);
      expect(jpegSize(frames[0]!)).toEqual({ width: 120, height: 160 });
    });

    it('refuses audio, unknown files and over-limit videos', async () => {
      await expectAvError(av.sampleFrames(path('tagged.mp3'), 2, LIMITS), 'MEDIA_TYPE');
      await expectAvError(av.sampleFrames(path('tagged.mp3'), 2, LIMITS, 'mp3'), 'MEDIA_TYPE');
      await expectAvError(av.sampleFrames(path('playlist.mp4'), 2, LIMITS), 'MEDIA_TYPE');
      await expectAvError(
        av.sampleFrames(path('tagged.mp4'), 2, { ...LIMITS, maxWidth: 100 }),
        'MEDIA_DIMENSIONS',
      );
      await expect(av.sampleFrames(path('tagged.mp4'), 1.5, LIMITS)).rejects.toThrow(RangeError);
      expect(await av.sampleFrames(path('tagged.mp4'), 0, LIMITS)).toEqual([]);
    });
  });
});
