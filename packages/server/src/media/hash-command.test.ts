import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { main } from '../cli.js';
import { hashCommand } from './hash-command.js';
import { createHasher } from './hasher.js';

const IMAGES = new URL('../../../../../shared/testdata/pdq/images/', import.meta.url);
const bridge = fileURLToPath(new URL('bridge-1-original.jpg', IMAGES));
const small = fileURLToPath(new URL('square-128x128.jpg', IMAGES));
const LINE = /^([0-9a-f]{64}),(\d{1,3}),([0-9a-f]{64}),(.+)$/;

describe('salon hash', () => {
  afterEach(() => {
    vi.restoreAllMocks();
  });

  it('[S1] prints pdq,quality,sha256,file per image; a bad file goes to stderr and exits 1', async () => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    const err = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const notAnImage = fileURLToPath(import.meta.url);
    const missing = '/nonexistent/bogus.jpg';

    const code = await main(['hash', bridge, missing, notAnImage, small]);

    expect(code).toBe(1);
    const lines = out.mock.calls.map((call) => String(call[0]));
    expect(lines).toHaveLength(2);
    expect(lines.map((line) => LINE.exec(line)?.[4])).toEqual([bridge, small]);
    const expected = await createHasher({ inProcess: true }).hashImage(await readFile(bridge));
    expect(lines[0]).toBe(`${expected.pdq},${expected.quality},${expected.sha256},${bridge}`);
    const errors = err.mock.calls.map((call) => String(call[0]));
    expect(errors).toHaveLength(2);
    expect(errors[0]).toContain(missing);
    expect(errors[1]).toContain(notAnImage);
  });

  it('[S1] exits 0 when every file hashes, and 2 without files', async () => {
    const lines: string[] = [];
    const errors: string[] = [];
    const output = { out: (line: string) => lines.push(line), err: (line: string) => errors.push(line) };
    const hasher = createHasher({ inProcess: true });
    expect(await hashCommand([small, small], output, hasher)).toBe(0);
    expect(lines).toHaveLength(2);
    expect(lines[0]).toBe(lines[1]);
    expect(errors).toEqual([]);
    expect(await hashCommand([], output, hasher)).toBe(2);
    expect(errors[0]).toMatch(/no file/);
  });

  it('[S1] lists the hash command in the help text', async () => {
    const out = vi.spyOn(console, 'log').mockImplementation(() => undefined);
    expect(await main(['help'])).toBe(0);
    expect(String(out.mock.calls[0]?.[0])).toMatch(/^ {2}hash FILE…/m);
  });
});
