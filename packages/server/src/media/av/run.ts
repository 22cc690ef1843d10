/**
 * Runs ffmpeg / ffprobe as a child process with a deadline and bounded output: stdout is kept
 * up to a byte limit (or handed over line by line and not kept), stderr only up to a few KiB.
 * The child gets no stdin and a minimal environment (no server secrets, no FFREPORT).
 */
import { spawn } from 'node:child_process';
import { StringDecoder } from 'node:string_decoder';

export interface RunOptions {
  /** The child is killed (SIGKILL) after this long; the result then has `timedOut`. */
  timeoutMs: number;
  /** Bytes of stdout kept (default 0: stdout is discarded). More kills the child: `overflow`. */
  maxStdout?: number;
  /**
   * Receives stdout line by line instead of keeping it. Returning false kills the child
   * (`stopped`). A line longer than `maxLine` kills it too (`overflow`).
   */
  onLine?: (line: string) => boolean;
  /** Longest stdout line accepted by `onLine` (default 64 KiB). */
  maxLine?: number;
  /** Bytes of stderr kept (default 8 KiB); the rest is read and dropped. */
  maxStderr?: number;
}

export interface RunResult {
  code: number | null;
  signal: NodeJS.Signals | null;
  stdout: Buffer;
  /** The first `maxStderr` bytes of stderr. */
  stderr: string;
  timedOut: boolean;
  overflow: boolean;
  stopped: boolean;
}

const DEFAULT_MAX_STDERR = 8 * 1024;
const DEFAULT_MAX_LINE = 64 * 1024;

/** Rejects only when the process cannot be started (e.g. ENOENT); every other outcome resolves. */
export function runProcess(
  command: string,
  args: readonly string[],
  options: RunOptions,
): Promise<RunResult> {
  const maxStdout = options.maxStdout ?? 0;
  const maxStderr = options.maxStderr ?? DEFAULT_MAX_STDERR;
  const maxLine = options.maxLine ?? DEFAULT_MAX_LINE;
  return new Promise((resolve, reject) => {
    const child = spawn(command, args, {
      stdio: ['ignore', 'pipe', 'pipe'],
      env: childEnv(),
      windowsHide: true,
    });
    const stdoutChunks: Buffer[] = [];
    let stdoutBytes = 0;
    const stderrChunks: Buffer[] = [];
    let stderrBytes = 0;
    let pendingLine = '';
    const decoder = new StringDecoder('utf8');
    let timedOut = false;
    let overflow = false;
    let stopped = false;
    let settled = false;

    const kill = (): void => {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
    };
    const timer = setTimeout(() => {
      timedOut = true;
      kill();
    }, options.timeoutMs);

    const takeLine = (line: string): void => {
      if (stopped || overflow || !options.onLine) return;
      if (!options.onLine(line)) {
        stopped = true;
        kill();
      }
    };

    child.stdout.on('data', (chunk: Buffer) => {
      if (overflow || stopped) return;
      if (options.onLine) {
        const text = pendingLine + decoder.write(chunk);
        const lines = text.split('\n');
        pendingLine = lines.pop() ?? '';
        for (const line of lines) takeLine(line);
        if (pendingLine.length > maxLine) {
          overflow = true;
          kill();
        }
        return;
      }
      stdoutBytes += chunk.length;
      if (stdoutBytes > maxStdout) {
        if (maxStdout > 0) {
          overflow = true;
          kill();
        }
        return;
      }
      stdoutChunks.push(chunk);
    });
    child.stderr.on('data', (chunk: Buffer) => {
      if (stderrBytes >= maxStderr) return;
      const kept = chunk.subarray(0, maxStderr - stderrBytes);
      stderrChunks.push(kept);
      stderrBytes += kept.length;
    });

    child.on('error', (error) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      reject(error);
    });
    child.on('close', (code, signal) => {
      clearTimeout(timer);
      if (settled) return;
      settled = true;
      pendingLine += decoder.end();
      if (pendingLine !== '') takeLine(pendingLine);
      resolve({
        code,
        signal,
        stdout: Buffer.concat(stdoutChunks),
        stderr: Buffer.concat(stderrChunks).toString('utf8'),
        timedOut,
        overflow,
        stopped,
      });
    });
  });
}

/** PATH and the library search path (for ffmpeg builds outside the system directories). */
function childEnv(): NodeJS.ProcessEnv {
  const env: NodeJS.ProcessEnv = {
    PATH: process.env.PATH ?? '/usr/local/bin:/usr/bin:/bin',
    AV_LOG_FORCE_NOCOLOR: '1',
  };
  for (const name of ['LD_LIBRARY_PATH', 'DYLD_LIBRARY_PATH', 'SYSTEMROOT']) {
    if (process.env[name] !== undefined) env[name] = process.env[name];
  }
  return env;
}

/** The first line of ffmpeg's error output, shortened, for error messages and logs. */
export function firstErrorLine(stderr: string): string {
  const line = stderr
    .split('\n')
    .map((l) => l.trim())
    .find((l) => l !== '');
  if (!line) return 'no details';
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
