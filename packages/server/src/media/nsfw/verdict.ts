/**
 * Shared between the nudity classifier (S2) and its worker: the model's classes, the verdict
 * handed to the upload pipeline, and the messages that cross the thread boundary.
 */

/** The five classes of the bundled MobileNetV2 model, in the order of its output. */
export const NUDITY_CLASSES = ['Drawing', 'Hentai', 'Neutral', 'Porn', 'Sexy'] as const;

export type NudityClass = (typeof NUDITY_CLASSES)[number];

/** One probability per class; the five sum to 1 (up to float rounding). */
export type NudityScores = Record<NudityClass, number>;

export interface NudityVerdict {
  explicit: boolean;
  scores: NudityScores;
  /** wall time in the worker, ms (decoding + inference, not queueing or the one-time model load) */
  ms: number;
}

/** Sent to the worker: the encoded image, in a buffer the worker owns. */
export interface ClassifyRequest {
  image: Uint8Array;
}

/** Sent back by the worker. */
export interface ClassifyResult {
  scores: NudityScores;
  ms: number;
}

export function zeroScores(): NudityScores {
  return { Drawing: 0, Hentai: 0, Neutral: 0, Porn: 0, Sexy: 0 };
}

/** `Porn + Hentai >= threshold` is explicit. */
export function isExplicit(scores: NudityScores, threshold: number): boolean {
  return scores.Porn + scores.Hentai >= threshold;
}
