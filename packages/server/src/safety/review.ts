import type { Clock } from '../clock.js';
import type { Bus } from '../cluster/bus.js';
import type { SessionRow, Store } from '../store/index.js';
import type { SafetyLists } from './lists.js';
import { ageGapSignal, detectSignals, type SignalName } from './signals/detector.js';

/** One alert per kind and message: the id says which, so a retry cannot record it twice. */
function alertId(kind: string, roomId: string, seq: number): string {
  return `${kind}.${roomId}.${seq}`;
}

export interface StoredMessage {
  author: SessionRow;
  /** Room or conversation id. */
  roomId: string;
  seq: number;
  text: string;
}

/**
 * T6: a stored message containing a word of the operator's flag list is delivered as usual and
 * flagged for staff (a `word_flag` moderation alert). Returns the word, or null.
 */
export async function flagWords(
  deps: { store: Store; lists: SafetyLists; clock: Clock },
  message: StoredMessage,
): Promise<string | null> {
  const word = deps.lists.flagged(message.text);
  if (word === null) return null;
  const { roomId, seq } = message;
  await deps.store.moderation.addAlert({
    id: alertId('word_flag', roomId, seq),
    kind: 'word_flag',
    user_id: message.author.id,
    details: JSON.stringify({ roomId, seq, word }),
    created_at: deps.clock.now(),
  });
  return word;
}

export interface ConversationMessage extends StoredMessage {
  /** The other person in the conversation. */
  peerId: string;
  /** Whether the message reached the other person (an ignored request does not). */
  delivered: boolean;
  /** The conversation's first message: the age gap is looked at then, and whenever other signals fire. */
  first: boolean;
}

/**
 * T7: risk signals of one stored private message. When any fires, a `risk_signal` moderation alert
 * names the sender for human review, and a `safety.notice` goes to who should be careful: the
 * recipient for what the message says (a meeting proposal, a request for photos…), the younger
 * person for an age gap. Signals never refuse or restrict anything. Returns the signals.
 */
export async function raiseSignals(
  deps: { store: Store; bus: Bus; clock: Clock },
  message: ConversationMessage,
): Promise<SignalName[]> {
  const { author, roomId: conversationId, seq, peerId } = message;
  const said: SignalName[] = detectSignals(message.text);
  let gapNotice: string | null = null;
  if (message.first || said.length > 0) {
    const peer = await deps.store.sessions.byId(peerId);
    if (peer && ageGapSignal(author.age, peer.age)) gapNotice = peer.age < author.age ? peerId : author.id;
  }
  const signals: SignalName[] = gapNotice === null ? said : ['age_gap', ...said];
  if (signals.length === 0) return signals;
  await deps.store.moderation.addAlert({
    id: alertId('risk_signal', conversationId, seq),
    kind: 'risk_signal',
    user_id: author.id,
    details: JSON.stringify({ conversationId, seq, signals }),
    created_at: deps.clock.now(),
  });
  const notices = new Map<string, string[]>();
  if (gapNotice !== null && (gapNotice === author.id || message.delivered))
    notices.set(gapNotice, ['age_gap']);
  if (said.length > 0 && message.delivered) notices.set(peerId, [...(notices.get(peerId) ?? []), ...said]);
  for (const [userId, list] of notices) {
    deps.bus.publishToUser({ userId, event: { type: 'safety.notice', conversationId, signals: list } });
  }
  return signals;
}
