/**
 * What each accepted container may hold and how ffmpeg reads and writes it. The input format is
 * always given explicitly (`-f`), so ffmpeg never guesses it from the content: a playlist, a
 * concat script or any other format renamed `.mp4` is simply not an MP4 and fails to open.
 */
import { resolve } from 'node:path';
import type { AvContainer } from './types.js';

export interface ContainerSpec {
  kind: 'video' | 'audio';
  /** ffmpeg demuxer (`-f` before `-i`). */
  demuxer: string;
  /** A name that appears in ffprobe's `format_name` for this demuxer. */
  formatName: string;
  /** Extra demuxer options. */
  inputOptions: readonly string[];
  /** ffmpeg muxer and its options for the remuxed file. */
  outputOptions: readonly string[];
  /** Codecs (ffmpeg names) accepted for the kept streams: what browsers play in this container. */
  videoCodecs: ReadonlySet<string>;
  audioCodecs: ReadonlySet<string>;
}

/** MP4 data references can point at other files; they are off by default and stay off. */
const MOV_INPUT = ['-enable_drefs', '0'] as const;

export const CONTAINERS: Readonly<Record<AvContainer, ContainerSpec>> = {
  mp4: {
    kind: 'video',
    demuxer: 'mp4',
    formatName: 'mp4',
    inputOptions: MOV_INPUT,
    outputOptions: ['-movflags', '+faststart', '-f', 'mp4'],
    videoCodecs: new Set(['h264', 'hevc', 'av1', 'vp9']),
    audioCodecs: new Set(['aac', 'mp3', 'opus', 'flac', 'alac']),
  },
  webm: {
    kind: 'video',
    demuxer: 'matroska',
    formatName: 'matroska',
    inputOptions: [],
    outputOptions: ['-f', 'webm'],
    videoCodecs: new Set(['vp8', 'vp9', 'av1']),
    audioCodecs: new Set(['opus', 'vorbis']),
  },
  mp3: {
    kind: 'audio',
    demuxer: 'mp3',
    formatName: 'mp3',
    inputOptions: [],
    // No ID3v2 header and no ID3v1 trailer; only the audio frames (and the Xing/Info frame).
    outputOptions: ['-id3v2_version', '0', '-write_id3v1', '0', '-f', 'mp3'],
    videoCodecs: new Set(),
    audioCodecs: new Set(['mp3']),
  },
  ogg: {
    kind: 'audio',
    demuxer: 'ogg',
    formatName: 'ogg',
    inputOptions: [],
    outputOptions: ['-f', 'ogg'],
    videoCodecs: new Set(),
    audioCodecs: new Set(['vorbis', 'opus', 'flac']),
  },
  m4a: {
    kind: 'audio',
    demuxer: 'mp4',
    formatName: 'mp4',
    inputOptions: MOV_INPUT,
    // The `ipod` muxer is MP4 with the `M4A ` brand.
    outputOptions: ['-movflags', '+faststart', '-f', 'ipod'],
    videoCodecs: new Set(),
    audioCodecs: new Set(['aac', 'alac']),
  },
};

/** Packets may run this far past the declared duration (encoder delay, rounding). */
export const DURATION_SLACK_MS = 1000;

/** Leading options of every run: no banner, errors only (ffmpeg also gets `-nostdin`). */
export const BASE_OPTIONS = ['-hide_banner', '-v', 'error'] as const;
/** Inputs may only be local files: nothing in a file can make ffmpeg open a URL. */
export const INPUT_PROTOCOLS = ['-protocol_whitelist', 'file'] as const;

/** The options that open `path` as `container`: only the file protocol, forced demuxer. */
export function inputArgs(path: string, container: AvContainer): string[] {
  const spec = CONTAINERS[container];
  return [...INPUT_PROTOCOLS, '-f', spec.demuxer, ...spec.inputOptions, '-i', fileUrl(path)];
}

/**
 * `file:` + absolute path, so a path is never read as another protocol or as an option
 * (e.g. `concat:a|b` or `-i`).
 */
export function fileUrl(path: string): string {
  return `file:${resolve(path)}`;
}
