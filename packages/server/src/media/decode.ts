/**
 * Image decoding for hashing (S1), done the way uploads are processed: EXIF orientation applied,
 * transparency flattened onto white, the first frame of an animation, 8-bit sRGB pixels.
 */
import { createHash } from 'node:crypto';
import sharp from 'sharp';

export interface DecodedImage {
  /** Interleaved 8-bit RGB, row-major, `width × height × 3` bytes. */
  data: Buffer;
  width: number;
  height: number;
}

/**
 * Default cap on decoded pixels; sharp refuses larger images. Hashing needs about 7 bytes per
 * pixel (RGB + float luminance), so 100 MP ≈ 700 MB in the worker at peak. The upload size
 * limits (M1) should refuse such files well before this.
 */
export const MAX_DECODE_PIXELS = 100_000_000;

/**
 * Decodes any image sharp reads (JPEG, PNG, WebP, GIF, AVIF, TIFF…) to raw RGB.
 * Rejects with sharp's error for bytes that are not a readable image.
 *
 * `failOn: 'error'` decodes images with recoverable defects (a truncated JPEG tail, a bad
 * checksum) rather than refusing them: such files still display in browsers, so they must be
 * hashed and matched like any other.
 */
export async function decodeImage(bytes: Uint8Array, maxPixels = MAX_DECODE_PIXELS): Promise<DecodedImage> {
  const input = Buffer.isBuffer(bytes)
    ? bytes
    : Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const { data, info } = await sharp(input, { failOn: 'error', limitInputPixels: maxPixels, pages: 1 })
    .rotate()
    .flatten({ background: '#ffffff' })
    .toColourspace('srgb')
    .raw({ depth: 'uchar' })
    .toBuffer({ resolveWithObject: true });
  if (info.channels !== 3) throw new Error(`decoded image has ${info.channels} channels, expected 3`);
  if (data.length !== info.width * info.height * 3) throw new Error('decoded image has an unexpected size');
  return { data, width: info.width, height: info.height };
}

/** SHA-256 of the original bytes, 64 lowercase hex digits. */
export function sha256(bytes: Uint8Array): string {
  return createHash('sha256').update(bytes).digest('hex');
}

/** MD5 of the original bytes, 32 lowercase hex digits (operator lists still use it). */
export function md5(bytes: Uint8Array): string {
  return createHash('md5').update(bytes).digest('hex');
}
