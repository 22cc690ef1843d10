/**
 * T7: rule-based risk signals in private conversations (French and English).
 *
 * A signal raises a flag for human review (and, for some, a safety notice to the recipient,
 * P4); it never restricts anyone by itself. `age_gap` is a property of the conversation (the two
 * declared ages); every other signal is read from one message by `detectSignals`.
 *
 * Rules are matched against `normalizeForSignals(text)` (normalize.ts): lower-case, accents and
 * look-alikes folded, SMS spellings rewritten ("kel" → "quel", "ig" → "insta", "u" → "you"…),
 * hyphens between letters read as spaces. Each signal has a small table of patterns, one comment
 * per family. All patterns are compiled once, at load, and are linear in the input: every
 * repetition is bounded and no quantified group contains another unbounded quantifier.
 */
import { normalizeForSignals } from './normalize.js';

/** Signals read from one message, in the order `detectSignals` reports them. */
export const MESSAGE_SIGNAL_NAMES = [
  'move_platform',
  'phone_number',
  'photo_request',
  'meeting',
  'age_question',
  'address_question',
] as const;
export type MessageSignalName = (typeof MESSAGE_SIGNAL_NAMES)[number];

/** Every T7 signal: the conversation-level `age_gap`, then the message-level ones. */
export const SIGNAL_NAMES = ['age_gap', ...MESSAGE_SIGNAL_NAMES] as const;
export type SignalName = (typeof SIGNAL_NAMES)[number];

// ── age_gap ─────────────────────────────────────────────────────────────────────────────────

export interface AgeGapOptions {
  /** Age of majority: a declared age below it is a minor's. Default 18. */
  readonly adultAge?: number;
  /** A minor and an adult are flagged when the adult is at least this many years older. Default 1 (any such pair). */
  readonly minorAdultMinGap?: number;
  /** Young adults are `adultAge`…`youngAdultMaxAge` years old. Default 19. */
  readonly youngAdultMaxAge?: number;
  /** A young adult is flagged with someone at least this old. Default 30. */
  readonly youngAdultPartnerMinAge?: number;
}

export const AGE_GAP_DEFAULTS: Readonly<Required<AgeGapOptions>> = {
  adultAge: 18,
  minorAdultMinGap: 1,
  youngAdultMaxAge: 19,
  youngAdultPartnerMinAge: 30,
};

/**
 * T7 `age_gap`: the two declared ages straddle the age of majority with a large gap — a minor
 * (teen space, T12) talking with an adult, or a young adult (18–19 by default) with someone 30 or
 * older. Symmetric; false for ages that are not finite numbers.
 */
export function ageGapSignal(ageA: number, ageB: number, options: AgeGapOptions = {}): boolean {
  if (!Number.isFinite(ageA) || !Number.isFinite(ageB)) return false;
  const adultAge = options.adultAge ?? AGE_GAP_DEFAULTS.adultAge;
  const minorAdultMinGap = options.minorAdultMinGap ?? AGE_GAP_DEFAULTS.minorAdultMinGap;
  const youngAdultMaxAge = options.youngAdultMaxAge ?? AGE_GAP_DEFAULTS.youngAdultMaxAge;
  const partnerMinAge = options.youngAdultPartnerMinAge ?? AGE_GAP_DEFAULTS.youngAdultPartnerMinAge;
  const younger = Math.min(ageA, ageB);
  const older = Math.max(ageA, ageB);
  if (younger < adultAge) return older >= adultAge && older - younger >= minorAdultMinGap;
  return younger <= youngAdultMaxAge && older >= partnerMinAge;
}

// ── pattern building blocks ─────────────────────────────────────────────────────────────────

/** Compiles a pattern written with String.raw semantics (no flags: the input is already lower-case). */
function rx(strings: TemplateStringsArray, ...parts: readonly string[]): RegExp {
  return new RegExp(String.raw(strings, ...parts));
}

