import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HashLists, parseHashList } from './hash-lists.js';
import type { MediaHashes } from './hash-lists.js';
import { flipBits } from './pdq-bits.js';

const MD5 = '0123456789abcdef0123456789abcdef';
const SHA = 'ab'.repeat(32);
const PDQ = 'f8f8f0cce0f4e84d0e370a22028f67f0b36e2ed596623e1d33e6339c4e9c9b22';
const OTHER_PDQ = '0'.repeat(64);
const range = (n: number) => Array.from({ length: n }, (_, i) => i * 8);

/** An upload's hashes: nothing listed unless overridden. */
function upload(overrides: Partial<MediaHashes> = {}): MediaHashes {
  return { pdq: 'ff'.repeat(32), quality: 100, sha256: 'cd'.repeat(32), md5: 'ef'.repeat(16), ...overrides };
}

let dir: string;
beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'salon-hash-lists-'));
});
afterAll(async () => {
  await rm(dir, { recursive: true, force: true });
});

describe('hash list files', () => {
  it('[S1] parses kind:hex lines, skipping comments and reporting bad lines with their number', () => {
    const text = [
      '# operator list',
      '',
      `md5:${MD5.toUpperCase()}`,
      `sha256:${SHA}   # from a partner`,
      `PDQ:${PDQ}\r`,
      `${SHA}`,
      `sha1:${MD5}`,
      `md5:${SHA}`,
      `pdq:${PDQ.slice(0, 63)}g`,
      '   # indented comment',
    ].join('\n');
    const { entries, problems } = parseHashList(text, 'list.txt');
    expect(entries).toEqual([
      { kind: 'md5', hex: MD5, file: 'list.txt', line: 3 },
      { kind: 'sha256', hex: SHA, file: 'list.txt', line: 4 },
      { kind: 'pdq', hex: PDQ, file: 'list.txt', line: 5 },
    ]);
    expect(problems.map((p) => p.line)).toEqual([6, 7, 8, 9]);
    expect(problems[0]!.message).toMatch(/kind:hex/);
    expect(problems[1]!.message).toMatch(/unknown hash kind "sha1"/);
    expect(problems[2]!.message).toMatch(/md5 hash is 32 hex digits/);
  });

  it('[S1] matches MD5 and SHA-256 exactly, MD5 first', async () => {
    const file = join(dir, 'exact.txt');
    await writeFile(file, `md5:${MD5}\nsha256:${SHA}\n`);
    const { lists, report } = await HashLists.load([file]);
    expect(report).toEqual({ md5: 1, sha256: 1, pdq: 0, problems: [] });
    expect(lists.matchAll(upload({ md5: MD5.toUpperCase() }))).toEqual({
      kind: 'md5',
      hex: MD5,
      file,
      line: 1,
      distance: 0,
    });
    expect(lists.matchAll(upload({ sha256: SHA }))).toMatchObject({ kind: 'sha256', line: 2 });
    expect(lists.matchAll(upload({ md5: MD5, sha256: SHA }))).toMatchObject({ kind: 'md5' });
    expect(lists.matchAll(upload({ sha256: SHA.replace(/^a/, 'b') }))).toBeNull();
  });

  it('[S1] matches PDQ within 31 bits, and only when the image quality is at least 50', async () => {
    const file = join(dir, 'pdq.txt');
    await writeFile(file, `# two hashes\npdq:${OTHER_PDQ}\npdq:${PDQ}\n`);
    const { lists } = await HashLists.load([file]);
    expect(lists.matchAll(upload({ pdq: flipBits(PDQ, range(31)) }))).toEqual({
      kind: 'pdq',
      hex: PDQ,
      file,
      line: 3,
      distance: 31,
    });
    expect(lists.matchAll(upload({ pdq: flipBits(PDQ, range(32)) }))).toBeNull();
    expect(lists.matchAll(upload({ pdq: PDQ, quality: 50 }))).toMatchObject({ kind: 'pdq', distance: 0 });
    expect(lists.matchAll(upload({ pdq: PDQ, quality: 49 }))).toBeNull();
    // Exact hashes still match a low-quality image.
    await writeFile(file, `pdq:${PDQ}\nmd5:${MD5}\n`);
    await lists.reload();
    expect(lists.matchAll(upload({ pdq: PDQ, quality: 0, md5: MD5 }))).toMatchObject({ kind: 'md5' });
  });

  it('[S1] reload() swaps in the new lists without a restart, and keeps them if a file is gone', async () => {
    const a = join(dir, 'a.txt');
    const b = join(dir, 'b.txt');
    await writeFile(a, `md5:${MD5}\n`);
    await writeFile(b, `pdq:${PDQ}\n`);
    const { lists } = await HashLists.load([a, b]);
    expect(lists.counts).toEqual({ md5: 1, sha256: 0, pdq: 1 });

    await writeFile(a, `sha256:${SHA}\nnot a hash\n`);
    expect(lists.matchAll(upload({ md5: MD5 }))).not.toBeNull(); // the old lists until reload
    const report = await lists.reload();
    expect(report.problems).toEqual([{ file: a, line: 2, message: expect.any(String) as string }]);
    expect(lists.matchAll(upload({ md5: MD5 }))).toBeNull();
    expect(lists.matchAll(upload({ sha256: SHA }))).toMatchObject({ kind: 'sha256', file: a });
    expect(lists.matchAll(upload({ pdq: PDQ }))).toMatchObject({ kind: 'pdq', file: b });

    await rm(b);
    await expect(lists.reload()).rejects.toThrow(/ENOENT/);
    expect(lists.counts).toEqual({ md5: 0, sha256: 1, pdq: 1 });
    expect(lists.matchAll(upload({ pdq: PDQ }))).toMatchObject({ kind: 'pdq' });
    await expect(HashLists.load([b])).rejects.toThrow(/ENOENT/);
  });

  it('[S1] overlapping reloads: the one started last wins, even if it finishes first', async () => {
    const reads: { resolve: (text: string) => void }[] = [];
    const read = () => new Promise<string>((resolve) => reads.push({ resolve }));
    const lists = new HashLists(['list'], { read });
    const older = lists.reload();
    const newer = lists.reload();
    reads[1]!.resolve(`md5:${MD5}\n`);
    await newer;
    reads[0]!.resolve(`sha256:${SHA}\n`);
    await older;
    expect(lists.counts).toEqual({ md5: 1, sha256: 0, pdq: 0 });
  });
});
