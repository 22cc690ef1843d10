import { describe, expect, it } from 'vitest';
import {
  CLIENT_MESSAGE_TYPES,
  ClientMessage,
  ERROR_CODES,
  EntryRequest,
  LIMITS,
  ServerMessageUnion,
  isErrorCode,
  nicknameProblem,
} from './index.js';

describe('protocol', () => {
  it('lists every client message type once', () => {
    expect(new Set(CLIENT_MESSAGE_TYPES).size).toBe(CLIENT_MESSAGE_TYPES.length);
    expect(CLIENT_MESSAGE_TYPES).toContain('hello');
  });

  it('rejects frames without a known type or with wrong fields', () => {
    expect(ClientMessage.safeParse({ type: 'nope' }).success).toBe(false);
    expect(ClientMessage.safeParse({ type: 'room.join', id: 'a' }).success).toBe(false);
    expect(
      ClientMessage.safeParse({ type: 'room.join', id: 'a', roomId: 'general', after: -1 }).success,
    ).toBe(false);
    expect(ClientMessage.safeParse({ type: 'room.join', id: 'a', roomId: 'general', after: 3 }).success).toBe(
      true,
    );
    expect(ClientMessage.safeParse({ type: 'ping', id: 'x'.repeat(LIMITS.maxIdChars + 1) }).success).toBe(
      false,
    );
  });

  it('[E1] checks nickname length and characters after NFC', () => {
    expect(nicknameProblem('Zoé')).toBeNull();
    expect(nicknameProblem('Zoe\u0301')).toBeNull();
    expect(nicknameProblem('a')).toBe('length');
    expect(nicknameProblem('x'.repeat(21))).toBe('length');
    expect(nicknameProblem('jean-paul.2_b')).toBeNull();
    expect(nicknameProblem('jean paul')).toBe('characters');
    expect(nicknameProblem('<b>hi</b>')).toBe('characters');
  });

  it('[E1] asks nothing beyond nickname, age, gender and region', () => {
    expect(Object.keys(EntryRequest.shape).sort()).toEqual(['age', 'gender', 'nickname', 'region']);
    expect(EntryRequest.safeParse({ nickname: 'ab', age: 30, gender: 'woman' }).success).toBe(true);
    expect(EntryRequest.safeParse({ nickname: 'ab', age: 30, gender: 'woman', region: 'Lyon' }).success).toBe(
      false,
    );
  });

  it('[R4] has no location field in a member', () => {
    const member = ServerMessageUnion.options.find((o) => o.shape.type.value === 'member.joined')!;
    const keys = Object.keys((member.shape as { member: { shape: object } }).member.shape);
    expect(keys.sort()).toEqual([
      'age',
      'gender',
      'mutedUntil',
      'nickname',
      'region',
      'role',
      'status',
      'userId',
    ]);
  });

  it('knows its error codes', () => {
    expect(isErrorCode('RATE_LIMITED')).toBe(true);
    expect(isErrorCode('NOPE')).toBe(false);
    expect(new Set(ERROR_CODES).size).toBe(ERROR_CODES.length);
  });
});
