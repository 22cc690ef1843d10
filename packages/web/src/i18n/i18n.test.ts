import { describe, expect, it } from 'vitest';
import { ERROR_CODES, GENDERS, REGIONS } from '@salon/protocol';
import { en } from './en.js';
import { fr } from './fr.js';
import { createI18n } from './index.js';

function keys(value: unknown, prefix = ''): string[] {
  if (typeof value === 'string') return [prefix];
  if (value === null || typeof value !== 'object') throw new Error(`bad value at ${prefix}`);
  return Object.entries(value).flatMap(([k, v]) => keys(v, prefix === '' ? k : `${prefix}.${k}`));
}

function placeholders(text: string): string[] {
  return [...text.matchAll(/\{\{\s*([\w.]+)\s*\}\}/g)].map((m) => m[1]!).sort();
}

function lookup(messages: unknown, key: string): string {
  let value: unknown = messages;
  for (const part of key.split('.')) value = (value as Record<string, unknown>)[part];
  return value as string;
}

describe('i18n', () => {
  it('[O5] French and English have exactly the same keys', () => {
    expect(keys(en).sort()).toEqual(keys(fr).sort());
  });

  it('[O5] both languages use the same placeholders in each string', () => {
    for (const key of keys(fr)) {
      expect(placeholders(lookup(en, key)), key).toEqual(placeholders(lookup(fr, key)));
    }
  });

  it('[O5] every protocol error code, gender and region has a translation', () => {
    for (const messages of [fr, en]) {
      for (const code of ERROR_CODES)
        expect((messages.errors as Record<string, string>)[code], code).toMatch(/\S/);
      for (const gender of GENDERS) expect(messages.gender[gender]).toMatch(/\S/);
      for (const region of REGIONS) expect(messages.region[region]).toMatch(/\S/);
    }
  });

  it('[O5] French is the default and plurals resolve in both languages', () => {
    const i18n = createI18n();
    expect(i18n.language).toBe('fr');
    expect(i18n.t('rooms.members', { count: 1 })).toBe('1 personne');
    expect(i18n.t('rooms.members', { count: 0 })).toBe('0 personne');
    expect(i18n.t('rooms.members', { count: 12 })).toBe('12 personnes');
    const english = createI18n('en');
    expect(english.t('rooms.members', { count: 1 })).toBe('1 person');
    expect(english.t('rooms.members', { count: 3 })).toBe('3 people');
  });
});
