import { describe, expect, it } from 'vitest';
import { normalizeUrl, urlsIn, UrlBlocklist } from './urls.js';

describe('URL normalisation', () => {
  it('[S3] folds case, scheme, www, port, trailing slash, fragments and escapes', () => {
    const expected = { host: 'example.com', path: '/bad/page' };
    for (const raw of [
      'https://example.com/bad/page',
      'HTTP://WWW.EXAMPLE.COM/bad/page/',
      'example.com/bad/page',
      'www.example.com:8080/bad/page#top',
      'https://user:pw@example.com./bad//page?x=1',
      'https://example.com/%62ad/page',
      'ｅｘａｍｐｌｅ.com/bad/page',
    ]) {
      expect(normalizeUrl(raw), raw).toEqual(expected);
    }
    expect(normalizeUrl('not a url')).toBeNull();
    expect(normalizeUrl('http://[::1')).toBeNull();
  });

  it('[S3] finds links in a message, with or without a scheme', () => {
    expect(urlsIn('va sur https://a.example.org/x et www.b.fr, ou c.net/y.').map((u) => u.host)).toEqual([
      'a.example.org',
      'b.fr',
      'c.net',
    ]);
    expect(urlsIn('rien ici, juste 3.14 et 10.5')).toEqual([]);
  });
});

describe('URL blocklist', () => {
  const list = UrlBlocklist.parse('# comment\nbad.example\nexample.org/private\n\nnot a url\n', 'test');

  it('[S3] blocks a listed host and its subdomains', () => {
    expect(list.matchText('https://bad.example/anything')).toBe('test:2');
    expect(list.matchText('voir http://cdn.BAD.example')).toBe('test:2');
    expect(list.matchText('notbad.example.com')).toBeNull();
  });

  it('[S3] blocks a listed path and below it, not its neighbours', () => {
    expect(list.matchText('example.org/private')).toBe('test:3');
    expect(list.matchText('https://www.example.org/private/photos?id=1')).toBe('test:3');
    expect(list.matchText('https://example.org/%70rivate/')).toBe('test:3');
    expect(list.matchText('https://example.org/privateer')).toBeNull();
    expect(list.matchText('https://example.org/')).toBeNull();
    expect(list.size).toBe(2);
  });
});