/** "tu as" and its spoken/SMS forms: t'as, tas, ta, t'a, as-tu. */
const TU_AS = String.raw`(?:tu as|tu a|t'?as|t'?a|as tu|a tu)`;
/** "tu es" and its spoken/SMS forms: t'es, tes, t'e, t. */
const TU_ES = String.raw`(?:tu es|tu et|t'?es|t'?est|t'?e|t)`;
/** Messaging apps whose name is not an everyday word. */
const APP_NAMED = String.raw`(?:snap|insta|whatsapp|telegram|discord|kik|facebook|messenger|tiktok|tik tok|skype|viber|wechat|twitter)`;
/** All messaging apps, including "signal", which only counts after an explicit "on/sur". */
const APP = String.raw`(?:${APP_NAMED}|signal)`;
/** "quel" and its spellings (including the common misspelling "qu'elle"). */
const QUEL = String.raw`(?:quel|quelle|qu'elle|qu'el)`;
/** Words for a photo or video. */
const MEDIA = String.raw`(?:photos?|pics?|pix|pictures?|images?|imgs?|selfies?|videos?|vids?|nudes?)`;
/** Optional determiner before MEDIA ("une", "des", "d'autres", "a", "some"…). */
const DET = String.raw`(?:(?:une|un|des|tes|ta|ton|la|les|encore|encore des|plus de|quelques|une autre|d'autres|a|an|some|more|your|another|a few|those|that|the|1|2|3|deux|trois) )?`;
/** Optional adjective before MEDIA. */
const ADJ = String.raw`(?:(?:petites?|petits?|autres?|jolies?|belles?|vraies?|nouvelles?|sexy|hot|coquines?|cute|naughty|private|spicy|real|recent|new|full body|body|face|nude|dirty|bikini|more|other) )?`;
/** Body parts, for "show me your …". */
const BODY = String.raw`(?:corps|seins?|poitrine|fesses?|cul|visage|tete|pieds?|jambes?|ventre|torse|bouche|culotte|string|soutif|sous vetements?|nichons|chatte|bite|body|boobs?|tits?|ass|butt|feet|legs?|face|chest|underwear|bra|panties|pussy|dick|cock)`;
/** Clothes, for "show me your outfit". */
const CLOTHES = String.raw`(?:tenue|tenues|outfit|outfits|maillot|bikini|lingerie|pyjama|jupe|skirt|dress|robe)`;
/** MEDIA followed by an object that is not the person ("la photo du menu", "pics of the venue"). */
const NOT_OF_THEM = String.raw`(?! (?:du|des|de la|de l'|d'un|d'une|de mon|de ma|de mes|de ce|de cette|de (?:ton|ta|tes) (?!${BODY}\b)|of (?:the|a|an|my|this|that|it|our|his|her|their|your (?!${BODY}\b))|to the|from the)\b)`;
/** A statement about someone else sending ("je t'envoie…", "I sent…") rather than a request. */
const NOT_A_STATEMENT = String.raw`(?<!\b(?:je|il|elle|ils|elles|i|he|she|they|we|i'll|i will|i can|i could|i just|gonna) (?:te |t'|vous |lui |leur |you |him |her |them )?)(?<!\bj'(?:te |t')?)`;
/** After "on se voit…": explicitly on the chat or online, so not a meeting. */
const ON_CHAT = String.raw`(?![^.?!,;]{0,30}\b(?:sur (?:le |la |ce |un |mon |ton )?(?:chat|salon|site|serveur|discord|jeu|stream|insta|snap|live|tchat|forum|appli|vocal)|dans (?:le |la |ce |mon |ton )?(?:salon|chat|vocal|jeu|partie|serveur)|en ligne|online|en vocal|in (?:the )?(?:chat|room|server|lobby|game|vc)|on (?:the )?(?:chat|server|discord|stream))\b)`;
/** After "meet": an everyday object rather than a person ("meet the deadline"). */
const EN_NOT_MEETING = String.raw`(?! (?:the|a|an|my|his|her|their|our|deadline|requirements|expectations|online|in game|in the (?:game|chat|room|server|lobby)|on (?:discord|the server|the chat|here))\b)`;
/** After "ton numéro": a number that is not a phone number ("de dossier", "préféré", "1"). */
const NOT_A_PHONE = String.raw`(?! (?:de (?!tel|telephone|portable|phone|mobile|fixe|port)|d'|du |des |prefere|favori|fetiche|porte bonheur|gagnant|un\b|1\b|\d))`;
/** Handle-like word: letters then at least one digit, dot or underscore ("kevin_du_77", "lily.x"). */
const HANDLE = String.raw`@?[a-z][a-z0-9]{0,20}[._0-9][a-z0-9._]{0,20}`;

// ── move_platform ───────────────────────────────────────────────────────────────────────────

const MOVE_PLATFORM: readonly RegExp[] = [
  // Add me / follow me / write me on an app: "ajoute-moi sur snap", "je t'ajoute sur facebook",
  // "suis-moi sur insta"
  rx`\b(?:r?ajoute|r?ajoutes|add)(?: moi)? (?:sur|en) ${APP}\b`,
  rx`\b(?:suis|contacte|ecris|parle|retrouve|rejoins|appelle|envoie|mets|met|accepte|demande) moi\b[^.?!]{0,15}?\b(?:sur|en|via|par) ${APP}\b`,
  // Joining their group or server: "rejoins mon serveur discord", "join my server"
  rx`\b(?:rejoins|rejoignez|rejoindre|viens sur|join|come to) (?:mon|ma|notre|my|our) (?:serveur|server|groupe|group|canal|channel|chaine|discord)\b`,
  // Continue the conversation elsewhere: "on continue sur insta", "on passe en privé sur tiktok",
  // "on parle ailleurs ?"
  rx`\b(?:on|viens|venez|allez|tu veux|tu preferes|je prefere|j'aime mieux|on peut|on pourrait|on va)(?: (?:se|s'|en|plutot))? ?(?:continue|continuer|parle|parler|discute|discuter|ecrit|ecrire|passe|passer|va|aller|tchate|chatte|bouge|bouger|retrouve|parles|pv|mp|prive)\b[^.?!]{0,20}?\b(?:sur|via|par|en) ${APP}\b`,
  rx`\b(?:on|viens|allez|tu veux)(?: se| s')? ?(?:continue|parle|discute|ecrit|passe|va|bouge)[a-z]{0,3}\b[^.?!]{0,20}?\b(?:ailleurs|sur une autre (?:app|appli|application|plateforme)|en dehors d'ici|hors du site)\b`,
  // Better on an app: "on serait mieux sur snap", "it's easier on whatsapp"
  rx`\b(?:mieux|plus simple|plus pratique|plus facile|plus tranquille|plus prive|better|easier|safer) (?:sur|on|via) ${APP_NAMED}\b`,
  // Sending or doing something on an app: "envoie une photo sur snap", "send me a selfie on snap"
  rx`\b(?:envoie|envoies|envoi|send|ecris|write|talk|chat|continue)\b[^.?!]{0,25}?\b(?:sur|on|via|par) ${APP_NAMED}\b`,
  // English: "add me on snapchat", "text me on whatsapp", "hit me up on insta", "dm me on ig"
  rx`\b(?:add|follow|text|txt|message|msg|dm|pm|call|find|contact|reach|hit|ping|write|talk to|chat with|email)(?: me| us)?(?: up)? (?:on|at|via|over|through|in) ${APP}\b`,
  // English proposals: "let's move this to telegram", "we should continue this on signal"
  rx`\b(?:let's|we (?:should|could|can)|can we|could we|shall we|wanna|want to|i'd rather)\b[^.?!]{0,40}?\b(?:on|to|over to|via|like) ${APP}\b`,
  rx`\b(?:let's|we (?:should|could|can)|can we|could we|wanna)\b[^.?!]{0,25}?\b(?:somewhere else|elsewhere|off (?:this|here)|another app|a different app|somewhere more private)\b`,
  // Do you have the app: "t'as un snap ?", "t'es sur kik ?", "do you have discord?", "u got snap?"
  rx`\b(?:${TU_AS}|tu aurais|t'?aurais|vous avez|${TU_ES} sur)(?: pas)? (?:un |une |le |ton |ta )?(?:compte )?${APP_NAMED}\b`,
  rx`\b(?:do you|you|have you|did you)(?: still)? (?:have|got|use|on|get) (?:a |an )?${APP_NAMED}\b`,
  // Asking for their handle: "passe ton insta", "c koi ton ig", "what's your telegram", "whats ur sc"
  rx`\b(?:ton|ta|votre|your)(?: (?:pseudo|compte|id|identifiant|nom|username|user|handle|numero|account))?(?: (?:sur|de|on)| d')? ?${APP_NAMED}\b`,
  // Giving one's handle: "mon snap c'est titou.93", "my snap is jake_2k7" (not "my snap is broken")
  rx`\b(?:mon|my)(?: (?:pseudo|compte|id|username|handle|account))?(?: (?:sur|de|on))? ${APP_NAMED}(?: (?:c'est|est|is|=|:)|:) ?(?!(?:bugue|bloque|casse|en panne|mort|nul|prive|down|broken|blocked|dead|private|bugged|hacked|pirate)\b)@?[a-z0-9][a-z0-9._]{1,30}`,
  // Handles written after an app name: "sc : lea_2009", "snap kevin_du_77", "@lea92 sur insta"
  rx`\b${APP_NAMED} ?(?::|=|->|>) ?@?[a-z0-9][a-z0-9._]{1,30}`,
  rx`\b${APP_NAMED} ${HANDLE}`,
  rx`(?:^|\s)@[a-z0-9._]{2,30} (?:sur|on) ${APP_NAMED}\b`,
  // Offering one's handle: "tu veux mon snap ?", "je te donne mon insta"
  rx`\b(?:tu veux|tu veux pas|want|wanna|you want|do you want|je te (?:donne|passe|file|envoie)|i'll give you|here's|here is|voici|voila) (?:mon|ma|my) ${APP_NAMED}\b`,
  // A handle shortly after an app name: "je suis sur snap si tu veux : mimi_75"
  rx`\b${APP_NAMED}\b[^.?!]{0,20}?: ?${HANDLE}`,
  // The app name alone as the whole message: "SNAPCHAT ???", "insta ?"
  rx`^(?:et |and )?(?:ton |your )?${APP_NAMED} ?[?!]{0,5}$`,
  // E-mail addresses given or asked: "écris-moi à lea@gmail.com", "c'est quoi ton adresse mail ?"
  rx`(?<![a-z0-9._%+-])[a-z0-9._%+-]{1,64}@[a-z0-9-]{1,63}\.[a-z0-9.-]{2,63}`,
  rx`\b(?:ton|ta|votre|your)(?: adresse)? (?:e ?mail|mail|gmail|hotmail|outlook|courriel)\b`,
];

