import { describe, expect, it } from 'vitest';
import { normalizeForSignals } from './normalize.js';

describe('T7 signal text normalisation', () => {
  it('[T7] lower-cases, folds accents and look-alikes, unifies apostrophes and spaces', () => {
    expect(normalizeForSignals('  Tu HABITES   Où ?? ')).toBe('tu habites ou ??');
    expect(normalizeForSignals('T’as quel âge')).toBe("t'as quel age");
    expect(normalizeForSignals('ѕnаp' /* Cyrillic ѕ and а */)).toBe('snap');
    expect(normalizeForSignals('sœur')).toBe('soeur');
    expect(normalizeForSignals('a\u200bb\u00adc')).toBe('abc');
    expect(normalizeForSignals('un\tdeux\ntrois\u0000quatre')).toBe('un deux trois quatre');
  });

  it('[T7] reads hyphens between letters as spaces and keeps number separators', () => {
    expect(normalizeForSignals('ajoute-moi')).toBe('ajoute moi');
    expect(normalizeForSignals('06-12-34-56-78')).toBe('06-12-34-56-78');
    expect(normalizeForSignals('+33 6 12')).toBe('+33 6 12');
    expect(normalizeForSignals('O6 12')).toBe('06 12');
  });

  it('[T7] rewrites SMS spellings and app nicknames, not words cut by an apostrophe', () => {
    expect(normalizeForSignals('kel age')).toBe('quel age');
    expect(normalizeForSignals('c koi ton ig')).toBe("c'est quoi ton insta");
    expect(normalizeForSignals("c'est")).toBe("c'est");
    expect(normalizeForSignals('wsp ou sc')).toBe('whatsapp ou snap');
    expect(normalizeForSignals('how old r u')).toBe('how old are you');
    expect(normalizeForSignals('whats ur snapchat')).toBe('what is your snap');
    expect(normalizeForSignals('snaaaap')).toBe('snap');
    expect(normalizeForSignals('sn4p n00dz')).toBe('snap nudes');
    expect(normalizeForSignals('15h 4e')).toBe('15h 4e');
  });
});
