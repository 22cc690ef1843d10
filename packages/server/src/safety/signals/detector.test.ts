import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import {
  AGE_GAP_DEFAULTS,
  MESSAGE_SIGNAL_NAMES,
  SIGNAL_NAMES,
  ageGapSignal,
  detectSignals,
  type MessageSignalName,
} from './detector.js';

function expectSignal(
  signal: MessageSignalName,
  positives: readonly string[],
  lookAlikes: readonly string[],
) {
  for (const text of positives) expect(detectSignals(text), text).toContain(signal);
  for (const text of lookAlikes) expect(detectSignals(text), text).not.toContain(signal);
}

describe('T7 signal names', () => {
  it('[T7] lists age_gap then the message-level signals, each once', () => {
    expect(SIGNAL_NAMES).toEqual([
      'age_gap',
      'move_platform',
      'phone_number',
      'photo_request',
      'meeting',
      'age_question',
      'address_question',
    ]);
    expect(new Set(SIGNAL_NAMES).size).toBe(SIGNAL_NAMES.length);
  });

  it('[T7] reports message signals in the fixed order, without duplicates', () => {
    const text =
      "salut, asl ? t'as quel âge, tu habites où, envoie une photo, ajoute-moi sur snap, mon 06 c'est 06 12 34 56 78, on se voit samedi au parc, ajoute moi sur insta";
    expect(detectSignals(text)).toEqual([...MESSAGE_SIGNAL_NAMES]);
    expect(detectSignals('bonjour à tous')).toEqual([]);
    expect(detectSignals('')).toEqual([]);
  });
});

describe('T7 age_gap', () => {
  it('[T7] flags a minor with an adult and a young adult with someone 30 or older', () => {
    expect(ageGapSignal(16, 18)).toBe(true);
    expect(ageGapSignal(15, 45)).toBe(true);
    expect(ageGapSignal(45, 15)).toBe(true);
    expect(ageGapSignal(17, 18)).toBe(true);
    expect(ageGapSignal(18, 30)).toBe(true);
    expect(ageGapSignal(35, 19)).toBe(true);
  });

  it('[T7] does not flag peers, adults of any gap past the young-adult band, or bad input', () => {
    expect(ageGapSignal(15, 17)).toBe(false);
    expect(ageGapSignal(18, 29)).toBe(false);
    expect(ageGapSignal(19, 19)).toBe(false);
    expect(ageGapSignal(20, 60)).toBe(false);
    expect(ageGapSignal(40, 41)).toBe(false);
    expect(ageGapSignal(Number.NaN, 30)).toBe(false);
    expect(ageGapSignal(16, Number.POSITIVE_INFINITY)).toBe(false);
  });

  it('[T7] takes its thresholds as options, with documented defaults', () => {
    expect(AGE_GAP_DEFAULTS).toEqual({
      adultAge: 18,
      minorAdultMinGap: 1,
      youngAdultMaxAge: 19,
      youngAdultPartnerMinAge: 30,
    });
    expect(ageGapSignal(17, 19, { minorAdultMinGap: 3 })).toBe(false);
    expect(ageGapSignal(17, 20, { minorAdultMinGap: 3 })).toBe(true);
    expect(ageGapSignal(20, 30)).toBe(false);
    expect(ageGapSignal(20, 30, { youngAdultMaxAge: 21 })).toBe(true);
    expect(ageGapSignal(19, 25, { youngAdultPartnerMinAge: 25 })).toBe(true);
    expect(ageGapSignal(20, 25, { adultAge: 21 })).toBe(true);
  });
});

describe('T7 move_platform', () => {
  it('[T7] flags pressure to move to another app, and handles', () => {
    expectSignal(
      'move_platform',
      [
        'ajoute-moi sur snap',
        'on continue sur insta',
        'on continue sur whatsapp ?',
        'on continue sur telegram',
        'on continue sur discord',
        'on continue sur kik',
        'on continue sur signal',
        'add me on snapchat',
        'text me on whatsapp',
        "t'as un snap ?",
        'ta un snap',
        "what's your telegram",
        'sc: emma.92',
        'my snap is emma_92',
        'AJOUTE MOI SUR SNAAAP',
        'ajoute moi sur wsp',
        'dm me on ig',
      ],
      [
        'snap peas',
        'oh snap',
        'the signal is weak here',
        'j’ai vu une vidéo sur insta',
        'mon snap est bloqué',
        'whatsapp est en panne',
        'there is discord in the team',
      ],
    );
  });
});

describe('T7 phone_number', () => {
  it('[T7] flags phone numbers in French and international formats', () => {
    expectSignal(
      'phone_number',
      [
        '06 12 34 56 78',
        '06.12.34.56.78',
        '+33 6 12 34 56 78',
        '0612345678',
        '0 6 1 2 3 4 5 6 7 8',
        '06-12-34-56-78',
        'voilà : 07 61 22 33 44 !',
        '+44 7911 123456',
        '+1 (212) 555-0199',
        '０６１２３４５６７８' /* full-width digits */,
      ],
      [
        '06/12/2024',
        'rdv à 14:30',
        '1 2 3 4 5 6 7 8 9 10',
        'mon numéro de dossier est le 4512',
        'ça fait 12,50 €',
        'ISBN 978-2-07-036822-8',
        '123456789012345678901234567890',
        '0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0 0',
      ],
    );
  });

  it('[T7] flags asking for a number', () => {
    expectSignal(
      'phone_number',
      ['donne-moi ton numéro', 'ton 06 ?', 'ton num stp', "what's your number", 'send me your number'],
      ['my number one song', 'ton numéro préféré ?', "what's your favourite number", 'ton portable sonne'],
    );
  });
});