// ── phone_number ────────────────────────────────────────────────────────────────────────────

const PHONE_NUMBER_TEXT: readonly RegExp[] = [
  // Asking for or giving the number: "donne-moi ton numéro", "ton 06 ?", "t'as un numéro ?",
  // "mon numéro c'est…" (not "ton numéro de dossier", "mon numéro préféré")
  rx`\b(?:ton|votre|${TU_AS} un|tu aurais un|t'?aurais un|mon|je te donne mon|voici mon) (?:numero|06|07|numero de (?:tel|telephone|portable|phone|mobile))\b${NOT_A_PHONE}`,
  rx`\b(?:donne|donnes|passe|passes|file|files|envoie|envoies|laisse|balance|ecris|je peux avoir|tu me donnes|c'est quoi|je veux|tu me passes|tu me files)(?: moi| me)? (?:ton|ta|votre) (?:tel|telephone|portable|phone|mobile|fixe|numero|06|07)\b${NOT_A_PHONE}`,
  // Phone calls and texts: "appelle-moi", "je peux t'appeler ?", "envoie-moi un sms"
  rx`\b(?:appelle|appel|apelle|rappelle|telephone|bipe|sms) moi(?: (?:au|ce soir|demain|quand|stp|svp|vite|maintenant|plus tard|des que|apres|a \d|sur|ce|tout de suite|si)\b| ?[?!.]|$)`,
  rx`\b(?:je peux|je pourrais|je vais|tu veux que je|laisse moi) (?:t'|te )(?:appeler|apeller|appeller|telephoner|envoyer un (?:sms|texto))\b`,
  rx`\bje (?:t'|te )(?:appelle|telephone)\b`,
  rx`\b(?:envoie|envoies|envoi|ecris|laisse)(?: moi| me)?(?: un| par| en)? (?:sms|texto)\b`,
  rx`\b(?:what is|what's|give me|send me|drop|can i (?:get|have)) your (?:cell|mobile|cell phone|portable)\b(?! (?:phone )?(?:model|brand|case|plan|provider|carrier|bill)\b)`,
  // Having a phone: "t'as un portable ?", "do you have a phone?"
  rx`\b(?:${TU_AS}|tu aurais|t'?aurais|do you have|you got) (?:un|ton|a|your) (?:portable|telephone|tel|phone|mobile|cell|cellphone)\b(?! (?:qui|de|pour (?:jouer|les jeux)|with)\b)`,
  // A number to reach them: "un numéro où je peux te joindre", "the best number to reach you"
  rx`\bnumero (?:ou|pour|sur lequel) (?:je peux |on peut )?(?:te |t')(?:joindre|appeler|contacter|ecrire)\b|\b(?:number|num|#) (?:to|i can|where i can|where i could) (?:reach|call|text|contact) you\b`,
  // English: "what's your number", "send me your number", "your digits" (not "your number one")
  rx`\byour (?:phone |cell |mobile |cell phone |telephone )?(?:number|num|#|digits)\b(?! (?:one|1|two|of|is up|is called|plate)\b)`,
  rx`\b(?:my|here's my|here is my) (?:phone |cell |mobile )?(?:number|num|#|digits|cell|mobile)(?: is|:| =| -)`,
  rx`\b(?:call|text|txt|ring) me (?:at|tonight|later|now|when|after|tomorrow)\b|\bgive me a (?:call|ring)\b|\bcan i (?:call|text) you\b`,
  // Digits spelled as words, starting with "zéro": "zéro six douze trente-quatre…"
  rx`\bzero(?: (?:et )?(?:zero|un|une|deux|trois|quatre|cinq|six|sept|huit|neuf|dix|onze|douze|treize|quatorze|quinze|seize|vingt|vingts|trente|quarante|cinquante|soixante|cent|one|two|three|four|five|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen|eighteen|nineteen|twenty|thirty|forty|fifty|sixty|seventy|eighty|ninety|oh|double|\d{1,2})\b){5,20}`,
];

