import { LIMITS } from '@salon/protocol';
import { SalonError } from '../errors.js';

// Control characters other than tab and newline, and lone surrogates, are dropped from messages.
// eslint-disable-next-line no-control-regex
const CONTROL = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\ufeff]/g;

/**
 * R5: cleans a message text and checks its length (in characters, not UTF-16 units). An empty
 * text is allowed only as the caption of a file (`allowEmpty`), and then comes back as ''.
 * The text stays plain text: nothing here interprets HTML, which clients never render.
 */
export function cleanMessageText(raw: string, allowEmpty = false): string {
  const text = raw.toWellFormed().replace(CONTROL, '').replace(/\r\n?/g, '\n');
  if (text.trim() === '' && allowEmpty) return '';
  if (text.trim() === '') throw new SalonError('TEXT_EMPTY', 'The message is empty.');
  if ([...text].length > LIMITS.maxMessageChars) {
    throw new SalonError('TEXT_TOO_LONG', `A message has at most ${LIMITS.maxMessageChars} characters.`);
  }
  return text;
}
