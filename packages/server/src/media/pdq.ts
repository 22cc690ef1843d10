/**
 * PDQ perceptual hash (S1), implemented from Meta's published description of the algorithm
 * ("The PDQ and TMK+PDQF algorithms", hashing/pdq.md):
 *
 *  1. luminance Y = 0.299 R + 0.587 G + 0.114 B, as floats on the 0–255 scale;
 *  2. two passes of a separable box filter (Jarosz's "tent" approximation) whose window is
 *     ceil(size / 128) pixels along each axis, then sampling 64×64 points at the centres of a
 *     64×64 grid;
 *  3. quality: the sum of absolute vertical and horizontal neighbour differences of that 64×64
 *     image, each taken as a whole percentage of 255, divided by 90 and capped at 100;
 *  4. the 16×16 low-frequency block of the 2-D DCT (D·A·Dᵀ, D being 16×64 with rows for
 *     frequencies 1…16, so the DC term is left out);
 *  5. bit i·16 + j is set when coefficient (i, j) is above the median of the 256 coefficients.
 *
 * Everything here is pure and synchronous: callers run it in a worker thread (see hasher.ts).
 * The whole image is filtered at full resolution, in place; the filter costs O(1) per pixel per pass.
 */
import { PDQ_BITS, bitsToHex } from './pdq-bits.js';

export interface PdqResult {
  /** 64 lowercase hex digits (256 bits). */
  hash: string;
  /** 0–100; below 50 the hash of a near-featureless image should not be trusted for matching. */
  quality: number;
}

const SIDE = 64;
const KEEP = 16;
const LUMA_R = 0.299;
const LUMA_G = 0.587;
const LUMA_B = 0.114;

/** Interleaved 8-bit pixels to luminance (`channels` 3 or 4; a 4th channel is ignored). */
export function lumaFromRgb(pixels: Uint8Array, width: number, height: number, channels = 3): Float32Array {
  checkSize(width, height);
  if (channels !== 3 && channels !== 4) throw new RangeError(`unsupported channel count ${channels}`);
  const count = width * height;
  if (pixels.length < count * channels) throw new RangeError('pixel buffer is shorter than width × height');
  const luma = new Float32Array(count);
  for (let p = 0, i = 0; p < count; p++, i += channels) {
    luma[p] = LUMA_R * pixels[i]! + LUMA_G * pixels[i + 1]! + LUMA_B * pixels[i + 2]!;
  }
  return luma;
}

/** PDQ of interleaved 8-bit RGB (or RGBA) pixels. */
export function pdqFromRgb(pixels: Uint8Array, width: number, height: number, channels = 3): PdqResult {
  return pdqOfSmall(filterAndSample(lumaFromRgb(pixels, width, height, channels), width, height));
}

/** PDQ of a luminance image (row-major, 0–255). The input array is left untouched. */
export function pdqFromLuma(luma: Float32Array, width: number, height: number): PdqResult {
  return pdqOfSmall(downsampleTo64(luma, width, height));
}

function pdqOfSmall(small: Float32Array): PdqResult {
  return { hash: hashFromDct(dct16(small)), quality: pdqQuality(small) };
}

/** Box-filter window length for shrinking `from` pixels to `to` (ceil(from / (2·to))). */
export function jaroszWindow(from: number, to: number): number {
  return Math.floor((from + 2 * to - 1) / (2 * to));
}

/** The 64×64 image PDQ works on (see filterAndSample); the input is left untouched. */
export function downsampleTo64(luma: Float32Array, width: number, height: number): Float32Array {
  checkSize(width, height);
  if (luma.length < width * height) throw new RangeError('luminance buffer is shorter than width × height');
  return filterAndSample(Float32Array.from(luma.subarray(0, width * height)), width, height);
}

/**
 * Two Jarosz passes over the image, then 64×64 samples taken at the centres of a regular grid
 * (pixel floor((i + ½) · size / 64) along each axis). Filters `image` in place, with scratch
 * memory of one row plus a few rows, so hashing a large photo needs no second full-size buffer.
 */
function filterAndSample(image: Float32Array, width: number, height: number): Float32Array {
  const alongRows = jaroszWindow(width, SIDE);
  const alongCols = jaroszWindow(height, SIDE);
  for (let pass = 0; pass < 2; pass++) {
    boxHorizontal(image, width, height, alongRows);
    boxVertical(image, width, height, alongCols);
  }
  const out = new Float32Array(SIDE * SIDE);
  for (let i = 0; i < SIDE; i++) {
    const y = Math.floor(((i + 0.5) * height) / SIDE);
    for (let j = 0; j < SIDE; j++) {
      const x = Math.floor(((j + 0.5) * width) / SIDE);
      out[i * SIDE + j] = image[y * width + x]!;
    }
  }
  return out;
}

/**
 * Span of the box of length `window` around a sample: `before` samples before it and `after`
 * after it (an even window leans forward: 2 → 0 before, 1 after; 3 → 1 and 1; 4 → 1 and 2).
 * Near the edges the box is cut short and the mean taken over what remains.
 */
function span(window: number): { before: number; after: number } {
  const half = Math.floor((window + 2) / 2);
  return { before: window - half, after: half - 1 };
}