/**
 * A run of digits that may be a phone number: an optional `+`, then 8 to 17 digits separated by
 * at most three of space, dot, dash or brackets ("06 12 34 56 78", "+1 (555) 123-4567"). Slashes
 * and colons are not separators, so dates and times never form a candidate.
 */
const PHONE_CANDIDATE = /\+?\d(?:[ .\-()]{0,3}\d){7,16}/g;
const NOT_DIGIT = /\D/g;
/** More digits right before or after a candidate: it is part of a longer run, not a phone number. */
const DIGITS_BEFORE = /\d[ .\-()]{0,3}$/;
const DIGITS_AFTER = /^[ .\-()]{0,3}\d/;
const ONE_DIGIT_REPEATED = /^(\d)\1+$/;
/** Counting, not a number: "0 1 2 3 4 5 6 7 8 9". */
const COUNTING = new Set(['0123456789', '01234567890']);
/** A reference number, not a phone: "numéro de série : 0612345678", "commande n° …". */
const REFERENCE_BEFORE =
  /\b(?:serie|commande|dossier|reference|ref|facture|client|suivi|colis|siret|siren|iban|order|invoice|tracking|serial|account|n)\b[^0-9]{0,12}$/;
/** North American format: "555-123-4567", "(555) 123 4567". */
const NANP = /^\(?[2-9]\d{2}\)?[ .-]{1,2}\d{3}[ .-]\d{4}$/;

function isPhoneNumber(candidate: string): boolean {
  const digits = candidate.replace(NOT_DIGIT, '');
  if (ONE_DIGIT_REPEATED.test(digits)) return false;
  // International: "+33 6 12 34 56 78", "+44 7911 123456" (E.164 allows up to 15 digits)
  if (candidate.startsWith('+')) return digits.length >= 8 && digits.length <= 15;
  // International with 00: "0033 6 12 34 56 78"
  if (digits.startsWith('00')) return digits.length >= 10 && digits.length <= 17;
  // North American, written in its usual groups: "555-123-4567"
  if (NANP.test(candidate)) return true;
  // National, French (10 digits) or British (11 digits): "06 12 34 56 78", "07700 900123"
  return digits.startsWith('0') && (digits.length === 10 || digits.length === 11) && !COUNTING.has(digits);
}

function containsPhoneNumber(text: string): boolean {
  PHONE_CANDIDATE.lastIndex = 0;
  for (let match = PHONE_CANDIDATE.exec(text); match !== null; match = PHONE_CANDIDATE.exec(text)) {
    const end = match.index + match[0].length;
    const before = text.slice(Math.max(0, match.index - 30), match.index);
    // A longer run of digits (an id, a long number) is not a phone number.
    if (DIGITS_BEFORE.test(before) || DIGITS_AFTER.test(text.slice(end, end + 4))) continue;
    if (isPhoneNumber(match[0]) && !REFERENCE_BEFORE.test(before)) return true;
  }
  return false;
}

// ── photo_request ───────────────────────────────────────────────────────────────────────────

