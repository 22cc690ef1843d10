/**
 * T7: text normalisation for the risk-signal rules.
 *
 * The rules in detector.ts are written against the output of `normalizeForSignals`: lower-case
 * ASCII words separated by single spaces, accents and look-alike letters folded (fold.ts),
 * apostrophes unified to `'`, hyphens between letters read as spaces ("ajoute-moi" = "ajoute moi"),
 * letters repeated three times or more collapsed ("snaaap" = "snap"), and common SMS spellings
 * and abbreviations rewritten to one canonical word ("kel" = "quel", "ig" = "insta").
 * Digits and the separators used in phone numbers (space, dot, dash, brackets, `+`) are kept.
 *
 * Every expression here is linear in the input: no nested unbounded quantifiers.
 */
import { foldForFilter } from '../fold.js';

/**
 * SMS spellings and abbreviations, rewritten word by word (a "word" being a run of ASCII letters,
 * digits, `@` or `$`). Keys are already lower-case and folded.
 */
const WORDS: ReadonlyMap<string, string> = new Map([
  // French question words and pronouns
  ['kel', 'quel'],
  ['kell', 'quelle'],
  ['kelle', 'quelle'],
  ['kels', 'quels'],
  ['koi', 'quoi'],
  ['kwa', 'quoi'],
  ['ki', 'qui'],
  ['kan', 'quand'],
  ['kand', 'quand'],
  ['qd', 'quand'],
  ['c', "c'est"],
  ['cest', "c'est"],
  ['jte', 'je te'],
  ['jpeux', 'je peux'],
  ['jveux', 'je veux'],
  ['chui', 'je suis'],
  ['chuis', 'je suis'],
  ['jsuis', 'je suis'],
  ['jsui', 'je suis'],
  ['mwa', 'moi'],
  ['moa', 'moi'],
  ['twa', 'toi'],
  ['toa', 'toi'],
  ['mn', 'mon'],
  ['tn', 'ton'],
  ['ds', 'dans'],
  ['pr', 'pour'],
  ['ajt', 'ajoute'],
  // phone
  ['num', 'numero'],
  ['nmr', 'numero'],
  ['nmro', 'numero'],
  ['numeros', 'numero'],
  ['tph', 'telephone'],
  ['tel', 'tel'],
  // photos
  ['tof', 'photo'],
  ['tofs', 'photos'],
  ['toph', 'photo'],
  ['foto', 'photo'],
  ['fotos', 'photos'],
  ['nudez', 'nudes'],
  ['nudz', 'nudes'],
  ['noodz', 'nudes'],
  ['noods', 'nudes'],
  ['nudess', 'nudes'],
  ['webcam', 'cam'],
  // apps and platforms
  ['snapchat', 'snap'],
  ['snapshat', 'snap'],
  ['snp', 'snap'],
  ['sc', 'snap'],
  ['ig', 'insta'],
  ['insta', 'insta'],
  ['instagram', 'insta'],
  ['instagramm', 'insta'],
  ['wsp', 'whatsapp'],
  ['wsap', 'whatsapp'],
  ['wtsp', 'whatsapp'],
  ['wts', 'whatsapp'],
  ['whtsp', 'whatsapp'],
  ['whatsap', 'whatsapp'],
  ['whatapp', 'whatsapp'],
  ['watsap', 'whatsapp'],
  ['watsapp', 'whatsapp'],
  ['whattsapp', 'whatsapp'],
  ['fb', 'facebook'],
  ['fcb', 'facebook'],
  ['telegramme', 'telegram'],
  ['tlgrm', 'telegram'],
  ['tgram', 'telegram'],
  ['tiktok', 'tiktok'],
  // English
  ['u', 'you'],
  ['ur', 'your'],
  ['yr', 'your'],
  ['r', 'are'],
  ['ru', 'are you'],
  ['wat', 'what'],
  ['wut', 'what'],
  ['wht', 'what'],
  ['whats', 'what is'],
  ['wats', 'what is'],
  ['wuts', 'what is'],
  ['lets', "let's"],
  ['pls', 'please'],
  ['plz', 'please'],
  ['gimme', 'give me'],
  ['lemme', 'let me'],
  ['hmu', 'hit me up'],
  ['addy', 'address'],
  ['addr', 'address'],
  ['skool', 'school'],
  ['skul', 'school'],
]);

