/**
 * Operator-supplied hash lists (S1): exact MD5 and SHA-256, and PDQ at Hamming distance ≤ 31
 * for images whose PDQ quality is at least 50.
 *
 * File format, one entry a line:
 *
 *     # comment
 *     md5:0123456789abcdef0123456789abcdef
 *     sha256:<64 hex digits>     # a trailing comment after a space is allowed
 *     pdq:<64 hex digits>
 *
 * The kind prefix is required because SHA-256 and PDQ hashes have the same length. Blank lines
 * are ignored; a malformed line is reported (file and line number) and skipped. `reload()` reads
 * every file again and swaps the whole set in one assignment, so a match never sees half of a
 * reload; if a file cannot be read the previous set stays in force and the reload rejects.
 */
import { readFile } from 'node:fs/promises';
import { PdqIndex } from './pdq-index.js';

export type HashKind = 'md5' | 'sha256' | 'pdq';

export const PDQ_MATCH_DISTANCE = 31;
export const PDQ_MIN_QUALITY = 50;

const HEX_LENGTH: Record<HashKind, number> = { md5: 32, sha256: 64, pdq: 64 };

export interface ListEntry {
  kind: HashKind;
  hex: string;
  file: string;
  line: number;
}

export interface ListProblem {
  file: string;
  line: number;
  message: string;
}

export interface ListMatch {
  kind: HashKind;
  /** The listed hash that matched (lowercase). */
  hex: string;
  file: string;
  line: number;
  /** 0 for exact matches; the Hamming distance for PDQ. */
  distance: number;
}

export interface MediaHashes {
  pdq: string;
  quality: number;
  sha256: string;
  md5: string;
}

export interface ReloadReport {
  md5: number;
  sha256: number;
  pdq: number;
  problems: ListProblem[];
}

/** Parses one list file's text. Never throws: bad lines come back as problems. */
export function parseHashList(text: string, file: string): { entries: ListEntry[]; problems: ListProblem[] } {
  const entries: ListEntry[] = [];
  const problems: ListProblem[] = [];
  const lines = text.split('\n');
  for (let i = 0; i < lines.length; i++) {
    const line = lines[i]!.replace(/\s+#.*$/, '').trim();
    if (line === '' || line.startsWith('#')) continue;
    const at = { file, line: i + 1 };
    const colon = line.indexOf(':');
    if (colon < 0) {
      problems.push({ ...at, message: 'expected "kind:hex" (kind is md5, sha256 or pdq)' });
      continue;
    }
    const kind = line.slice(0, colon).trim().toLowerCase();
    const hex = line
      .slice(colon + 1)
      .trim()
      .toLowerCase();
    if (kind !== 'md5' && kind !== 'sha256' && kind !== 'pdq') {
      problems.push({ ...at, message: `unknown hash kind "${kind}" (expected md5, sha256 or pdq)` });
      continue;
    }
    if (!/^[0-9a-f]*$/.test(hex) || hex.length !== HEX_LENGTH[kind]) {
      problems.push({ ...at, message: `a ${kind} hash is ${HEX_LENGTH[kind]} hex digits` });
      continue;
    }
    entries.push({ kind, hex, ...at });
  }
  return { entries, problems };
}

interface Snapshot {
  md5: Map<string, ListEntry>;
  sha256: Map<string, ListEntry>;
  pdq: PdqIndex;
  pdqEntries: ListEntry[];
}

function emptySnapshot(): Snapshot {
  return { md5: new Map(), sha256: new Map(), pdq: new PdqIndex(16), pdqEntries: [] };
}

export interface HashListsOptions {
  maxDistance?: number;
  minQuality?: number;
  /** How a list file is read (default: UTF-8 from disk). */
  read?: (file: string) => Promise<string>;
}

export class HashLists {
  #snapshot: Snapshot = emptySnapshot();
  #generation = 0;
  readonly #maxDistance: number;
  readonly #minQuality: number;
  readonly #read: (file: string) => Promise<string>;

  constructor(
    readonly files: readonly string[],
    options: HashListsOptions = {},
  ) {
    this.#maxDistance = options.maxDistance ?? PDQ_MATCH_DISTANCE;
    this.#minQuality = options.minQuality ?? PDQ_MIN_QUALITY;
    this.#read = options.read ?? ((file) => readFile(file, 'utf8'));
  }

  /** Creates the lists and reads the files once; rejects if a file cannot be read. */
  static async load(
    files: readonly string[],
    options?: HashListsOptions,
  ): Promise<{ lists: HashLists; report: ReloadReport }> {
    const lists = new HashLists(files, options);
    const report = await lists.reload();
    return { lists, report };
  }

  get counts(): { md5: number; sha256: number; pdq: number } {
    const s = this.#snapshot;
    return { md5: s.md5.size, sha256: s.sha256.size, pdq: s.pdq.size };
  }

  /**
   * Re-reads every file and swaps the lists in at once. Overlapping reloads: the one started
   * last wins. Rejects (keeping the current lists) when a file cannot be read.
   */
  async reload(): Promise<ReloadReport> {
    const generation = ++this.#generation;
    const texts = await Promise.all(this.files.map((file) => this.#read(file)));
    const next = emptySnapshot();
    const problems: ListProblem[] = [];
    texts.forEach((text, i) => {
      const parsed = parseHashList(text, this.files[i]!);
      problems.push(...parsed.problems);
      for (const entry of parsed.entries) {
        if (entry.kind === 'pdq') {
          next.pdq.add(entry.hex, String(next.pdqEntries.length));
          next.pdqEntries.push(entry);
        } else {
          const map = next[entry.kind];
          if (!map.has(entry.hex)) map.set(entry.hex, entry);
        }
      }
    });
    next.pdq.compact(); // build the lookup tables before the set goes live
    if (generation === this.#generation) this.#snapshot = next;
    return { md5: next.md5.size, sha256: next.sha256.size, pdq: next.pdq.size, problems };
  }

  /**
   * The first match for an image: exact MD5, then exact SHA-256, then the nearest PDQ within
   * the distance (only when the image's PDQ quality is high enough to trust). Null when clean.
   */
  matchAll(hashes: MediaHashes): ListMatch | null {
    const s = this.#snapshot;
    const md5 = s.md5.get(hashes.md5.toLowerCase());
    if (md5) return { kind: 'md5', hex: md5.hex, file: md5.file, line: md5.line, distance: 0 };
    const sha = s.sha256.get(hashes.sha256.toLowerCase());
    if (sha) return { kind: 'sha256', hex: sha.hex, file: sha.file, line: sha.line, distance: 0 };
    if (hashes.quality < this.#minQuality || s.pdq.size === 0) return null;
    const near = s.pdq.match(hashes.pdq, this.#maxDistance);
    if (!near) return null;
    const entry = s.pdqEntries[Number(near.label)]!;
    return { kind: 'pdq', hex: entry.hex, file: entry.file, line: entry.line, distance: near.distance };
  }
}
