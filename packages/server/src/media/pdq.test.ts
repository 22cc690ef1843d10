import { readFile, readdir } from 'node:fs/promises';
import sharp from 'sharp';
import { beforeAll, describe, expect, it } from 'vitest';
import { decodeImage } from './decode.js';
import { hashImageBytes } from './image-hash.js';
import { hammingHex } from './pdq-bits.js';
import {
  dct16,
  downsampleTo64,
  hashFromDct,
  jaroszWindow,
  pdqFromLuma,
  pdqFromRgb,
  pdqQuality,
} from './pdq.js';

// shared/ sits beside the checkout: <root>/packages/server/src/media/ → <root>/../shared/.
const REPO_ROOT = new URL('../../../../', import.meta.url);
const PDQ_DATA = new URL('../shared/testdata/pdq/', REPO_ROOT);
const ORIGINAL = 'bridge-1-original.jpg';
const MATCH = 31;

async function hashFile(name: string) {
  return hashImageBytes(await readFile(new URL(`images/${name}`, PDQ_DATA)));
}

async function expectedHashes(): Promise<{ file: string; hash: string; quality: number }[]> {
  const text = await readFile(new URL('expected.csv', PDQ_DATA), 'utf8');
  return text
    .trim()
    .split('\n')
    .slice(1)
    .map((line) => {
      const [hash, quality, file] = line.split(',');
      return { hash: hash!, quality: Number(quality), file: file!.replace(/^images\//, '') };
    });
}

/** A deterministic 32-bit PRNG (mulberry32) for the noise image. */
function prng(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

async function png(
  width: number,
  height: number,
  pixel: (x: number, y: number) => number[],
): Promise<Buffer> {
  const raw = Buffer.alloc(width * height * 3);
  for (let y = 0; y < height; y++) {
    for (let x = 0; x < width; x++) raw.set(pixel(x, y), (y * width + x) * 3);
  }
  return sharp(raw, { raw: { width, height, channels: 3 } })
    .png()
    .toBuffer();
}

describe('PDQ against the reference data', () => {
  let original: string;
  beforeAll(async () => {
    original = (await hashFile(ORIGINAL)).pdq;
  });

  it('[S1] matches the reference PDQ hashes within 10 bits', async () => {
    const rows: string[] = [];
    for (const { file, hash, quality } of await expectedHashes()) {
      const ours = await hashFile(file);
      const distance = hammingHex(ours.pdq, hash);
      rows.push(`${file}: distance ${distance}, quality ${ours.quality} (reference ${quality})`);
      expect(distance, file).toBeLessThanOrEqual(10);
      expect(ours.quality, file).toBe(quality);
    }
    console.info(`PDQ vs expected.csv\n  ${rows.join('\n  ')}`);
  });

  it('[S1] every near-duplicate is within distance 31 of the original', async () => {
    const names = (await readdir(new URL('images/', PDQ_DATA))).filter((n) => !/^bridge-[2-8]-/.test(n));
    expect(names.length).toBeGreaterThanOrEqual(12);
    const rows: string[] = [];
    for (const name of names.sort()) {
      const { pdq, quality } = await hashFile(name);
      const distance = hammingHex(pdq, original);
      rows.push(`${name}: ${distance} (quality ${quality})`);
      expect(distance, name).toBeLessThanOrEqual(MATCH);
    }
    console.info(`near-duplicates vs ${ORIGINAL}\n  ${rows.join('\n  ')}`);
  });

  it('[S1] rotations and flips of the original are different PDQ hashes (distance > 31)', async () => {
    const rows: string[] = [];
    for (const { file } of await expectedHashes()) {
      if (file === ORIGINAL) continue;
      const distance = hammingHex((await hashFile(file)).pdq, original);
      rows.push(`${file}: ${distance}`);
      expect(distance, file).toBeGreaterThan(MATCH);
    }
    console.info(`rotations and flips vs ${ORIGINAL}\n  ${rows.join('\n  ')}`);
  });

  it('[S1] unrelated synthetic images are not within 31 of the original', async () => {
    const random = prng(42);
    const images = {
      gradient: await png(320, 200, (x, y) => [x % 256, y, (x + y) % 256]),
      checkerboard: await png(320, 200, (x, y) => (((x >> 4) + (y >> 4)) % 2 ? [255, 255, 255] : [0, 0, 0])),
      noise: await png(320, 200, () => [0, 0, 0].map(() => Math.floor(random() * 256))),
    };
    const rows: string[] = [];
    for (const [name, bytes] of Object.entries(images)) {
      const { pdq, quality } = await hashImageBytes(bytes);
      const distance = hammingHex(pdq, original);
      rows.push(`${name}: ${distance} (quality ${quality})`);
      expect(distance, name).toBeGreaterThan(MATCH);
    }
    console.info(`synthetic images vs ${ORIGINAL}\n  ${rows.join('\n  ')}`);
  });

  it('[S1] applies EXIF orientation before hashing, as uploads do', async () => {
    const pixels = await sharp(await readFile(new URL(`images/${ORIGINAL}`, PDQ_DATA)))
      .rotate(90)
      .jpeg({ quality: 95 })
      .toBuffer();
    // Stored upright as the original, with an orientation tag saying "turn 90° clockwise".
    const tagged = await sharp(await readFile(new URL(`images/${ORIGINAL}`, PDQ_DATA)))
      .withMetadata({ orientation: 6 })
      .jpeg({ quality: 95 })
      .toBuffer();
    const shown = await hashImageBytes(pixels);
    const fromTag = await hashImageBytes(tagged);
    expect(hammingHex(shown.pdq, fromTag.pdq)).toBeLessThanOrEqual(10);
    expect(hammingHex(fromTag.pdq, original)).toBeGreaterThan(MATCH);
  });
});

describe('decoding', () => {
  it('[S1] flattens transparency on white and always yields 8-bit RGB', async () => {
    const rgba = Buffer.from([255, 0, 0, 0, 0, 0, 255, 255]);
    const transparent = await sharp(rgba, { raw: { width: 2, height: 1, channels: 4 } })
      .png()
      .toBuffer();
    const decoded = await decodeImage(transparent);
    expect([decoded.width, decoded.height]).toEqual([2, 1]);
    expect([...decoded.data]).toEqual([255, 255, 255, 0, 0, 255]);

    const grey = await sharp(Buffer.from([10, 200]), { raw: { width: 2, height: 1, channels: 1 } })
      .png()
      .toBuffer();
    expect([...(await decodeImage(grey)).data]).toEqual([10, 10, 10, 200, 200, 200]);
  });

  it('[S1] rejects bytes that are not an image', async () => {
    await expect(decodeImage(Buffer.from('not an image at all'))).rejects.toThrow();
  });
});

describe('PDQ building blocks', () => {
  it('[S1] uses the Jarosz window ceil(size / 128)', () => {
    expect([64, 128, 129, 1004, 1600, 10].map((n) => jaroszWindow(n, 64))).toEqual([1, 1, 2, 8, 13, 1]);
  });

  it('[S1] downsamples with two box passes whose window depends on the input size', () => {
    // Direct definition: mean over the window [i − before, i + after] cut at the edges, where an
    // even window leans forward; rows then columns, twice; then the centre samples.
    const direct = (src: Float64Array, w: number, h: number) => {
      let img = Float64Array.from(src);
      const box = (len: number, win: number, get: (i: number) => number) => {
        const half = Math.floor((win + 2) / 2);
        return Array.from({ length: len }, (_, i) => {
          const lo = Math.max(0, i - (win - half));
          const hi = Math.min(len - 1, i + half - 1);
          let sum = 0;
          for (let k = lo; k <= hi; k++) sum += get(k);
          return sum / (hi - lo + 1);
        });
      };
      for (let pass = 0; pass < 2; pass++) {
        const rows = new Float64Array(w * h);
        for (let y = 0; y < h; y++)
          rows.set(
            box(w, jaroszWindow(w, 64), (x) => img[y * w + x]!),
            y * w,
          );
        img = new Float64Array(w * h);
        for (let x = 0; x < w; x++)
          box(h, jaroszWindow(h, 64), (y) => rows[y * w + x]!).forEach((v, y) => (img[y * w + x] = v));
      }
      return Array.from({ length: 64 * 64 }, (_, k) => {
        const y = Math.floor(((Math.floor(k / 64) + 0.5) * h) / 64);
        const x = Math.floor((((k % 64) + 0.5) * w) / 64);
        return img[y * w + x]!;
      });
    };
    for (const [w, h] of [
      [300, 200],
      [517, 129],
      [40, 70],
    ] as const) {
      const luma = new Float64Array(w * h).map((_, i) => (Math.sin(i * 0.37) + 1) * 127.5);
      const ours = downsampleTo64(Float32Array.from(luma), w, h);
      const expected = direct(luma, w, h);
      expect(Math.max(...expected.map((v, k) => Math.abs(v - ours[k]!)))).toBeLessThan(1e-3);
    }
  });

  it('[S1] gives a featureless image quality 0 and a detailed one quality 100', () => {
    expect(pdqQuality(new Float32Array(64 * 64).fill(128))).toBe(0);
    const stripes = new Float32Array(64 * 64).map((_, i) => ((i >> 2) % 2) * 255);
    expect(pdqQuality(stripes)).toBe(100);
  });

  it('[S1] sets exactly the bits above the median, bit k = coefficient k', () => {
    const coefficients = new Float64Array(256).map((_, k) => k);
    // Coefficients 128…255 are above the median (127): the top half of the 256-bit number.
    expect(hashFromDct(coefficients)).toBe('f'.repeat(32) + '0'.repeat(32));
    expect(dct16(new Float32Array(64 * 64).fill(7)).every((c) => Math.abs(c) < 1e-9)).toBe(true);
  });

  it('[S1] hashes RGB and its luminance identically, for any image size', () => {
    for (const [w, h] of [
      [1, 1],
      [7, 300],
      [65, 64],
    ] as const) {
      const rgb = new Uint8Array(w * h * 3).map((_, i) => (i * 37) % 256);
      const luma = new Float32Array(w * h).map(
        (_, p) => 0.299 * rgb[p * 3]! + 0.587 * rgb[p * 3 + 1]! + 0.114 * rgb[p * 3 + 2]!,
      );
      expect(pdqFromRgb(rgb, w, h)).toEqual(pdqFromLuma(luma, w, h));
    }
    expect(() => pdqFromRgb(new Uint8Array(3), 0, 1)).toThrow(RangeError);
  });
});
