import { describe, expect, it } from 'vitest';
import type { Member, RoomRole } from '@salon/protocol';
import { bob } from '../test/chatHarness.js';
import { canModerate, memberActions } from './roles.js';

const NOW = 1_000_000;
const as = (role: RoomRole, change: Partial<Member> = {}): Member => ({ ...bob, role, ...change });
const menu = (viewerRole: RoomRole | undefined, target: Member, blocked = false) =>
  memberActions({ viewerId: 'me', viewerRole, target, blocked, now: NOW });

describe('member menu actions by role (R3)', () => {
  it('[R3] the owner acts on everyone else: moderation, promote, transfer', () => {
    expect(menu('owner', as('member'))).toEqual([
      'message',
      'block',
      'kick',
      'mute',
      'ban',
      'promote',
      'transfer',
    ]);
    expect(menu('owner', as('moderator'))).toEqual([
      'message',
      'block',
      'kick',
      'mute',
      'ban',
      'demote',
      'transfer',
    ]);
  });

  it('[R3] a moderator acts on plain members only, and never promotes or transfers', () => {
    expect(menu('moderator', as('member'))).toEqual(['message', 'block', 'kick', 'mute', 'ban']);
    expect(menu('moderator', as('moderator'))).toEqual(['message', 'block']);
    expect(menu('moderator', as('owner'))).toEqual(['message', 'block']);
  });

  it('[R3] a member (or someone outside the room) moderates nobody; nobody acts on the owner', () => {
    expect(menu('member', as('member'))).toEqual(['message', 'block']);
    expect(menu(undefined, as('member'))).toEqual(['message', 'block']);
    expect(menu('owner', as('owner'))).toEqual(['message', 'block']);
    for (const viewer of ['owner', 'moderator', 'member'] as const) {
      expect(canModerate(viewer, 'owner')).toBe(false);
    }
  });

  it('[R3] a muted member can be unmuted; an expired mute counts as none', () => {
    expect(menu('owner', as('member', { mutedUntil: NOW + 60_000 }))).toContain('unmute');
    expect(menu('owner', as('member', { mutedUntil: NOW + 60_000 }))).not.toContain('mute');
    expect(menu('owner', as('member', { mutedUntil: NOW - 1 }))).toContain('mute');
  });

  it('[P1][P3] private message and block (or unblock) for anyone but myself', () => {
    expect(menu('member', as('member'), true)).toEqual(['message', 'unblock']);
    expect(
      memberActions({ viewerId: 'bob', viewerRole: 'owner', target: as('owner'), blocked: false, now: NOW }),
    ).toEqual([]);
  });
});
