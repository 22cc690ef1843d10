import { MEDIA_KINDS } from '@salon/protocol';
import type { MediaKind, MediaOptions } from '@salon/protocol';

/**
 * Why a file is refused before anything is sent (M1). The server judges the bytes anyway;
 * this only spares the user a long upload bound to fail.
 */
export type AttachProblem =
  | { code: 'MEDIA_TOO_LARGE'; name: string; size: number; kind: MediaKind | null; maxBytes: number }
  | { code: 'MEDIA_UNAVAILABLE'; name: string; kind: MediaKind }
  | { code: 'OPTIONS_UNKNOWN' }
  | { code: 'TEXT_TOO_LONG' };

/** The kind the browser guesses from the file's type (its name); null when it cannot tell. */
export function kindOfType(type: string): MediaKind | null {
  const major = type.split('/')[0]?.toLowerCase() ?? '';
  return (MEDIA_KINDS as readonly string[]).includes(major) ? (major as MediaKind) : null;
}

export function enabledKinds(options: MediaOptions): MediaKind[] {
  return MEDIA_KINDS.filter((kind) => options.kinds[kind].enabled);
}

/** Kinds the server cannot take (video and audio without ffmpeg): the UI says so. */
export function unavailableKinds(options: MediaOptions): MediaKind[] {
  return MEDIA_KINDS.filter((kind) => !options.kinds[kind].enabled);
}

/** The file picker's `accept`: the server's list, without the kinds it cannot take. */
export function acceptFor(options: MediaOptions): string {
  return options.accept
    .filter((type) => {
      const kind = kindOfType(type);
      return kind === null || options.kinds[kind].enabled;
    })
    .join(',');
}

/** Checks a picked file against the server's limits before uploading it. */
export function checkFile(
  options: MediaOptions,
  file: { size: number; type: string },
  name: string,
): AttachProblem | null {
  const kind = kindOfType(file.type);
  if (kind !== null && !options.kinds[kind].enabled) return { code: 'MEDIA_UNAVAILABLE', name, kind };
  // Type unknown here: the largest limit; the server tells the type from the bytes.
  const maxBytes =
    kind === null
      ? Math.max(0, ...enabledKinds(options).map((k) => options.kinds[k].maxBytes))
      : options.kinds[kind].maxBytes;
  if (file.size > maxBytes) return { code: 'MEDIA_TOO_LARGE', name, size: file.size, kind, maxBytes };
  return null;
}
