/**
 * M2: images are re-encoded with sharp: EXIF orientation applied, then every piece of metadata
 * (EXIF, GPS, XMP, IPTC, ICC, comments) dropped — sharp writes none unless asked — the size
 * capped, and a still thumbnail made. The header is read first, so a decompression bomb (a tiny
 * file declaring 50,000 × 50,000 pixels) is refused before any pixel is decoded.
 */
import sharp from 'sharp';
import { SalonError } from '../../errors.js';
import type { ImageFormat } from './types.js';

export interface ImageLimits {
  maxPixels: number;
  maxFrames: number;
  maxSide: number;
}

export interface ProcessedImage {
  width: number;
  height: number;
  size: number;
  /** Still preview, WebP. */
  thumbnail: Buffer;
}

export const THUMB_SIDE = 320;

function corrupt(): SalonError {
  return new SalonError('MEDIA_CORRUPT', 'This image is damaged or incomplete and cannot be read.');
}

export async function processImage(
  input: string,
  output: string,
  format: ImageFormat,
  limits: ImageLimits,
): Promise<ProcessedImage> {
  let meta: sharp.Metadata;
  try {
    meta = await sharp(input, { limitInputPixels: false }).metadata();
  } catch {
    throw corrupt();
  }
  const width = meta.width ?? 0;
  const frameHeight = meta.pageHeight ?? meta.height ?? 0;
  const frames = meta.pages ?? 1;
  if (width <= 0 || frameHeight <= 0) throw corrupt();
  if (width * frameHeight * frames > limits.maxPixels || frames > limits.maxFrames) {
    throw new SalonError(
      'MEDIA_DIMENSIONS',
      `This image has too many pixels or frames (at most ${Math.round(limits.maxPixels / 1e6)} million pixels).`,
    );
  }
  const animated = frames > 1 && (format === 'gif' || format === 'webp');
  // 'error' refuses truncated and corrupt data rather than serving a half-decoded picture.
  const options: sharp.SharpOptions = { failOn: 'error', limitInputPixels: limits.maxPixels, animated };
  try {
    let pipeline = sharp(input, options);
    if (!animated) pipeline = pipeline.rotate();
    pipeline = pipeline.resize({
      width: limits.maxSide,
      height: limits.maxSide,
      fit: 'inside',
      withoutEnlargement: true,
    });
    switch (format) {
      case 'jpeg':
        pipeline = pipeline.jpeg({ quality: 85 });
        break;
      case 'png':
        pipeline = pipeline.png();
        break;
      case 'webp':
        pipeline = pipeline.webp({ quality: 85 });
        break;
      case 'gif':
        pipeline = pipeline.gif();
        break;
    }
    const info = await pipeline.toFile(output);
    const thumbnail = await sharp(output, { failOn: 'error', pages: 1 })
      .resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: 'inside', withoutEnlargement: true })
      .webp({ quality: 75 })
      .toBuffer();
    const height = animated && info.pageHeight ? info.pageHeight : info.height;
    return { width: info.width, height, size: info.size, thumbnail };
  } catch (error) {
    if (error instanceof SalonError) throw error;
    throw corrupt();
  }
}

/** A WebP thumbnail of a still frame (video posters). */
export async function thumbnailOf(frame: Buffer): Promise<Buffer> {
  return sharp(frame, { failOn: 'error' })
    .resize({ width: THUMB_SIDE, height: THUMB_SIDE, fit: 'inside', withoutEnlargement: true })
    .webp({ quality: 75 })
    .toBuffer();
}
