/** A piece of a message text: always rendered as text, never as HTML (R5). */
export type TextPart =
  | { kind: 'text'; text: string }
  | { kind: 'link'; text: string; url: string }
  | { kind: 'mention'; text: string; nickname: string };

// http(s)://… or www.…, up to the first whitespace or character that cannot end a bare URL.
const LINK = /\b(?:https?:\/\/|www\.)[^\s<>"'`{}|\\^]+/giu;
// @nick where nick follows the nickname rule (E1), not preceded by a word character (e-mails).
const MENTION = /(?<![\p{L}\p{Nd}_.-])@([\p{L}\p{Nd}_.-]{2,20})/gu;
const TRAILING_PUNCTUATION = /[.,;:!?…»”’]+$/u;

/** Splits text into plain, link and mention parts; joining the parts' `text` gives the input back. */
export function splitText(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let index = 0;
  for (const match of text.matchAll(LINK)) {
    const start = match.index;
    const raw = trimLink(match[0]);
    const url = toUrl(raw);
    if (url === null) continue;
    if (start > index) parts.push(...splitMentions(text.slice(index, start)));
    parts.push({ kind: 'link', text: raw, url });
    index = start + raw.length;
  }
  if (index < text.length) parts.push(...splitMentions(text.slice(index)));
  return parts;
}

function splitMentions(text: string): TextPart[] {
  const parts: TextPart[] = [];
  let index = 0;
  for (const match of text.matchAll(MENTION)) {
    const start = match.index;
    const nickname = trimMention(match[1] ?? '');
    if (nickname.length < 2) continue;
    if (start > index) parts.push({ kind: 'text', text: text.slice(index, start) });
    parts.push({ kind: 'mention', text: `@${nickname}`, nickname });
    index = start + 1 + nickname.length;
  }
  if (index < text.length) parts.push({ kind: 'text', text: text.slice(index) });
  return parts;
}

/** Drops punctuation that ends a sentence rather than the URL, and an unbalanced closing bracket. */
function trimLink(raw: string): string {
  let link = raw;
  for (;;) {
    const before = link;
    link = link.replace(TRAILING_PUNCTUATION, '');
    for (const [open, close] of [
      ['(', ')'],
      ['[', ']'],
    ] as const) {
      if (link.endsWith(close) && count(link, open) < count(link, close)) link = link.slice(0, -1);
    }
    if (link === before) return link;
  }
}

function trimMention(nick: string): string {
  return nick.replace(/[.-]+$/u, '');
}

function count(text: string, char: string): number {
  return text.split(char).length - 1;
}

/** The http(s) URL a link part opens, or null if it is not a usable web address. */
function toUrl(raw: string): string | null {
  const candidate = /^www\./iu.test(raw) ? `https://${raw}` : raw;
  try {
    const url = new URL(candidate);
    if (url.protocol !== 'http:' && url.protocol !== 'https:') return null;
    if (url.hostname === '' || url.hostname === 'www.') return null;
    return url.href;
  } catch {
    return null;
  }
}

/** Whether a message mentions this nickname (case-insensitive). */
export function mentions(text: string, nickname: string): boolean {
  const wanted = nickname.toLocaleLowerCase();
  return splitText(text).some((p) => p.kind === 'mention' && p.nickname.toLocaleLowerCase() === wanted);
}