const PHOTO_REQUEST: readonly RegExp[] = [
  // Send me a photo (French): "envoie une photo", "tu m'envoies une pic ?", "balance des nudes"
  // (not "je t'envoie la vidéo du concert", "envoie la photo du menu")
  rx`${NOT_A_STATEMENT}(?:\btu |\b)(?:(?:me |m'|nous ))?(?:envoie|envoies|envoi|envois|envoit|envoyer|envoyes|envoye|balance|balances|file|files|passe|passes|poste|postes|mets|met|montre|montres)(?: moi| nous)? ${DET}(?:d'|l')?${ADJ}${MEDIA}\b${NOT_OF_THEM}`,
  // Send me a photo (English): "send pics", "can you send me a selfie" (not "I sent a photo")
  rx`${NOT_A_STATEMENT}\b(?:send|sends|snap|share|dm|text|post|drop|shoot)(?: me| us| over)? ${DET}${ADJ}${MEDIA}\b${NOT_OF_THEM}`,
  // Do you have photos: "t'as des photos ?", "t'aurais pas d'autres photos ?", "got any pics of you?"
  rx`\b(?:${TU_AS}|tu aurais|t'?aurais|vous avez|vous auriez)(?: pas)? (?:des|une|un|d'autres|encore des|plus de|quelques|de|d') ?${ADJ}${MEDIA}\b${NOT_OF_THEM}`,
  rx`(?<!\b(?:i|we|they|he|she|i've|we've) )\b(?:do you have|have you got|you got|got|you have|any)(?: any| some| more| a| an| other)? ?${ADJ}${MEDIA}\b${NOT_OF_THEM}`,
  // Asking to have or see one: "je peux avoir une photo ?", "can I get a pic?"
  rx`\b(?:je peux avoir|je pourrais avoir|je veux|je voudrais|j'aimerais|j'aimerais bien|can i have|can i get|could i have|could i get|i want|i wanna see|i'd like)(?: (?:voir|see))? ${DET}${ADJ}${MEDIA}\b${NOT_OF_THEM}`,
  // Making one for them: "fais une vidéo pour moi", "film yourself"
  rx`\b(?:fais|fait|fais moi|make|record|film)(?: moi| me)? (?:une |un |a )?(?:video|vid|selfie|photo|pic)s? (?:pour moi|for me|de toi|of you|of yourself)\b|\b(?:film (?:toi|yourself)|te filmer|filme toi)\b`,
  // More after a photo: "your pics are cute, send more"
  rx`\b${MEDIA}\b[^.!?]{0,40}\b(?:send (?:me )?(?:more|another|one)|envoies? en (?:une autre|d'autres|encore|plus))\b`,
  // Show me your body: "fais voir ton corps", "montre moi tes pieds", "show me your body"
  rx`\b(?:montre|montres|montrez|fais voir|fait voir|faire voir|je veux voir|je voudrais voir|j'aimerais voir|je peux voir|laisse moi voir|tu me montres|show|let me see|wanna see|want to see|can i see|i wanna see|i want to see|i'd like to see)(?: moi| me| nous| us)?(?: un peu)? (?:(?:ton|ta|tes|your|those|that|ce|cette|ces|une|des|a|some) )?(?:${BODY}|${CLOTHES}|${ADJ}${MEDIA})\b${NOT_OF_THEM}`,
  // Show yourself: "montre-toi", "show me yourself", "let me see what you're wearing"
  rx`\b(?:montre|montres|montrez) (?:toi|vous)\b|\bshow (?:me |us )?(?:yourself|urself)\b|\b(?:let me|wanna|want to|can i|i want to|i wanna|show me) see what you(?:'re| are)? (?:wearing|look like)\b`,
  // What you look like: "montre-moi à quoi tu ressembles", "show me what you look like"
  rx`\b(?:montre|montrer|montres|voir|show|see)(?: moi| me)?\b[^.?!]{0,10}?\b(?:a quoi tu ressembles|what you(?:'re| are)? (?:wearing|look like))\b`,
  // Taking a picture for them: "tu peux te prendre en photo ?", "take a pic of yourself"
  rx`\b(?:te prendre|prends toi|tu te prends|prends te) en (?:photo|video|selfie)\b|\btake (?:a )?(?:pic|photo|picture|selfie|video)s? (?:of (?:yourself|you)|for me)\b`,
  // The media word alone as the whole message: "pic?", "photo stp ?"
  rx`^(?:une |a |some |des |1 )?(?:photo|photos|pic|pics|selfie|selfies|nudes?)(?: (?:please|stp|svp))? ?[?!]{1,5}$`,
  // Webcam: "allume ta cam", "turn on your cam", "on fait une cam ?", "cam to cam"
  rx`(?<!\b(?:j'ai|j'avais|il a|elle a|on a|i|i've|we|he|she|they|my|his|her) )\b(?:allume|allumes|allumez|active|actives|mets|met|ouvre|ouvres|lance|turn on|switch on|put on|open)(?: moi)? (?:ta |your |la |the )?(?:cam|camera)\b`,
  rx`\b(?:on fait|tu fais|fais|on se fait|wanna do|let's do|on passe en) (?:une |un |a |de la )?(?:cam|facetime|visio|video call)\b|\bcam ?(?:to|2|a) ?cam\b`,
  // Nudes and explicit photos, whatever the verb: "nudes?", "une photo nue", "sexy pics"
  rx`\b(?:nudes|nude (?:pics?|photos?|selfies?)|(?:une|a|un|des|1) nude|naked (?:pics?|photos?)|photos? (?:nue|nues|nu|sexy|coquines?|hot|intimes?)|pics? (?:sexy|hot)|sexy (?:pics?|photos?|selfies?))\b`,
  // A photo of the person: "une photo de toi", "a pic of you"
  rx`\b${MEDIA} (?:de toi|de vous|of you|of yourself|of urself)\b`,
];

// ── meeting ─────────────────────────────────────────────────────────────────────────────────

