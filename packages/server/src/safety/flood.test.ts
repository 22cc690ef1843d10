import { describe, expect, it } from 'vitest';
import { ManualClock } from '../clock.js';
import { ConnectionCounter, REPEAT_MEMORY, RepeatGuard, repeatKey } from './flood.js';

describe('connections per address', () => {
  it('[T5] counts open connections per address and forgets closed ones', () => {
    const counter = new ConnectionCounter(2);
    expect(counter.tryOpen('198.51.100.1')).toBe(true);
    expect(counter.tryOpen('198.51.100.1')).toBe(true);
    expect(counter.tryOpen('198.51.100.1')).toBe(false);
    expect(counter.tryOpen('198.51.100.2')).toBe(true);
    expect(counter.count('198.51.100.1')).toBe(2);
    counter.close('198.51.100.1');
    expect(counter.tryOpen('198.51.100.1')).toBe(true);
    counter.close('198.51.100.1');
    counter.close('198.51.100.1');
    counter.close('198.51.100.2');
    expect(counter.addresses).toBe(0);
  });
});

describe('repeated messages', () => {
  const WINDOW = 60_000;

  it('[T5] compares texts trimmed, without case and with runs of spaces as one', () => {
    expect(repeatKey('  Achetez   MAINTENANT\n ')).toBe('achetez maintenant');
  });

  it('[T5] refuses the same text past the limit, in any room, and says how long to wait', () => {
    const clock = new ManualClock();
    const guard = new RepeatGuard(3, WINDOW, clock);
    expect(guard.check('u1', 'Achetez maintenant', 'c1')).toBe(0);
    clock.advance(1000);
    expect(guard.check('u1', 'achetez  MAINTENANT ', 'c2')).toBe(0);
    expect(guard.check('u1', 'autre chose', 'c3')).toBe(0);
    expect(guard.check('u1', 'ACHETEZ maintenant', 'c4')).toBe(0);
    expect(guard.check('u1', 'achetez maintenant', 'c5')).toBe(WINDOW - 1000);
    // Someone else may say the same thing.
    expect(guard.check('u2', 'achetez maintenant', 'c1')).toBe(0);
    // Refused attempts are not counted: once the first one leaves the window, one more passes.
    clock.advance(WINDOW - 1000);
    expect(guard.check('u1', 'achetez maintenant', 'c6')).toBe(0);
    expect(guard.check('u1', 'achetez maintenant', 'c7')).toBeGreaterThan(0);
  });

  it('[T5][R7] a resend with the same cid is not a repeat; an empty text never is', () => {
    const guard = new RepeatGuard(1, WINDOW, new ManualClock());
    expect(guard.check('u1', 'salut', 'c1')).toBe(0);
    expect(guard.check('u1', 'salut', 'c1')).toBe(0);
    expect(guard.check('u1', 'salut', 'c2')).toBeGreaterThan(0);
    for (let i = 0; i < 5; i++) expect(guard.check('u1', '  ', `e${i}`)).toBe(0);
  });

  it('[T5] keeps a small ring per user and forgets users quiet for a whole window', () => {
    const clock = new ManualClock();
    const guard = new RepeatGuard(2, WINDOW, clock);
    // The ring holds the last REPEAT_MEMORY messages: older ones no longer count.
    guard.check('u1', 'spam', 'a');
    guard.check('u1', 'spam', 'b');
    for (let i = 0; i < REPEAT_MEMORY; i++) guard.check('u1', `message ${i}`, `m${i}`);
    expect(guard.check('u1', 'spam', 'c')).toBe(0);
    for (let i = 0; i < 1000; i++) guard.check(`user${i}`, 'bonjour', 'x');
    expect(guard.size).toBe(1001);
    clock.advance(WINDOW + 1);
    guard.check('u1', 'encore', 'd');
    expect(guard.size).toBe(1);
  });
});
