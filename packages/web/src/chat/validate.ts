import { LIMITS } from '@salon/protocol';

/** Length as the server counts it (R5): Unicode code points. */
export function messageLength(text: string): number {
  let n = 0;
  for (const _ of text) n += 1;
  return n;
}

/** The text to send, or why it cannot be sent. A file's caption (M1) may be empty. */
export function checkMessage(
  raw: string,
  allowEmpty = false,
): string | { error: 'TEXT_EMPTY' | 'TEXT_TOO_LONG' } {
  const text = raw.trim();
  if (text === '' && !allowEmpty) return { error: 'TEXT_EMPTY' };
  if (messageLength(text) > LIMITS.maxMessageChars) return { error: 'TEXT_TOO_LONG' };
  return text;
}