const MEETING: readonly RegExp[] = [
  // "on se voit / on se retrouve / on se rejoint…" (not when it is on the chat: "sur le salon")
  rx`\bon (?:(?:pourrait|peut|va|devrait|doit|pourra|pourrais) )?(?:se|s'y) (?:voir|voit|voie|voient|revoir|revoit|retrouve|retrouver|rejoint|rejoindre|rejoins|rejoigne|rencontre|rencontrer|capte|capter|croise|croiser|fait une? (?:cine|cinema|resto|balade|sortie|cafe|soiree|aprem|date|verre|mcdo)|donne (?:rendez vous|rdv))\b(?! (?:jamais|pas|plus|rarement|peu|souvent|tous les|trop|assez)\b)${ON_CHAT}`,
  rx`\b(?:de|veux|voudrais|aimerais|faut|pourrait|peut) (?:se|nous) (?:voir|rencontrer|retrouver|capter)\b${ON_CHAT}`,
  // A rendez-vous (not one's own appointment: "j'ai rdv chez le dentiste", "rendez-vous médical")
  rx`(?<!\b(?:j'ai|j'avais|il a|elle a|mon|ma|ton|son|un|le|du|de|au|ai|as|avais|prendre|pris|prends|prise|medecin|dentiste|vous) )\b(?:rdv|rendez vous|rencard|rencart|rancard)\b(?! (?:medical|medicale|chez (?:le|la|l'|mon|ma|un|une|des)|avec (?:le|la|l'|mon|ma|un|une|mes|des)|pris|annule|manque|en ligne|sur|compte|de \d|d'\d))`,
  // Coming to fetch them: "je passe te chercher", "je peux venir te chercher", "je te ramène"
  rx`\b(?:passe|passer|passerai|viens|venir|vient|viendrai|peux venir|peux passer|vais passer|vais venir) te (?:chercher|prendre|recuperer|voir|rejoindre|raccompagner|ramener)\b${ON_CHAT}`,
  rx`\bje (?:te |t')(?:ramene|raccompagne|recupere|depose|rejoins|rejoindrai|attendrai)\b${ON_CHAT}`,
  rx`\bje (?:te |t')attends? (?:devant|derriere|a cote|a la sortie|en bas|dehors|pres|au |aux |a \d|a l'|chez|ce soir|demain|apres|sur le parking)`,
  rx`\bje serai (?:devant|derriere|a cote|en bas|a la sortie|au |a l'entree)`,
  // Someone's home: "viens chez moi", "passe chez moi", "je viens chez toi" (not "je viens de rentrer chez moi")
  rx`(?<!\bje )\b(?:viens|venez|vient|passe|passes|passez|monte|montes|venir|passer|monter|dormir|dors|rejoins moi|reste)(?: dormir)? (?:chez moi|a la maison|chez nous|dans ma (?:chambre|voiture)|a mon (?:appart|hotel))\b`,
  rx`\b(?:je|j'|on) ?(?:viens|vais|passe|peux venir|peux passer|monte|vient|va|passerai|viendrai|pourrait aller|pourrait venir|pourrais venir) (?:chez toi|chez vous|a ton appart)\b|\bchez (?:toi|moi) ou chez (?:moi|toi)\b`,
  rx`(?<!\b(?:il|elle|on|ils|elles|qui|pere|mere|papa|maman|frere|soeur|copain|copine|pote|tante|oncle|bus|taxi) )\b(?:viens|venez|passe) me (?:voir|rejoindre|chercher)\b${ON_CHAT}|\b(?:rejoins|retrouve|rejoignez|retrouvez) moi\b${ON_CHAT}`,
  // Going out: "qu'on boive un café", "tu peux sortir ce soir ?", "t'es dispo pour un resto ?"
  rx`\bqu'on (?:boive|prenne|mange|aille|sorte|fasse|se balade|se promene)\b${ON_CHAT}|\b(?:tu peux|tu veux|t'as le droit de|tu pourrais) sortir\b`,
  rx`\b${TU_ES} (?:dispo|disponible|libre)\b[^.?!]{0,20}?\b(?:pour (?:un |une |aller )?(?:resto|cafe|verre|cine|balade|sortie|date)|ce soir|demain|samedi|dimanche|ce week end|ce we)\b${ON_CHAT}`,
  // Treating them: "je t'offre un verre ?", "let me buy you a drink"
  rx`\b(?:je (?:t'|te )(?:offre|paye|paie|invite|emmene|amene)|(?:i'll|let me|i can|can i|i wanna|i want to) buy you) (?:un |une |a |au |a la )?(?:verre|cafe|resto|restaurant|cine|glace|drink|coffee|dinner|lunch|ice cream|mcdo|kebab)\b`,
  // Asking the address to come: "donne ton adresse je passe", "send your address, I'll come"
  rx`\b(?:adresse|address)\b[^.?!]{0,20}?\b(?:je passe|je viens|je debarque|i'll come|i'm coming|i will come)\b`,
  // Going out together: "on se fait un ciné ?", "tu veux aller au parc ?", "ça te dit un verre ?"
  rx`\b(?:on se fait|on pourrait aller|tu veux aller|tu veux venir|ca te dit d'aller|ca te dit|ca te dirait|tu viens|allons|on sort|tu veux sortir|on peut aller)(?: avec moi)?(?: (?:au|a la|a l'|en|un|une|boire|manger|prendre|voir))? (?:cine|cinema|parc|mcdo|macdo|resto|restaurant|cafe|verre|balade|promenade|plage|piscine|centre commercial|fete foraine|patinoire|bowling|kebab|glace|sortie|date|soiree|film)\b`,
  // English proposals: "let's meet tonight", "wanna hang out?", "can we meet in person?"
  rx`\b(?:let's|we (?:should|could|can|gotta|must)|wanna|want to|can we|could we|shall we|when can we|would you like to|do you want to|you want to|i want to|i'd love to|i'd like to|we'll|we will|like to|love to)(?: (?:finally|actually|maybe|just))? (?:meet|hang out|hangout|link up|get together|see each other)(?: up)?\b${EN_NOT_MEETING}`,
  rx`\bmeet (?:me|up|irl|in person|in real life|face to face)\b(?! (?:halfway|half way|in the middle)\b)${ON_CHAT}|\bmeet you (?:at|after|outside|in front of|behind|near|by|tonight|tomorrow)\b`,
  // Someone's place, a ride: "come to my place", "come over", "I can pick you up", "my place or yours"
  rx`\b(?:come|coming|comes) (?:over(?! here| there)|round|around|to mine|to yours|to (?:my|our|your) (?:place|house|home|flat|apartment|room|car|hotel|crib|dorm)|see me|visit me)\b${ON_CHAT}`,
  rx`\b(?:pick|picking) you up\b|\b(?:give|gave|giving) you a (?:ride|lift)\b|\bdrive you (?:home|there|back)\b|\bmy place or yours\b`,
  rx`\b(?:i'll|i will|i can|i'm gonna|i could|i'd) (?:wait for you|be waiting)(?: for you)? (?:at|outside|in front of|behind|near|by|after)\b`,
  rx`\b(?:let's|wanna|want to|we could|we should|do you want to|you want to|would you like to) (?:go|grab|get)(?: out)?(?: together)? (?:to the (?:mall|movies|cinema|park|beach|pool|fair|arcade|bowling)|(?:a |some )?(?:coffee|drink|drinks|dinner|lunch|food|ice cream|pizza|burger|milkshake|movie)|on a date)\b`,
  rx`\bsee you (?:at|outside|in front of|behind|near|by) (?:the|my|your|\d)\b${ON_CHAT}`,
  // Coming to them: "can I see you tonight?", "I'll drive down to see you", "I can be there in 20 minutes"
  rx`\b(?:can|could) i see you (?:tonight|tomorrow|today|this weekend|after school|irl|in person|again|on (?:saturday|sunday|monday|tuesday|wednesday|thursday|friday))\b|\bje (?:peux|pourrais|veux) te voir (?:ce soir|demain|samedi|dimanche|ce week end|apres les cours|en vrai)\b`,
  rx`\b(?:drive|come|fly|travel|take the train|ride)(?: down| up| over)? to see you\b|\b(?:i can|i'll|i will|i could|i'm gonna) be (?:there|at yours|at your place|outside your)\b${ON_CHAT}`,
];

