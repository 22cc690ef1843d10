/**
 * M1: an upload that is a valid image *and* something else a browser or tool would run or open
 * (an HTML page, a script, a PHP file, a ZIP/JAR archive, a PDF) is refused as a polyglot. The
 * re-encoding (M2) would drop such a payload anyway; refusing says clearly what happened.
 *
 * Markers are long enough (6+ bytes, or a structurally checked ZIP end record) that the
 * compressed pixel data of a genuine photo practically never contains one by chance.
 */
import { open } from 'node:fs/promises';

const TEXT_MARKERS = [
  '<script',
  '<?php',
  '<html',
  '<body',
  '<iframe',
  '<object',
  '<embed',
  '<!doctype',
  '%pdf-',
];
/** A marker must be followed by one of these for `<html`, `<body`, `<?php`, `%pdf-` (short ones). */
const FOLLOWERS = new Set([0x20, 0x09, 0x0a, 0x0d, 0x3e, 0x2f]);
const NEEDS_FOLLOWER = new Set(['<html', '<body', '<?php']);

const CHUNK = 1 << 20;
const OVERLAP = 16;

function lower(byte: number): number {
  return byte >= 0x41 && byte <= 0x5a ? byte | 0x20 : byte;
}

function markerAt(buf: Buffer, i: number): string | null {
  if (buf[i] !== 0x3c && buf[i] !== 0x25) return null; // '<' or '%'
  for (const marker of TEXT_MARKERS) {
    if (i + marker.length > buf.length) continue;
    let ok = true;
    for (let k = 0; k < marker.length && ok; k++) ok = lower(buf[i + k]!) === marker.charCodeAt(k);
    if (!ok) continue;
    if (marker === '%pdf-') {
      // "%PDF-1.7" or "%PDF-2.0": a digit, a dot, a digit.
      const d = buf.subarray(i + 5, i + 8).toString('latin1');
      if (!/^\d\.\d$/.test(d)) continue;
    } else if (NEEDS_FOLLOWER.has(marker)) {
      const next = buf[i + marker.length];
      if (next === undefined || !FOLLOWERS.has(next)) continue;
    }
    return marker;
  }
  return null;
}

/** The ZIP end-of-central-directory record, checked against the file's length. */
function zipEnd(tail: Buffer, fileSize: number): boolean {
  for (let i = tail.length - 22; i >= 0; i--) {
    if (tail[i] !== 0x50 || tail[i + 1] !== 0x4b || tail[i + 2] !== 0x05 || tail[i + 3] !== 0x06) continue;
    const commentLength = tail.readUInt16LE(i + 20);
    if (i + 22 + commentLength !== tail.length) continue;
    const cdSize = tail.readUInt32LE(i + 12);
    const cdOffset = tail.readUInt32LE(i + 16);
    const recordAt = fileSize - tail.length + i;
    if (cdOffset + cdSize <= recordAt) return true;
  }
  return false;
}

/** Returns what else the file looks like ('zip', '<script', …), or null for a plain image. */
export async function polyglotMarker(path: string): Promise<string | null> {
  const handle = await open(path, 'r');
  try {
    const { size } = await handle.stat();
    const buf = Buffer.alloc(CHUNK + OVERLAP);
    let carried = 0;
    for (let position = 0; position < size;) {
      const { bytesRead } = await handle.read(buf, carried, CHUNK, position);
      if (bytesRead === 0) break;
      const end = carried + bytesRead;
      const view = buf.subarray(0, end);
      for (let i = 0; i < end; i++) {
        const found = markerAt(view, i);
        if (found) return found;
      }
      position += bytesRead;
      carried = Math.min(OVERLAP, end);
      buf.copy(buf, 0, end - carried, end);
    }
    const tailLength = Math.min(size, 65_557);
    const tail = Buffer.alloc(tailLength);
    await handle.read(tail, 0, tailLength, size - tailLength);
    return zipEnd(tail, size) ? 'zip' : null;
  } finally {
    await handle.close();
  }
}
