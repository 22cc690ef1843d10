import { Secret, TOTP } from 'otpauth';
import { describe, expect, it } from 'vitest';
import { ManualClock, cryptoRandom } from '../clock.js';
import { Totp } from './totp.js';

const STEP = 30_000;

function setup() {
  // On a step boundary, so that moving by whole steps stays clear of the edges.
  const clock = new ManualClock(1_700_000_010_000);
  const totp = new Totp(clock, cryptoRandom);
  const secret = totp.newSecret();
  const codeAt = (at: number) => new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: at });
  return { clock, totp, secret, codeAt };
}

describe('TOTP for staff', () => {
  it('[O3] makes 160-bit base32 secrets, different each time', () => {
    const { totp, secret } = setup();
    expect(secret).toMatch(/^[A-Z2-7]{32}$/);
    expect(Secret.fromBase32(secret).bytes).toHaveLength(20);
    expect(totp.newSecret()).not.toBe(secret);
  });

  it('[O3] gives an otpauth:// URI with the issuer "Salon" and the staff name', () => {
    const { totp, secret } = setup();
    const uri = new URL(totp.uri('alice.b', secret));
    expect(uri.protocol).toBe('otpauth:');
    expect(uri.host).toBe('totp');
    expect(decodeURIComponent(uri.pathname)).toBe('/Salon:alice.b');
    expect(uri.searchParams.get('issuer')).toBe('Salon');
    expect(uri.searchParams.get('secret')).toBe(secret);
    expect(uri.searchParams.get('digits')).toBe('6');
    expect(uri.searchParams.get('period')).toBe('30');
  });

  it('[O3] accepts the current code and one step either side, not two', async () => {
    for (const [offset, accepted] of [
      [0, true],
      [-1, true],
      [1, true],
      [-2, false],
      [2, false],
    ] as const) {
      const { clock, totp, secret, codeAt } = setup();
      expect(await totp.verify('st_1', secret, codeAt(clock.now() + offset * STEP)), `step ${offset}`).toBe(
        accepted,
      );
    }
  });

  it('[O3] refuses a code already used, and any earlier one, for the same staff member', async () => {
    const { clock, totp, secret, codeAt } = setup();
    const now = clock.now();
    expect(await totp.verify('st_1', secret, codeAt(now))).toBe(true);
    expect(await totp.verify('st_1', secret, codeAt(now))).toBe(false);
    expect(await totp.verify('st_1', secret, codeAt(now - STEP))).toBe(false);
    clock.advance(STEP / 2);
    expect(await totp.verify('st_1', secret, codeAt(now))).toBe(false);
    // The next step's code is new.
    expect(await totp.verify('st_1', secret, codeAt(now + STEP))).toBe(true);
    clock.advance(STEP * 2);
    expect(await totp.verify('st_1', secret, codeAt(clock.now()))).toBe(true);
  });

  it('[O3] remembers used codes per staff member', async () => {
    const { clock, totp, secret, codeAt } = setup();
    const code = codeAt(clock.now());
    expect(await totp.verify('st_1', secret, code)).toBe(true);
    expect(await totp.verify('st_2', secret, code)).toBe(true);
  });

  it('[O3] takes spaces inside the code, and refuses anything but six digits', async () => {
    const { clock, totp, secret, codeAt } = setup();
    const code = codeAt(clock.now());
    for (const bad of ['', '12345', '1234567', 'abcdef', `${code}0`, ` ${code.slice(1)}`]) {
      expect(await totp.verify('st_1', secret, bad), bad).toBe(false);
    }
    expect(await totp.verify('st_1', secret, `${code.slice(0, 3)} ${code.slice(3)}`)).toBe(true);
  });
});
