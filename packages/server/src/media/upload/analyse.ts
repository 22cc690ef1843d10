/**
 * S1, S2 on processed media: PDQ of each still (the served image, or sampled video frames),
 * matched with the SHA-256 and MD5 of the original bytes against the operator's hash lists;
 * the nudity classifier on each still. Hashing and classification run in worker threads.
 */
import type { Classifier } from '../nsfw/classifier.js';
import type { Hasher } from '../hasher.js';
import type { HashLists, ListMatch } from '../hash-lists.js';

export interface Analysis {
  /** The first list match, or null when clean. */
  match: ListMatch | null;
  /** PDQ (and quality) of the first still; null for audio. */
  pdq: { hex: string; quality: number } | null;
  explicit: boolean;
}

export interface AnalyseDeps {
  hasher: Hasher;
  classifier: Classifier;
  hashLists: HashLists;
}

export async function analyse(
  deps: AnalyseDeps,
  original: { sha256: string; md5: string },
  stills: readonly Buffer[],
): Promise<Analysis> {
  const exact = deps.hashLists.matchAll({ ...original, pdq: '0'.repeat(64), quality: 0 });
  const [hashes, verdicts] = await Promise.all([
    Promise.all(stills.map((still) => deps.hasher.hashImage(still))),
    Promise.all(stills.map((still) => deps.classifier.classify(still))),
  ]);
  let match = exact;
  for (const h of hashes) {
    if (match) break;
    match = deps.hashLists.matchAll({ ...original, pdq: h.pdq, quality: h.quality });
  }
  const first = hashes[0];
  return {
    match,
    pdq: first ? { hex: first.pdq, quality: first.quality } : null,
    explicit: verdicts.some((v) => v.explicit),
  };
}
