import { describe, expect, it } from 'vitest';
import { inviteUrl, parseInviteHash } from './inviteLink.js';

describe('invite links', () => {
  it('[R2] builds Salon’s address with #join=<token>', () => {
    expect(inviteUrl('https://salon.example', 'Ab_9-x')).toBe('https://salon.example/#join=Ab_9-x');
  });

  it('[R2] reads the token from the hash, with or without the #', () => {
    expect(parseInviteHash('#join=Ab_9-x')).toBe('Ab_9-x');
    expect(parseInviteHash('join=Ab_9-x')).toBe('Ab_9-x');
    expect(parseInviteHash('#lang=fr&join=tok')).toBe('tok');
    expect(parseInviteHash(`#${new URL(inviteUrl('http://h', 'a.b~c')).hash.slice(1)}`)).toBe('a.b~c');
  });

  it('[R2] ignores hashes without a usable token', () => {
    for (const hash of ['', '#', '#salon-messages', '#join=', '#join=%20', '#join=<script>', '#join=a%2Fb']) {
      expect(parseInviteHash(hash), hash).toBeNull();
    }
    expect(parseInviteHash(`#join=${'a'.repeat(129)}`)).toBeNull();
    expect(parseInviteHash(`#join=${'a'.repeat(128)}`)).toBe('a'.repeat(128));
  });
});
