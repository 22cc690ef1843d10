import { describe, expect, it } from 'vitest';
import fc from 'fast-check';
import { mentions, splitText } from './textParts.js';

describe('splitText', () => {
  it('[R5] keeps plain text as one text part', () => {
    expect(splitText('bonjour à tous')).toEqual([{ kind: 'text', text: 'bonjour à tous' }]);
  });

  it('[R5] finds http(s) links and trims sentence punctuation', () => {
    expect(splitText('voir https://example.com/a?b=1. Merci')).toEqual([
      { kind: 'text', text: 'voir ' },
      { kind: 'link', text: 'https://example.com/a?b=1', url: 'https://example.com/a?b=1' },
      { kind: 'text', text: '. Merci' },
    ]);
    expect(splitText('(http://example.org/x)')).toEqual([
      { kind: 'text', text: '(' },
      { kind: 'link', text: 'http://example.org/x', url: 'http://example.org/x' },
      { kind: 'text', text: ')' },
    ]);
    expect(splitText('https://fr.wikipedia.org/wiki/Salon_(lieu)')[0]).toMatchObject({
      kind: 'link',
      text: 'https://fr.wikipedia.org/wiki/Salon_(lieu)',
    });
  });

  it('[R5] treats www. addresses as https links', () => {
    expect(splitText('www.example.fr!')).toEqual([
      { kind: 'link', text: 'www.example.fr', url: 'https://www.example.fr/' },
      { kind: 'text', text: '!' },
    ]);
  });

  it('[R5] never turns other schemes into links', () => {
    for (const text of [
      'javascript:alert(1)',
      'data:text/html,<b>x</b>',
      'file:///etc/passwd',
      'ftp://x.y',
    ]) {
      expect(splitText(text).every((p) => p.kind !== 'link')).toBe(true);
    }
  });

  it('[R5] leaves HTML as text', () => {
    const text = '<img src=x onerror=alert(1)>';
    expect(splitText(text)).toEqual([{ kind: 'text', text }]);
  });

  it('[R5] marks @mentions but not e-mail addresses', () => {
    expect(splitText('salut @Bob_92, écris à bob@example.com')).toEqual([
      { kind: 'text', text: 'salut ' },
      { kind: 'mention', text: '@Bob_92', nickname: 'Bob_92' },
      { kind: 'text', text: ', écris à bob@example.com' },
    ]);
    expect(splitText('@Zoé.')).toEqual([
      { kind: 'mention', text: '@Zoé', nickname: 'Zoé' },
      { kind: 'text', text: '.' },
    ]);
    expect(mentions('coucou @alice !', 'Alice')).toBe(true);
    expect(mentions('coucou @alicette', 'Alice')).toBe(false);
  });

  it('[R5] the parts always join back into the original text', () => {
    const pieces = fc.constantFrom(
      'https://a.fr/x',
      'www.b.com',
      '@nick',
      ' ',
      '.',
      ')',
      '(',
      '<b>',
      'é',
      'http://',
      'www.',
      '@',
      'x',
      '\n',
    );
    fc.assert(
      fc.property(fc.array(pieces, { maxLength: 20 }), (list) => {
        const text = list.join('');
        expect(
          splitText(text)
            .map((p) => p.text)
            .join(''),
        ).toBe(text);
      }),
    );
    fc.assert(
      fc.property(fc.string({ maxLength: 80 }), (text) => {
        expect(
          splitText(text)
            .map((p) => p.text)
            .join(''),
        ).toBe(text);
      }),
    );
  });
});