/** Digits and symbols typed for letters, undone only when the result is one of these keywords. */
const LEET: ReadonlyMap<string, string> = new Map([
  ['0', 'o'],
  ['1', 'i'],
  ['3', 'e'],
  ['4', 'a'],
  ['5', 's'],
  ['7', 't'],
  ['@', 'a'],
  ['$', 's'],
]);
const LEET_KEYWORDS: ReadonlySet<string> = new Set([
  'snap',
  'snapchat',
  'insta',
  'instagram',
  'whatsapp',
  'telegram',
  'discord',
  'photo',
  'photos',
  'pics',
  'nude',
  'nudes',
  'noods',
  'noodz',
  'numero',
  'adresse',
  'address',
  'selfie',
]);

const MARKS_AND_INVISIBLE = /[\p{M}\p{Cf}]/gu;
const APOSTROPHES = /[\u2018\u2019\u201a\u201b\u2032\u02bc\u02b9\u00b4`]/g;
const CONTROLS = /\p{Cc}/gu;
const NON_ASCII = /[^\p{ASCII}]/gu;
const LETTER = /^\p{L}$/u;
const DASHES = /^[\u2010-\u2015\u2212\ufe58\ufe63\uff0d]$/u;
const HYPHEN_BETWEEN_LETTERS = /(?<=[a-z])-(?=[a-z])/g;
const LONG_RUNS = /([a-z])\1{2,}/g;
const LETTER_O_BEFORE_DIGIT = /\bo(?=[ .-]?\d)/g;
const WORD = /[a-z0-9@$]+/g;
const HAS_LETTER = /[a-z]/;
const HAS_LEET = /[0-9@$]/;
const LEET_CHAR = /[0-9@$]/g;
const SPACES = / {2,}/g;

/** Folded images of non-ASCII letters (bounded cache; letters are few). */
const letterCache = new Map<string, string>();
const LETTER_CACHE_LIMIT = 4096;

function foldChar(ch: string): string {
  if (DASHES.test(ch)) return '-';
  if (!LETTER.test(ch)) return ' ';
  let folded = letterCache.get(ch);
  if (folded === undefined) {
    folded = foldForFilter(ch) || ' ';
    if (letterCache.size >= LETTER_CACHE_LIMIT) letterCache.clear();
    letterCache.set(ch, folded);
  }
  return folded;
}

function rewriteWord(word: string, offset: number, whole: string): string {
  // "c'est", "t'as": a word cut by an apostrophe is left as typed.
  if (whole.charAt(offset + word.length) === "'") return word;
  const known = WORDS.get(word);
  if (known !== undefined) return known;
  if (word.length >= 4 && HAS_LETTER.test(word) && HAS_LEET.test(word)) {
    const unleet = word.replace(LEET_CHAR, (ch) => LEET.get(ch) ?? ch);
    if (LEET_KEYWORDS.has(unleet)) return WORDS.get(unleet) ?? unleet;
  }
  return word;
}

/** T7: the normal form the signal rules are matched against (see the module comment). */
export function normalizeForSignals(text: string): string {
  return text
    .normalize('NFKD')
    .replace(MARKS_AND_INVISIBLE, '')
    .toLowerCase()
    .replace(APOSTROPHES, "'")
    .replace(CONTROLS, ' ')
    .replace(NON_ASCII, foldChar)
    .replace(HYPHEN_BETWEEN_LETTERS, ' ')
    .replace(LONG_RUNS, '$1')
    .replace(LETTER_O_BEFORE_DIGIT, '0')
    .replace(WORD, rewriteWord)
    .replace(SPACES, ' ')
    .trim();
}
