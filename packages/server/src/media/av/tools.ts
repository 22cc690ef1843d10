/**
 * Finding ffmpeg and ffprobe. Video and audio uploads need both; without them `findAvTools`
 * returns null and the server turns those upload kinds off (images still work).
 */
import { constants } from 'node:fs';
import { access, stat } from 'node:fs/promises';
import { delimiter, isAbsolute, join, resolve, sep } from 'node:path';
import { sampleFrames } from './frames.js';
import { probeDetails } from './probe.js';
import { remux } from './remux.js';
import { runProcess } from './run.js';
import type { AvTools } from './types.js';

export interface AvToolPaths {
  ffmpeg: string;
  ffprobe: string;
}

/** How long `-version` may take when checking that a tool runs. */
const CHECK_TIMEOUT_MS = 10_000;

/** Looks for ffmpeg and ffprobe (on PATH, or at the given paths) and checks they run; null when missing. */
export async function findAvTools(
  options: { ffmpeg?: string; ffprobe?: string } = {},
): Promise<AvTools | null> {
  const [ffmpeg, ffprobe] = await Promise.all([
    locate(options.ffmpeg ?? 'ffmpeg'),
    locate(options.ffprobe ?? 'ffprobe'),
  ]);
  if (!ffmpeg || !ffprobe) return null;
  const [ffmpegRuns, ffprobeRuns] = await Promise.all([runs(ffmpeg, 'ffmpeg'), runs(ffprobe, 'ffprobe')]);
  if (!ffmpegRuns || !ffprobeRuns) return null;
  return createAvTools({ ffmpeg, ffprobe });
}

/** AvTools bound to the given executables, without checking them. */
export function createAvTools(paths: AvToolPaths): AvTools {
  return {
    probe: async (input, container, limits) =>
      (await probeDetails(paths.ffprobe, input, container, limits)).info,
    remux: (input, output, container, limits) => remux(paths.ffmpeg, input, output, container, limits),
    sampleFrames: (input, count, limits, container) =>
      sampleFrames(paths.ffmpeg, paths.ffprobe, input, count, limits, container),
  };
}

/** An absolute path to an executable file: `name` itself if it is a path, else the first match on PATH. */
async function locate(name: string): Promise<string | null> {
  if (name === '') return null;
  if (isAbsolute(name) || name.includes(sep) || name.includes('/')) {
    const path = resolve(name);
    return (await isExecutable(path)) ? path : null;
  }
  const names = process.platform === 'win32' ? [name, `${name}.exe`] : [name];
  for (const dir of (process.env.PATH ?? '').split(delimiter)) {
    if (dir === '') continue;
    for (const candidate of names) {
      const path = resolve(join(dir, candidate));
      if (await isExecutable(path)) return path;
    }
  }
  return null;
}

async function isExecutable(path: string): Promise<boolean> {
  try {
    await access(path, constants.X_OK);
    return (await stat(path)).isFile();
  } catch {
    return false;
  }
}

/** `tool -version` exits 0 and prints "<name> version …". */
async function runs(path: string, name: string): Promise<boolean> {
  try {
    const result = await runProcess(path, ['-hide_banner', '-version'], {
      timeoutMs: CHECK_TIMEOUT_MS,
      maxStdout: 64 * 1024,
    });
    return result.code === 0 && result.stdout.toString('utf8').startsWith(`${name} version`);
  } catch {
    return false;
  }
}
