/**
 * `salon hash FILE…` (S1): prints `pdq_hex,quality,sha256,FILE` for each image, decoded exactly
 * as uploads are, so operators can build and check hash lists. A file that cannot be read or
 * decoded gets a line on stderr and makes the exit code 1; the others are still hashed.
 * Output follows the order of the arguments.
 */
import { readFile } from 'node:fs/promises';
import { createHasher } from './hasher.js';
import type { Hasher, ImageHashes } from './hasher.js';

export interface CommandOutput {
  out(line: string): void;
  err(line: string): void;
}

const consoleOutput: CommandOutput = {
  out: (line) => console.log(line),
  err: (line) => console.error(line),
};

export const HASH_USAGE = 'Usage: salon hash FILE…  (prints pdq_hex,quality,sha256,FILE per image)';

export async function hashCommand(
  files: readonly string[],
  output: CommandOutput = consoleOutput,
  hasher?: Hasher,
): Promise<number> {
  if (files.length === 0) {
    output.err(`salon hash: no file given\n${HASH_USAGE}`);
    return 2;
  }
  const pool = hasher ?? createHasher();
  const hashFile = async (file: string): Promise<ImageHashes> => pool.hashImage(await readFile(file));
  // Keep a few files in flight so every worker stays busy, without reading all files at once.
  const window = Math.max(2, pool.size * 2);
  const pending: Promise<ImageHashes>[] = [];
  let code = 0;
  try {
    for (let i = 0; i < files.length; i++) {
      while (pending.length < window && i + pending.length < files.length) {
        const next = hashFile(files[i + pending.length]!);
        next.catch(() => undefined); // handled below, in order; avoids an unhandled rejection meanwhile
        pending.push(next);
      }
      const file = files[i]!;
      try {
        const h = await pending.shift()!;
        output.out(`${h.pdq},${h.quality},${h.sha256},${file}`);
      } catch (error) {
        output.err(`salon hash: ${file}: ${describe(error)}`);
        code = 1;
      }
    }
  } finally {
    if (!hasher) await pool.close();
  }
  return code;
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const code = (error as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? 'no such file' : error.message;
  }
  return String(error);
}
