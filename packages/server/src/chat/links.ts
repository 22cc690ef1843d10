/** Something that reads as a link: a scheme, "www.", or a name under a common top-level domain. */
const LINK = new RegExp(
  [
    String.raw`\b[a-z][a-z0-9+.-]*:\/\/\S`,
    String.raw`\bwww\.\S`,
    String.raw`\b[a-z0-9-]+(?:\.[a-z0-9-]+)*\.(?:com|fr|net|org|io|me|ly|gg|app|be|ch|de|eu|co|uk|info|biz|xyz|tv|link|site|online|club|shop|live|chat|to|cc|ru|gl)\b`,
  ].join('|'),
  'i',
);

/** P1: true when a text contains a link (requests are text only). */
export function containsLink(text: string): boolean {
  return LINK.test(text.normalize('NFKC'));
}
