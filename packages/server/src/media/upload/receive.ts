/**
 * M1: receives an upload as a stream, straight to a temporary file: never held whole in memory.
 * The type is judged from the first bytes (file-type), then the size is held to that type's
 * limit while the bytes arrive; SHA-256 and MD5 of the original bytes are computed on the way
 * (S1). Any failure removes the temporary file.
 */
import { createHash } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { rm } from 'node:fs/promises';
import type { Readable } from 'node:stream';
import { fileTypeFromBuffer } from 'file-type';
import { SalonError } from '../../errors.js';
import { acceptedType, type Accepted } from './types.js';

/** Bytes file-type needs to recognise every accepted type. */
const SNIFF_BYTES = 4100;

export interface Received {
  path: string;
  type: Accepted;
  size: number;
  sha256: string;
  md5: string;
}

export interface ReceiveOptions {
  /** Largest size for a type, or null when that kind is turned off (MEDIA_UNAVAILABLE). */
  maxBytes(type: Accepted): number | null;
}

export async function receiveUpload(
  source: Readable,
  path: string,
  options: ReceiveOptions,
): Promise<Received> {
  const sha = createHash('sha256');
  const md5 = createHash('md5');
  const out = createWriteStream(path, { flags: 'wx' });
  const outClosed = new Promise<void>((resolve, reject) => {
    out.once('close', resolve);
    out.once('error', reject);
  });
  let size = 0;
  let type: Accepted | null = null;
  let limit = Infinity;
  const head: Buffer[] = [];
  let headLength = 0;

  const write = async (chunk: Buffer) => {
    sha.update(chunk);
    md5.update(chunk);
    if (!out.write(chunk)) await new Promise<void>((resolve) => out.once('drain', resolve));
  };
  const decide = async () => {
    const sniffed = await fileTypeFromBuffer(Buffer.concat(head, headLength));
    const accepted = acceptedType(sniffed?.ext);
    if (!accepted) {
      throw new SalonError(
        'MEDIA_TYPE',
        'This kind of file cannot be sent: photos (JPEG, PNG, WebP, GIF), videos (MP4, WebM) and sounds (MP3, Ogg, M4A) only.',
      );
    }
    const max = options.maxBytes(accepted);
    if (max === null) {
      throw new SalonError('MEDIA_UNAVAILABLE', 'Videos and sounds cannot be sent on this server.');
    }
    type = accepted;
    limit = max;
  };

  try {
    for await (const data of source) {
      const chunk = Buffer.isBuffer(data) ? data : Buffer.from(data as Uint8Array);
      size += chunk.length;
      if (type === null) {
        head.push(chunk);
        headLength += chunk.length;
        if (headLength < SNIFF_BYTES) continue;
        await decide();
        for (const part of head.splice(0)) await write(part);
      } else {
        await write(chunk);
      }
      if (size > limit) throw tooLarge(limit);
    }
    if (type === null) {
      if (headLength === 0) throw new SalonError('MEDIA_CORRUPT', 'The file is empty.');
      await decide();
      for (const part of head.splice(0)) await write(part);
      if (size > limit) throw tooLarge(limit);
    }
    out.end();
    await outClosed;
    return {
      path,
      type: type as unknown as Accepted,
      size,
      sha256: sha.digest('hex'),
      md5: md5.digest('hex'),
    };
  } catch (error) {
    out.destroy();
    await outClosed.catch(() => undefined);
    await rm(path, { force: true });
    if (source.readable) source.resume(); // let the rest of the request drain
    if (error instanceof SalonError) throw error;
    if ((error as NodeJS.ErrnoException).code === 'ECONNRESET' || source.destroyed) {
      throw new SalonError('MEDIA_CORRUPT', 'The upload was interrupted.');
    }
    throw error;
  }
}

export function tooLarge(limit: number): SalonError {
  const mb = Math.floor((limit / 1_048_576) * 10) / 10;
  return new SalonError('MEDIA_TOO_LARGE', `This file is too large: at most ${mb} MB for this kind of file.`);
}
