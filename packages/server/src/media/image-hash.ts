/**
 * Everything S1 computes for one image: PDQ + quality of the decoded pixels and the SHA-256 and
 * MD5 of the file as uploaded. Runs on the calling thread; hasher.ts moves it to worker threads.
 */
import { decodeImage, md5, sha256 } from './decode.js';
import { pdqFromRgb } from './pdq.js';

export interface ImageHashes {
  pdq: string;
  quality: number;
  sha256: string;
  md5: string;
}

export async function hashImageBytes(bytes: Uint8Array): Promise<ImageHashes> {
  const image = await decodeImage(bytes);
  const { hash, quality } = pdqFromRgb(image.data, image.width, image.height, 3);
  return { pdq: hash, quality, sha256: sha256(bytes), md5: md5(bytes) };
}

/** What the pool sends a hash worker; `bytes` is transferred, not copied. */
export interface HashRequest {
  bytes: Uint8Array;
}
