/**
 * M1: the accepted file types, judged from the bytes (file-type's magic-number detection), and
 * what each becomes once processed (M2).
 */
import type { MediaKind } from '@salon/protocol';
import type { AvContainer } from '../av/index.js';

export type ImageFormat = 'jpeg' | 'png' | 'webp' | 'gif';

export type Accepted =
  | { kind: 'image'; format: ImageFormat; mime: string; ext: string }
  | { kind: 'video' | 'audio'; container: AvContainer; mime: string; ext: string };

/** Detected extension (file-type's `ext`) → what Salon accepts it as. Anything else: MEDIA_TYPE. */
const ACCEPTED: Record<string, Accepted> = {
  jpg: { kind: 'image', format: 'jpeg', mime: 'image/jpeg', ext: 'jpg' },
  png: { kind: 'image', format: 'png', mime: 'image/png', ext: 'png' },
  apng: { kind: 'image', format: 'png', mime: 'image/png', ext: 'png' },
  webp: { kind: 'image', format: 'webp', mime: 'image/webp', ext: 'webp' },
  gif: { kind: 'image', format: 'gif', mime: 'image/gif', ext: 'gif' },
  mp4: { kind: 'video', container: 'mp4', mime: 'video/mp4', ext: 'mp4' },
  m4v: { kind: 'video', container: 'mp4', mime: 'video/mp4', ext: 'mp4' },
  webm: { kind: 'video', container: 'webm', mime: 'video/webm', ext: 'webm' },
  mp3: { kind: 'audio', container: 'mp3', mime: 'audio/mpeg', ext: 'mp3' },
  ogg: { kind: 'audio', container: 'ogg', mime: 'audio/ogg', ext: 'ogg' },
  oga: { kind: 'audio', container: 'ogg', mime: 'audio/ogg', ext: 'ogg' },
  opus: { kind: 'audio', container: 'ogg', mime: 'audio/ogg', ext: 'ogg' },
  m4a: { kind: 'audio', container: 'm4a', mime: 'audio/mp4', ext: 'm4a' },
};

export function acceptedType(ext: string | undefined): Accepted | null {
  return (ext !== undefined && ACCEPTED[ext]) || null;
}

/** Content types for the file picker's `accept`, per kind. */
export const ACCEPT_BY_KIND: Record<MediaKind, string[]> = {
  image: ['image/jpeg', 'image/png', 'image/webp', 'image/gif'],
  video: ['video/mp4', 'video/webm'],
  audio: ['audio/mpeg', 'audio/ogg', 'audio/mp4', 'audio/x-m4a'],
};

/** What may be served, and how (M4): only these content types ever leave the server. */
export const SERVED_TYPES = new Set([
  'image/jpeg',
  'image/png',
  'image/webp',
  'image/gif',
  'video/mp4',
  'video/webm',
  'audio/mpeg',
  'audio/ogg',
  'audio/mp4',
]);
