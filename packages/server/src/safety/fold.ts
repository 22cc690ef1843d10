/**
 * Text folding for matching (E1 nickname uniqueness, E4/T6 word filters).
 * Both sides of a comparison are folded the same way, so the exact images chosen below only need
 * to be consistent, not pretty.
 */

/** Letters from other scripts that look like Latin ones (a small, common subset). */
const CONFUSABLES: Record<string, string> = {
  // Cyrillic
  а: 'a',
  в: 'b',
  е: 'e',
  ё: 'e',
  к: 'k',
  м: 'm',
  н: 'h',
  о: 'o',
  р: 'p',
  с: 'c',
  т: 't',
  у: 'y',
  х: 'x',
  ѕ: 's',
  і: 'i',
  ї: 'i',
  ј: 'j',
  ԁ: 'd',
  ԛ: 'q',
  ԝ: 'w',
  ү: 'y',
  һ: 'h',
  ӏ: 'l',
  // Greek
  α: 'a',
  β: 'b',
  ε: 'e',
  η: 'n',
  ι: 'i',
  κ: 'k',
  ν: 'v',
  ο: 'o',
  ρ: 'p',
  τ: 't',
  υ: 'u',
  χ: 'x',
  ω: 'w',
  ζ: 'z',
  // Latin look-alikes that NFKD keeps apart
  ı: 'i',
  ł: 'l',
  ø: 'o',
  đ: 'd',
  ħ: 'h',
  ŧ: 't',
  ß: 'ss',
  æ: 'ae',
  œ: 'oe',
  ð: 'd',
  þ: 'p',
};

/** Digits and symbols commonly typed in place of letters ("l0lita"). */
const SUBSTITUTIONS: Record<string, string> = {
  '0': 'o',
  '!': 'i',
  '3': 'e',
  '€': 'e',
  '4': 'a',
  '@': 'a',
  '5': 's',
  $: 's',
  '7': 't',
  '+': 't',
  '8': 'b',
  '9': 'g',
  '6': 'g',
  '2': 'z',
};

function baseLetters(text: string): string[] {
  return [...text.normalize('NFKD').replace(/\p{M}/gu, '').toLowerCase()].map((ch) => CONFUSABLES[ch] ?? ch);
}

/**
 * E1: the key under which nicknames must be unique: case, accents and look-alike letters folded,
 * `0`→o and `1`/`l`→i, separators ignored. "Anna", "ANNA", "Аnna" (Cyrillic А) and "Ann.a" collide.
 */
export function nicknameKey(nickname: string): string {
  return baseLetters(nickname)
    .map((ch) => (ch === '0' ? 'o' : ch === '1' || ch === 'l' ? 'i' : ch))
    .filter((ch) => !/[_.\-\s]/.test(ch))
    .join('')
    .replace(/rn/g, 'm')
    .replace(/vv/g, 'w');
}

function fold(text: string, one: 'i' | 'l'): string {
  const letters = baseLetters(text)
    .map((ch) => (ch === '1' || ch === '|' ? one : (SUBSTITUTIONS[ch] ?? ch)))
    .filter((ch) => /[\p{L}\p{N}]/u.test(ch));
  return letters.filter((ch, i) => i === 0 || ch !== letters[i - 1]).join('');
}

/**
 * E4/T6: folds text for word filters: case, accents, look-alikes and common substitutions
 * (`0`→o, `3`→e, `4`/`@`→a…); separators dropped; runs of one letter collapse ("looolita" =
 * "lolita"). `1` reads as `i` here; see foldVariants for the `l` reading.
 */
export function foldForFilter(text: string): string {
  return fold(text, 'i');
}

/** The folded readings of a text: `1` and `|` stand for `i` or for `l`. */
export function foldVariants(text: string): string[] {
  const asI = fold(text, 'i');
  const asL = fold(text, 'l');
  return asI === asL ? [asI] : [asI, asL];
}

/** Splits text into folded words, in every reading (for whole-word entries). */
export function foldWords(text: string): string[] {
  return text
    .split(/[\s,;:?'"()[\]{}<>/\\]+/u)
    .flatMap(foldVariants)
    .filter((word) => word.length > 0);
}