// ── age_question ────────────────────────────────────────────────────────────────────────────

const AGE_QUESTION: readonly RegExp[] = [
  // "t'as quel âge", "ta kel age", "quel âge as-tu ?" (not "quel âge a ton chat", "à quel âge…")
  rx`\b(?:${TU_AS}|vous avez|t'?avais|tu aurais) ${QUEL} ?age\b`,
  rx`(?<!\ba )\bquel age\b(?! (?:a|ont|avait|avaient|il|elle|ils|elles|ta|ton|sa|son|ses|le|la|les|faut|pour|on|minimum|maximum|max|mini|au|tu (?:donnes|donnerais|lui|me|penses|crois))\b)`,
  rx`(?<!\b(?:a|de|pour|avec) )\b(?:ton|votre) age\b(?! (?:d'or|mental)\b)`,
  // Checking an age: "t'as 14 ans c'est ça ?", "t'es majeure ?", "you're 15 right?", "are you over 18?"
  rx`\b${TU_AS} (?:\d{1,2}|douze|treize|quatorze|quinze|seize|dix sept|dix huit)(?: ou \d{1,2})? ans\b[^.!?]{0,20}\?`,
  rx`\b${TU_ES} nee?s? en (?:19|20)\d{2}\b[^.!?]{0,15}\?`,
  rx`\b${TU_AS} (?:moins|plus|au moins) (?:de )?\d{1,2}(?: ans)?\b[^.!?]{0,20}\?`,
  rx`\b${TU_ES} (?:majeure?s?|mineure?s?)\b`,
  rx`(?:^|[,.!?] )(?:and )?you (?:(?:over|under) )?(?:1[0-9]|2[01]) ?\?`,
  rx`\b(?:are you|you are|you're|r you) (?:(?:even|really|actually|at least) )?(?:(?:over|under|above|below|at least|older than|younger than) )?(?:1[0-9]|2[01])\b[^.!?]{0,20}\?`,
  rx`\b(?:are you|you are|you're) (?:a minor|an adult|legal|underage|of age|still in school)\b`,
  // School year: "t'es en quelle classe ?", "t'es au collège ou au lycée ?", "what grade are you in?"
  rx`\b${TU_ES} (?:en|dans) (?:quelle|quel) (?:classe|annee|niveau)\b|\b(?:quelle|quel) classe (?:tu es|t'es|es tu)\b`,
  rx`\b${TU_ES} (?:(?:encore|toujours|deja) )?(?:au|en) (?:college|lycee|primaire|6e|6eme|5e|5eme|4e|4eme|3e|3eme|sixieme|cinquieme|quatrieme|troisieme|seconde|premiere|terminale|cm1|cm2)\b[^.!?]{0,30}\?`,
  rx`\bwhat (?:grade|year|class|form) (?:are you|you) in\b|\bwhat grade are you\b`,
  rx`\b(?:are you|you) (?:(?:still|already) )?in (?:middle school|high school|junior high|elementary|primary school|secondary school|year \d{1,2}|grade \d{1,2}|\d{1,2}(?:th|rd|nd|st) grade)\b`,
  // Birth year: "tu es née en quelle année ?", "what year were you born?"
  rx`\b(?:ne|nee|nes|nees) en (?:quelle|quel) annee\b|\b${TU_ES} de quelle annee\b|\b(?:ton|ta) (?:annee|date) de naissance\b`,
  rx`\b(?:when|what year) (?:were|was|are) you born\b|\byour (?:birth ?year|year of birth|date of birth|dob)\b`,
  // Own age bounced back: "j'ai 25 ans et toi ?", "I'm 25, and you?"
  rx`\bj'ai \d{1,2}(?: ans)?,? (?:et (?:toi|vous)\b|toi ?\?)|\bi'?m \d{1,2}(?: years old| yo)?,? (?:(?:and|what about|how about) you\b|you ?\?)`,
  // English: "how old are you", "how old r u?", "what's your age?"
  rx`\bhow old (?:are you|you are|r you|are u)\b|\bhow old ?\?`,
  rx`\b(?:what is|what's|what) your age\b|(?:^|[.!?,] ?)(?:and )?(?:your )?age ?\?`,
  // "asl", "a/s/l" (age/sex/location; not American Sign Language: "learning ASL", "ASL class")
  rx`\bage ?/ ?sex ?/ ?(?:location|loc)\b|\bage sex (?:location|loc)\b`,
  rx`\b(?:asl|a/s/l|a\.s\.l|a s l|a-s-l)\b(?! (?:class|classes|interpreter|course|lessons?|sign)\b)(?<!\b(?:in|learning|learn|speak|know|use|study|studying|the|teach|teaching) (?:asl|a/s/l|a\.s\.l|a s l|a-s-l))`,
];

// ── address_question ────────────────────────────────────────────────────────────────────────

