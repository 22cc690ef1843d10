import { describe, expect, it } from 'vitest';
import { CLIENT_MESSAGE_TYPES } from '@salon/protocol';
import { HANDLERS } from './index.js';

describe('handler table', () => {
  it('has exactly one handler per client message type, with its own schema', () => {
    expect(Object.keys(HANDLERS).sort()).toEqual([...CLIENT_MESSAGE_TYPES].sort());
    for (const type of CLIENT_MESSAGE_TYPES) {
      const handler = HANDLERS[type];
      expect(handler.schema.safeParse({ type: 'something-else' }).success, type).toBe(false);
      expect(handler.needsSession, type).toBe(type !== 'hello');
    }
  });
});
