/**
 * Metadata stripping for video and audio (M2): the kept streams are copied as they are
 * (`-c copy`, no re-encoding) into a new file of the same container, written by ffmpeg from
 * scratch, so nothing of the original container survives except what is listed here.
 *
 * What removes what:
 * - `-map 0:V:0 -map 0:a:0?` / `-map 0:a:0`: only the first real video stream and the first
 *   audio stream. Cover art (attached pictures), subtitles, data tracks (GPS telemetry, timed
 *   metadata), extra audio tracks and Matroska attachments are not copied.
 * - `-map_metadata -1`: no global, stream or chapter tags (title, artist, comment, location
 *   such as MP4 `©xyz` / `loci` / Apple `mdta` keys, creation_time, handler names, language,
 *   Vorbis comments, Matroska tags and DateUTC).
 * - `-map_chapters -1`: no chapters (MP4 `chpl` / chapter track, Matroska, Ogg).
 * - `-fflags +bitexact`: ffmpeg adds no version string of its own (no `encoder=Lavf…` tag in
 *   MP4, a bare "Lavf" in WebM, "ffmpeg" as the Ogg vendor string) and no random ids;
 *   `-flags:v +bitexact -flags:a +bitexact` do the same for codec-level ids should a stream
 *   ever be encoded rather than copied.
 * - MP3: `-id3v2_version 0 -write_id3v1 0`: no ID3v2 header (with its APIC picture), no ID3v1
 *   trailer. Only MPEG audio frames are copied, so the source's ID3v1 / APEv2 trailers and any
 *   other bytes between frames are left behind.
 * - MP4/M4A: `-movflags +faststart` moves the index to the front for streaming playback.
 * - `-t`: the copy stops at the longest accepted duration (plus the slack `probe` allows),
 *   whatever the header claims.
 *
 * Kept on purpose: the rotation (display matrix, so phone videos stay upright), codec headers,
 * and fields the formats require (MP4 brands, Matroska MuxingApp/WritingApp "Lavf", Xing/Info
 * frame of MP3 with "Lavf", per-track DURATION in WebM).
 *
 * ffmpeg writes to a hidden temporary file beside `output`, renamed into place only on
 * success; on any failure (error, timeout) the temporary file is removed.
 */
import { randomBytes } from 'node:crypto';
import { rename, rm, stat } from 'node:fs/promises';
import { basename, dirname, join, resolve } from 'node:path';
import { BASE_OPTIONS, CONTAINERS, DURATION_SLACK_MS, fileUrl, inputArgs } from './formats.js';
import { firstErrorLine, runProcess } from './run.js';
import { AvError } from './types.js';
import type { AvContainer, AvLimits } from './types.js';

export function remuxArgs(input: string, output: string, container: AvContainer, limits: AvLimits): string[] {
  const spec = CONTAINERS[container];
  const maps = spec.kind === 'video' ? ['-map', '0:V:0', '-map', '0:a:0?'] : ['-map', '0:a:0'];
  return [
    '-nostdin',
    ...BASE_OPTIONS,
    ...inputArgs(input, container),
    ...maps,
    '-c',
    'copy',
    '-map_metadata',
    '-1',
    '-map_chapters',
    '-1',
    '-fflags',
    '+bitexact',
    '-flags:v',
    '+bitexact',
    '-flags:a',
    '+bitexact',
    '-t',
    ((limits.maxDurationMs + DURATION_SLACK_MS) / 1000).toFixed(3),
    ...spec.outputOptions,
    '-y',
    fileUrl(output),
  ];
}

export async function remux(
  ffmpeg: string,
  input: string,
  output: string,
  container: AvContainer,
  limits: AvLimits,
): Promise<void> {
  const target = resolve(output);
  const temporary = join(dirname(target), `.${basename(target)}.${randomBytes(6).toString('hex')}.part`);
  try {
    const result = await runProcess(ffmpeg, remuxArgs(input, temporary, container, limits), {
      timeoutMs: limits.timeoutMs,
    });
    if (result.timedOut) throw new AvError('MEDIA_CORRUPT', `not remuxed within ${limits.timeoutMs} ms`);
    if (result.code !== 0) {
      throw new AvError(
        'MEDIA_CORRUPT',
        `ffmpeg could not remux the ${container} file: ${firstErrorLine(result.stderr)}`,
      );
    }
    const written = await stat(temporary).catch(() => null);
    if (!written?.isFile() || written.size === 0) {
      throw new AvError('MEDIA_CORRUPT', `ffmpeg wrote no ${container} file`);
    }
    await rename(temporary, target);
  } catch (error) {
    await rm(temporary, { force: true });
    throw error;
  }
}