/** In place: mean over a sliding box along each row (reading from a copy of the row). */
function boxHorizontal(image: Float32Array, width: number, height: number, window: number) {
  const { before, after } = span(window);
  const src = new Float32Array(width);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    src.set(image.subarray(row, row + width));
    let sum = 0;
    for (let x = 0; x <= Math.min(after, width - 1); x++) sum += src[x]!;
    for (let x = 0; x < width; x++) {
      const first = Math.max(0, x - before);
      const last = Math.min(width - 1, x + after);
      image[row + x] = sum / (last - first + 1);
      if (x + after + 1 < width) sum += src[x + after + 1]!;
      if (x - before >= 0) sum -= src[x - before]!;
    }
  }
}

/**
 * In place: mean over a sliding box down each column, walking whole rows (cache friendly).
 * Rows ahead of y are still original; the `before + 1` original rows behind it that the sums
 * still have to subtract are kept in a ring.
 */
function boxVertical(image: Float32Array, width: number, height: number, window: number) {
  const { before, after } = span(window);
  const sums = new Float64Array(width);
  const ringRows = before + 1;
  const ring = new Float32Array(ringRows * width);
  for (let y = 0; y <= Math.min(after, height - 1); y++) addRow(sums, image, y * width, 1);
  for (let y = 0; y < height; y++) {
    const row = y * width;
    ring.set(image.subarray(row, row + width), (y % ringRows) * width);
    const first = Math.max(0, y - before);
    const last = Math.min(height - 1, y + after);
    const scale = 1 / (last - first + 1);
    for (let x = 0; x < width; x++) image[row + x] = sums[x]! * scale;
    if (y + after + 1 < height) addRow(sums, image, (y + after + 1) * width, 1);
    if (y - before >= 0) addRow(sums, ring, ((y - before) % ringRows) * width, -1);
  }
}

function addRow(sums: Float64Array, src: Float32Array, start: number, sign: 1 | -1) {
  for (let x = 0; x < sums.length; x++) sums[x]! += sign * src[start + x]!;
}

/** Quality 0–100 from the gradients of the 64×64 image. */
export function pdqQuality(small: Float32Array): number {
  let sum = 0;
  for (let i = 0; i < SIDE - 1; i++) {
    for (let j = 0; j < SIDE; j++) {
      sum += Math.abs(Math.trunc(((small[i * SIDE + j]! - small[(i + 1) * SIDE + j]!) * 100) / 255));
    }
  }
  for (let i = 0; i < SIDE; i++) {
    for (let j = 0; j < SIDE - 1; j++) {
      sum += Math.abs(Math.trunc(((small[i * SIDE + j]! - small[i * SIDE + j + 1]!) * 100) / 255));
    }
  }
  return Math.min(100, Math.floor(sum / 90));
}

/** D[i][j] = sqrt(2/64) · cos(π/128 · (i + 1) · (2j + 1)), 16 rows × 64 columns. */
const DCT = (() => {
  const d = new Float64Array(KEEP * SIDE);
  const scale = Math.sqrt(2 / SIDE);
  for (let i = 0; i < KEEP; i++) {
    for (let j = 0; j < SIDE; j++)
      d[i * SIDE + j] = scale * Math.cos((Math.PI / (2 * SIDE)) * (i + 1) * (2 * j + 1));
  }
  return d;
})();

/** B = D · A · Dᵀ: the 16×16 low-frequency DCT block (row-major) of a 64×64 image. */
export function dct16(small: Float32Array): Float64Array {
  const t = new Float64Array(KEEP * SIDE); // T = D · A, 16 × 64
  for (let i = 0; i < KEEP; i++) {
    for (let k = 0; k < SIDE; k++) {
      const dik = DCT[i * SIDE + k]!;
      const rowA = k * SIDE;
      const rowT = i * SIDE;
      for (let j = 0; j < SIDE; j++) t[rowT + j]! += dik * small[rowA + j]!;
    }
  }
  const b = new Float64Array(KEEP * KEEP); // B = T · Dᵀ, 16 × 16
  for (let i = 0; i < KEEP; i++) {
    for (let j = 0; j < KEEP; j++) {
      let sum = 0;
      for (let k = 0; k < SIDE; k++) sum += t[i * SIDE + k]! * DCT[j * SIDE + k]!;
      b[i * KEEP + j] = sum;
    }
  }
  return b;
}

/** Bit k set when coefficient k is above the median (the 128th smallest of the 256). */
export function hashFromDct(coefficients: Float64Array): string {
  if (coefficients.length !== PDQ_BITS) throw new RangeError(`expected ${PDQ_BITS} coefficients`);
  const sorted = Float64Array.from(coefficients).sort();
  const median = sorted[PDQ_BITS / 2 - 1]!;
  const bits = new Uint8Array(PDQ_BITS);
  for (let k = 0; k < PDQ_BITS; k++) bits[k] = coefficients[k]! > median ? 1 : 0;
  return bitsToHex(bits);
}

function checkSize(width: number, height: number) {
  if (!Number.isInteger(width) || !Number.isInteger(height) || width < 1 || height < 1) {
    throw new RangeError(`bad image size ${width}×${height}`);
  }
}
