import { describe, expect, it } from 'vitest';
import type { Statement } from '@salon/protocol';
import type { ModerationApi } from '../api/moderation.js';
import { isPlatformBan, shownStatement, StatementStore, unreadCount } from './statements.js';

const NOW = 1_800_000_000_000;

function statement(change: Partial<Statement> = {}): Statement {
  return {
    id: 's',
    restriction: 'warn',
    roomId: 'general',
    facts: 'f',
    rule: 'r',
    automated: false,
    until: null,
    at: NOW - 1000,
    appeal: 'open',
    ...change,
  };
}

function memoryStorage() {
  const data = new Map<string, string>();
  return {
    getItem: (key: string) => data.get(key) ?? null,
    setItem: (key: string, value: string) => void data.set(key, value),
  };
}

function api(statements: Statement[] = []): ModerationApi {
  return {
    statements: () => Promise.resolve({ ok: true, value: statements }),
    appeal: () => Promise.resolve({ ok: false, failure: { code: 'APPEAL_CLOSED' } }),
  };
}

describe('statements store', () => {
  it('[T3][T4] a platform ban is in force until it ends or is reversed on appeal', () => {
    const ban = statement({ restriction: 'ban', roomId: null });
    expect(isPlatformBan(ban, NOW)).toBe(true);
    expect(isPlatformBan({ ...ban, until: NOW + 1 }, NOW)).toBe(true);
    expect(isPlatformBan({ ...ban, until: NOW - 1 }, NOW)).toBe(false);
    expect(isPlatformBan({ ...ban, appeal: 'reversed' }, NOW)).toBe(false);
    expect(isPlatformBan({ ...ban, roomId: 'general' }, NOW)).toBe(false);
    expect(isPlatformBan({ ...ban, restriction: 'mute' }, NOW)).toBe(false);
  });

  it('[T3] statements are kept newest first; a ban sent with another at the same moment is found', async () => {
    const store = new StatementStore(api([statement({ id: 'old', at: NOW - 10_000 })]), memoryStorage());
    await store.refresh();
    store.add(statement({ id: 'remove', restriction: 'remove', at: NOW }));
    store.add(statement({ id: 'ban', restriction: 'ban', roomId: null, at: NOW }));
    expect(store.getState().statements.map((s) => s.id)).toEqual(['ban', 'remove', 'old']);
    expect(store.platformBan(NOW)?.id).toBe('ban');
  });

  it('[T3] read marks stay on this browser; an unknown answer keeps what was pushed', async () => {
    const storage = memoryStorage();
    const first = new StatementStore(api(), storage);
    first.add(statement({ id: 'a', at: NOW - 5 }));
    first.add(statement({ id: 'b', at: NOW }));
    expect(shownStatement(first.getState())?.id).toBe('b');
    expect(unreadCount(first.getState())).toBe(2);
    first.markRead('b');
    expect(shownStatement(first.getState())?.id).toBe('a');

    const failing: ModerationApi = {
      ...api(),
      statements: () => Promise.resolve({ ok: false, failure: { code: 'NETWORK' } }),
    };
    const second = new StatementStore(failing, storage);
    second.add(statement({ id: 'b', at: NOW }));
    expect(await second.refresh()).toBe(false);
    expect(second.getState().statements.map((s) => s.id)).toEqual(['b']);
    expect(shownStatement(second.getState())).toBeNull();
    second.open('b');
    expect(shownStatement(second.getState())?.id).toBe('b');
    second.markRead('b');
    expect(second.getState().opened).toBeNull();
  });
});