const ADDRESS_QUESTION: readonly RegExp[] = [
  // Where do you live: "tu habites où", "t'habites dans quelle ville", "tu habites seule ?"
  rx`\bt(?:u |'| )?h?abites?\b(?: (?:a|en|dans|sur|vers))? ?(?:ou|quelle ville|quel coin|quel quartier|quel endroit|quel departement|quelle region|quel bled|quel village|quelle rue|${QUEL} [a-z]{3,20}|loin|pres|pas loin|seule?|toute? seule?|(?:chez|avec) (?:tes|ta|ton) (?:parents|mere|pere|daron|daronne|grands parents|mamie|papi)|dans le coin|vers ou|a cote)\b`,
  // Checking a place: "t'habites à Paris même ?", "tu vas au lycée Victor Hugo ?"
  rx`\bt(?:u |'| )?h?abites? (?:a|en|au|sur|dans|vers|pres de) [a-z][a-z' -]{1,25}\?`,
  rx`\b(?:tu vas|${TU_ES}) (?:au|a la|a l'|en|dans le) (?:lycee|college|ecole|fac) (?!ou\b)[a-z][a-z' -]{1,25}\?`,
  rx`\btu (?:vis|vit|loges?|demeures?) (?:ou|dans quelle ville|seule?|(?:chez|avec) (?:tes|ta|ton) (?:parents|mere|pere|daron|daronne|grands parents)|loin|pres)\b(?! tu\b)`,
  rx`\b(?:scolarise|scolarisee|inscrit|inscrite) ou\b|\btu vas (?:a l'ecole|au college|au lycee|en cours) ou\b`,
  rx`\b(?:c'est )?ou (?:c'est )?chez (?:toi|vous)\b|\bchez (?:toi|vous) c'est ou\b`,
  rx`\bou (?:est ce qu(?:e |'))?(?:tu |t'|t)(?:habites?|abites?|vis|vit|loges?)\b|\bou (?:habites|vis|loges) tu\b`,
  // Address and neighbourhood: "c'est quoi ton adresse" (not "ton adresse mail"), "ta ville c'est laquelle ?"
  rx`\b(?:ton|ta|votre) adresse\b(?! (?:mail|e ?mail|email|ip|electronique|de messagerie|gmail|hotmail|courriel|web|du site)\b)`,
  rx`\b(?:ton|ta|votre) (?:code postal|quartier|rue|ville|commune|bled|village|departement)\b(?:[^.!?]{0,20}\?| c'est)`,
  // Where are you from: "tu es d'où ?", "t'es de quel coin ?", "tu viens d'où"
  rx`\b${TU_ES} (?:d'ou|de ou|dou)\b|\b(?:tu viens|tu venais|vous venez|tu viens de) d'?ou\b|\bd'?ou (?:tu viens|tu es|t'es|tu habites|t'habites|viens tu|es tu|venez vous)\b`,
  rx`\b${TU_ES} (?:de|dans|sur|vers|en) (?:quelle|quel) (?:ville|coin|quartier|region|departement|bled|village|pays|rue)\b`,
  // School: "tu es dans quel lycée ?", "tu vas dans quel collège ?", "quel collège tu vas ?"
  rx`\b(?:${TU_ES}|tu vas|tu etudies|t'etudies|tu vas en cours)(?: (?:au|a|en|dans))? (?:quel|quelle) (?:lycee|college|ecole|bahut|etablissement|fac|universite)\b`,
  rx`\b(?:quel|quelle) (?:lycee|college|ecole|bahut|etablissement) (?:tu|t'|t|es tu|vas tu)\b|\b(?:ton|ta) (?:lycee|college|ecole|bahut) (?:c'est|s'appelle)\b`,
  // English: "where do you live", "where r u from", "what city are you in?"
  rx`\bwhere (?:do|did|d) you (?:live|stay|reside|go to school|study)\b|\bwhere you (?:live|from|stay)\b|\bwhere (?:are you|you) from\b|\bwhere ?(?:abouts|about) (?:are|do) you\b|\bwhere (?:are you|you) (?:located|based|staying)\b`,
  // Near a place: "r u near london?" (not "are you near your phone?")
  rx`\b(?:are you|you) (?:near|close to|far from|anywhere near) (?!(?:your|my|the|a|an|me|it|that|this)\b)[a-z]{3,20} ?\?`,
  rx`\b(?:what|which) (?:city|town|area|neighbou?rhood|street|suburb|village|part of [a-z]{2,20}|county|state|country) (?:are|do|d|did) you\b|\b(?:what|which) (?:city|town|area|neighbou?rhood|street|suburb) you (?:live|from|in)\b`,
  // "what's your address?", "send me your address", "your zip code" (not "address the issue", "your email address")
  rx`\byour (?:home |house |exact |real |street |full |postal )?address\b(?! (?:book|bar|line|space|list|field)\b)|\byour (?:post ?code|zip ?code|zip)\b`,
  // English school: "what school do you go to?"
  rx`\b(?:what|which) (?:school|college|high school|middle school|uni|university) (?:do|did|are|d) you\b|\bwhat(?: is|'s) your school\b|\byour (?:school|street|road|neighbou?rhood|town|city|village|area)(?:'s)? (?:called|name)\b`,
  rx`\bname of your (?:school|street|road|neighbou?rhood|town|city|village)\b|\bnom de (?:ton|ta) (?:lycee|college|ecole|bahut|rue|ville|quartier|village)\b`,
];

const RULES: ReadonlyArray<readonly [MessageSignalName, readonly RegExp[]]> = [
  ['move_platform', MOVE_PLATFORM],
  ['phone_number', PHONE_NUMBER_TEXT],
  ['photo_request', PHOTO_REQUEST],
  ['meeting', MEETING],
  ['age_question', AGE_QUESTION],
  ['address_question', ADDRESS_QUESTION],
];

function anyMatch(patterns: readonly RegExp[], text: string): boolean {
  for (const pattern of patterns) if (pattern.test(text)) return true;
  return false;
}

/**
 * T7: the message-level signals raised by one message, in `MESSAGE_SIGNAL_NAMES` order and
 * without duplicates. Pure; safe and linear-time on any input.
 */
export function detectSignals(text: string): MessageSignalName[] {
  const normal = normalizeForSignals(text);
  const found: MessageSignalName[] = [];
  for (const [name, patterns] of RULES) {
    if (anyMatch(patterns, normal) || (name === 'phone_number' && containsPhoneNumber(normal)))
      found.push(name);
  }
  return found;
}
