/**
 * Validation with ffprobe (M1). One run reads the whole file: the container header (streams,
 * declared duration) and every packet's timestamps, streamed line by line and never kept, so a
 * file is accepted only if it can be read to the end without a single error, and its real
 * length (not only the declared one) is within the limits. Reading stops as soon as a stream
 * runs past the longest accepted duration.
 */
import { BASE_OPTIONS, CONTAINERS, DURATION_SLACK_MS, inputArgs } from './formats.js';
import { firstErrorLine, runProcess } from './run.js';
import { AvError } from './types.js';
import type { AvContainer, AvInfo, AvLimits } from './types.js';

export interface ProbeDetails {
  info: AvInfo;
  /** The file's start time in seconds: `-ss` counts from here. */
  startTime: number;
  /** Presentation times (seconds) of the first and last packets of the kept video stream. */
  video: { first: number; last: number } | null;
}

/** More streams than this is not a chat upload. */
const MAX_STREAMS = 64;

const ENTRIES = [
  'packet=stream_index,pts_time,dts_time,duration_time',
  'stream=index,codec_type,codec_name,width,height',
  'stream_disposition=attached_pic',
  'stream_side_data=rotation',
  'format=format_name,start_time,duration',
].join(':');

interface StreamRecord {
  index: number;
  codecType: string;
  codecName: string;
  width: number;
  height: number;
  attachedPic: boolean;
  rotation: number;
}

interface PacketStats {
  count: number;
  /** Earliest and latest presentation time, and the latest end (time + duration). */
  first: number;
  last: number;
  end: number;
}