describe('T7 photo_request', () => {
  it('[T7] flags requests for photos, videos and webcam', () => {
    expectSignal(
      'photo_request',
      [
        'envoie une photo',
        "tu m'envoies une pic",
        'montre-toi',
        'send pics',
        'send me a photo of you',
        'show me your body',
        'nudes',
        "t'as des photos ?",
        'allume ta cam',
      ],
      [
        "j'ai pris une photo du coucher de soleil",
        'je t’envoie la vidéo du concert',
        'I sent a photo to my mom',
        'show me the way',
        'la photographie argentique',
        'nude lipstick',
      ],
    );
  });
});

describe('T7 meeting', () => {
  it('[T7] flags a place or time to meet', () => {
    expectSignal(
      'meeting',
      [
        'on se voit samedi à 15h au parc',
        'je passe te chercher',
        'rdv devant la gare',
        "let's meet tonight at the mall",
        'come to my place',
        'viens chez moi',
        'I can pick you up after school',
      ],
      [
        'rendez-vous médical demain',
        'nice to meet you',
        'je viens de rentrer chez moi',
        'on se voit ce soir sur le salon',
        'ma mère vient me chercher',
        'meet the deadline',
      ],
    );
  });

  it('[T7] treats "on se voit" with a place as a meeting, even an odd one', () => {
    expect(detectSignals('on se voit au cinéma dans le film ?')).toEqual(['meeting']);
  });
});

describe('T7 age_question', () => {
  it('[T7] flags asking the age or school year', () => {
    expectSignal(
      'age_question',
      [
        "t'as quel âge",
        'tu as quel age',
        'TA KEL AGE',
        'how old are you',
        'how old r u',
        "t'es en quelle classe",
        'what grade are you in',
        'asl',
        'a/s/l ?',
      ],
      [
        'ma sœur a 12 ans',
        'quel âge a ton chat ?',
        'how old is your dog',
        'the ice age',
        'learning ASL',
        'tu as l’heure ?',
      ],
    );
  });
});

describe('T7 address_question', () => {
  it('[T7] flags asking where they live, their address or school', () => {
    expectSignal(
      'address_question',
      [
        'tu habites où',
        "c'est quoi ton adresse",
        'where do you live',
        'what school do you go to',
        'tu es dans quel lycée',
        'tu es dans quel collège',
        't habites ou',
      ],
      [
        'je suis sur Paris',
        'I live for music',
        'address the issue',
        'mon adresse mail a changé',
        'tu vis ou tu survis',
      ],
    );
  });
});

describe('T7 text normalisation', () => {
  it('[T7] folds accents, case, look-alike letters, invisible characters and SMS spellings', () => {
    expect(detectSignals('TU HABITES OÙ')).toContain('address_question');
    expect(detectSignals('ajoute-moi sur ѕnap' /* Cyrillic ѕ */)).toContain('move_platform');
    expect(detectSignals('ajoute moi sur s\u200bnap')).toContain('move_platform');
    expect(detectSignals('t’as quel âge')).toContain('age_question');
    expect(detectSignals('c koi ton insta')).toContain('move_platform');
    expect(detectSignals('jte rajoute sur insta')).toContain('move_platform');
    expect(detectSignals('envoie une ph0t0 stp')).toContain('photo_request');
    expect(detectSignals('ajoute\tmoi\nsur\r\nsnap')).toContain('move_platform');
  });
});

describe('T7 robustness', () => {
  it('[T7] never throws and returns known names, in order, once each', () => {
    const order = new Map(MESSAGE_SIGNAL_NAMES.map((name, i) => [name, i]));
    fc.assert(
      fc.property(fc.string({ unit: 'binary', maxLength: 300 }), (text) => {
        const found = detectSignals(text);
        const ranks = found.map((name) => order.get(name));
        expect(ranks.every((rank) => rank !== undefined)).toBe(true);
        expect(ranks).toEqual([...ranks].sort((a, b) => (a ?? 0) - (b ?? 0)));
        expect(new Set(found).size).toBe(found.length);
      }),
      { numRuns: 300 },
    );
  });

  it('[T7] handles emoji, right-to-left text and control characters', () => {
    expect(detectSignals('😀😀 مرحبا كيف حالك \u202e\u0000\u0007 שלום')).toEqual([]);
    expect(detectSignals('👋 ajoute moi sur snap 👻')).toEqual(['move_platform']);
    expect(detectSignals("\u202et'as quel âge\u202c")).toEqual(['age_question']);
  });

  it('[T7] finishes quickly on 100,000-character adversarial strings', () => {
    const size = 100_000;
    const fill = (unit: string): string => unit.repeat(Math.ceil(size / unit.length)).slice(0, size);
    detectSignals('warm-up: compiles every pattern once');
    const inputs = [
      fill('a'),
      fill('0'),
      fill('0 '),
      fill('1-'),
      fill('+3 '),
      fill('on '),
      fill("t'as "),
      fill('envoie '),
      fill('snap '),
      fill('snap: a_'),
      fill('@'),
      fill('a.b_c'),
      fill("a'"),
      fill('a-'),
      fill('zero six '),
      fill('quel age '),
      fill('tu habites a '),
      fill('photo de '),
      fill('😀\u202e\u0000\u200b'),
      fill('مرحبا '),
      fill("ta un snap t'es en quelle classe on se voit "),
      ' '.repeat(size),
    ];
    for (const text of inputs) {
      const start = performance.now();
      detectSignals(text);
      const elapsed = performance.now() - start;
      expect(elapsed, JSON.stringify(text.slice(0, 20))).toBeLessThan(1000);
    }
  });
});
