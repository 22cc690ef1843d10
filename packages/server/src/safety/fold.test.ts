import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { foldForFilter, nicknameKey } from './fold.js';
import { WordFilter } from './wordfilter.js';

describe('nickname keys', () => {
  it('[E1] folds case, accents, separators and look-alike letters', () => {
    const key = nicknameKey('Anna');
    for (const other of [
      'ANNA',
      'anna',
      'Аnna' /* Cyrillic А */,
      'Ánna',
      'An.na',
      'an_na',
      'Αnnα' /* Greek */,
    ]) {
      expect(nicknameKey(other)).toBe(key);
    }
    expect(nicknameKey('Paul')).toBe(nicknameKey('PAU1'));
    expect(nicknameKey('Toto')).toBe(nicknameKey('T0to'));
    expect(nicknameKey('Emma')).not.toBe(nicknameKey('Emmy'));
  });

  it('[E1] is stable: folding a key again changes nothing', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 30 }), (s) => {
        const key = nicknameKey(s);
        expect(nicknameKey(key)).toBe(key);
      }),
    );
  });
});

describe('word filter folding', () => {
  const filter = WordFilter.load(null);

  it('[E4] matches common substitutions, accents, case and separators', () => {
    for (const name of ['lolita', 'l0lita', 'L0L1TA', 'lôlïta_92', 'l.o.l.i.t.a', 'looolita', '1OLITA']) {
      expect(filter.match(name), name).not.toBeNull();
    }
    expect(foldForFilter('l0lita')).toBe(foldForFilter('lolita'));
  });

  it('[E4] whole-word entries do not fire inside innocent words', () => {
    expect(filter.match('cp')).not.toBeNull();
    expect(filter.match('C.P')).not.toBeNull();
    expect(filter.match('cpu_fan')).toBeNull();
    expect(filter.match('Nazim')).toBeNull();
    expect(filter.match('Badminton')).toBeNull();
    expect(filter.match('Camille')).toBeNull();
    expect(filter.match('Jean-Pierre')).toBeNull();
    expect(filter.match('Éloïse')).toBeNull();
    expect(filter.match('Lolie')).toBeNull();
  });

  it('[E4] reads an operator list with comments and both entry kinds', () => {
    const custom = WordFilter.parse('# comment\nbanane\n=kiwi\n\n');
    expect(custom.size).toBe(2);
    expect(custom.match('b4n4ne')?.entry).toBe('banane');
    expect(custom.match('kiwi')?.entry).toBe('=kiwi');
    expect(custom.match('kiwiland')).toBeNull();
  });
});
