/**
 * T11: the retention purge. Chat messages older than `privacy.chatRetention` (30 days by
 * default) and authors' addresses older than `privacy.addressRetention` (365 days) are deleted;
 * the frozen evidence of closed cases goes after the chat retention too. What an open case or a
 * case under legal hold (T10) refers to is kept.
 */
import type { Clock } from '../clock.js';
import type { Config } from '../config/schema.js';
import type { Store } from '../store/index.js';
import { seqsByRoom } from '../store/message-keys.js';
import type { Evidence } from './reports.js';

export interface PurgeResult {
  messages: number;
  addresses: number;
  evidence: number;
}

export async function purgeExpired(
  store: Store,
  config: Readonly<Config>,
  clock: Clock,
): Promise<PurgeResult> {
  const now = clock.now();
  const kept = (await store.moderation.keptCases()).flatMap(
    (row) => (JSON.parse(row.evidence) as Evidence).messages,
  );
  const keep = seqsByRoom(kept);
  const messages = await store.messages.purge(now - config.privacy.chatRetention, keep);
  const addresses = await store.addresses.purge(now - config.privacy.addressRetention, keep);
  const evidence = await store.moderation.purgeEvidence(now - config.privacy.chatRetention);
  return { messages, addresses, evidence };
}