export async function probeDetails(
  ffprobe: string,
  input: string,
  container: AvContainer,
  limits: AvLimits,
): Promise<ProbeDetails> {
  const spec = CONTAINERS[container];
  const maxSpan = (limits.maxDurationMs + DURATION_SLACK_MS) / 1000;
  const packets = new Map<number, PacketStats>();
  const streams: StreamRecord[] = [];
  let format: Map<string, string> | null = null;
  let tooLong = false;
  let tooManyStreams = false;

  const onLine = (line: string): boolean => {
    const section = line.slice(0, line.indexOf('|'));
    if (section === 'packet') {
      const f = fields(line);
      const index = toInt(f.get('stream_index'));
      if (index < 0 || index >= MAX_STREAMS) {
        tooManyStreams = true;
        return false;
      }
      const pts = toNumber(f.get('pts_time'));
      const time = Number.isFinite(pts) ? pts : toNumber(f.get('dts_time'));
      const duration = toNumber(f.get('duration_time'));
      let stats = packets.get(index);
      if (!stats) {
        stats = { count: 0, first: Infinity, last: -Infinity, end: -Infinity };
        packets.set(index, stats);
      }
      stats.count++;
      if (Number.isFinite(time)) {
        stats.first = Math.min(stats.first, time);
        stats.last = Math.max(stats.last, time);
        stats.end = Math.max(stats.end, time + (Number.isFinite(duration) && duration > 0 ? duration : 0));
        if (stats.end - stats.first > maxSpan) {
          tooLong = true;
          return false;
        }
      }
    } else if (section === 'stream') {
      if (streams.length >= MAX_STREAMS) {
        tooManyStreams = true;
        return false;
      }
      const f = fields(line);
      streams.push({
        index: toInt(f.get('index')),
        codecType: f.get('codec_type') ?? '',
        codecName: f.get('codec_name') ?? '',
        width: toInt(f.get('width')),
        height: toInt(f.get('height')),
        attachedPic: f.get('disposition:attached_pic') === '1',
        rotation: toNumber(f.get('rotation')),
      });
    } else if (section === 'format') {
      format = fields(line);
    }
    return true;
  };

  const result = await runProcess(
    ffprobe,
    [...BASE_OPTIONS, ...inputArgs(input, container), '-show_entries', ENTRIES, '-of', 'compact=p=1:nk=0'],
    { timeoutMs: limits.timeoutMs, onLine },
  );
  if (tooLong) throw new AvError('MEDIA_DIMENSIONS', `longer than ${limits.maxDurationMs} ms`);
  if (result.timedOut) throw new AvError('MEDIA_CORRUPT', `not read within ${limits.timeoutMs} ms`);
  if (tooManyStreams) throw new AvError('MEDIA_CORRUPT', `more than ${MAX_STREAMS} streams`);
  if (result.overflow) throw new AvError('MEDIA_CORRUPT', 'unexpected ffprobe output');
  if (result.code !== 0) {
    throw new AvError('MEDIA_CORRUPT', `not a readable ${container} file: ${firstErrorLine(result.stderr)}`);
  }
  // Any error while reading (a truncated file, damaged packets) refuses the file.
  if (result.stderr.trim() !== '') {
    throw new AvError('MEDIA_CORRUPT', `damaged ${container} file: ${firstErrorLine(result.stderr)}`);
  }
  const fmt = format as Map<string, string> | null;
  if (!fmt) throw new AvError('MEDIA_CORRUPT', 'ffprobe gave no format');
  if (!(fmt.get('format_name') ?? '').split(',').includes(spec.formatName)) {
    throw new AvError('MEDIA_TYPE', `not a ${container} file`);
  }

  const videos = streams.filter((s) => s.codecType === 'video' && !s.attachedPic);
  const audios = streams.filter((s) => s.codecType === 'audio');
  const video = spec.kind === 'video' ? videos[0] : undefined;
  const audio = audios[0];
  if (spec.kind === 'video') {
    if (!video) throw new AvError('MEDIA_TYPE', `no video stream in the ${container} file`);
    if (!spec.videoCodecs.has(video.codecName)) {
      throw new AvError(
        'MEDIA_TYPE',
        `video codec ${video.codecName || 'unknown'} not accepted in ${container}`,
      );
    }
  } else {
    if (!audio) throw new AvError('MEDIA_TYPE', `no audio stream in the ${container} file`);
    if (videos.length > 0) throw new AvError('MEDIA_TYPE', `a video stream in the ${container} audio file`);
  }
  if (audio && !spec.audioCodecs.has(audio.codecName)) {
    throw new AvError(
      'MEDIA_TYPE',
      `audio codec ${audio.codecName || 'unknown'} not accepted in ${container}`,
    );
  }

  const kept = [video, audio].filter((s): s is StreamRecord => s !== undefined);
  let first = Infinity;
  let end = -Infinity;
  for (const stream of kept) {
    const stats = packets.get(stream.index);
    if (!stats || stats.count === 0 || !Number.isFinite(stats.first)) {
      throw new AvError('MEDIA_CORRUPT', `no ${stream.codecType} data`);
    }
    first = Math.min(first, stats.first);
    end = Math.max(end, stats.end);
  }

  let width: number | null = null;
  let height: number | null = null;
  if (video) {
    if (video.width <= 0 || video.height <= 0)
      throw new AvError('MEDIA_CORRUPT', 'video without a frame size');
    const quarterTurn = Number.isFinite(video.rotation) && Math.abs(Math.round(video.rotation)) % 180 === 90;
    width = quarterTurn ? video.height : video.width;
    height = quarterTurn ? video.width : video.height;
    if (width > limits.maxWidth || height > limits.maxHeight) {
      throw new AvError(
        'MEDIA_DIMENSIONS',
        `${width}×${height} is larger than ${limits.maxWidth}×${limits.maxHeight}`,
      );
    }
  }

  const declared = toNumber(fmt.get('duration'));
  const measured = end - first;
  const seconds = Number.isFinite(declared) && declared > 0 ? declared : measured;
  if (!(seconds > 0)) throw new AvError('MEDIA_CORRUPT', 'no duration');
  const durationMs = Math.round(seconds * 1000);
  if (durationMs > limits.maxDurationMs || measured * 1000 > limits.maxDurationMs + DURATION_SLACK_MS) {
    throw new AvError('MEDIA_DIMENSIONS', `longer than ${limits.maxDurationMs} ms`);
  }

  const videoStats = video ? packets.get(video.index) : undefined;
  const startTime = toNumber(fmt.get('start_time'));
  return {
    info: {
      durationMs,
      width,
      height,
      videoCodec: video?.codecName ?? null,
      audioCodec: audio?.codecName ?? null,
    },
    startTime: Number.isFinite(startTime) ? startTime : 0,
    video: videoStats ? { first: videoStats.first, last: videoStats.last } : null,
  };
}

/** `key=value` pairs of one line of ffprobe's compact output (the first of repeated keys wins). */
function fields(line: string): Map<string, string> {
  const map = new Map<string, string>();
  for (const part of line.split('|')) {
    const eq = part.indexOf('=');
    if (eq <= 0) continue;
    const key = part.slice(0, eq);
    if (!map.has(key)) map.set(key, part.slice(eq + 1));
  }
  return map;
}

function toNumber(value: string | undefined): number {
  if (value === undefined || value === '' || value === 'N/A') return NaN;
  return Number(value);
}

function toInt(value: string | undefined): number {
  const n = toNumber(value);
  return Number.isInteger(n) ? n : -1;
}
