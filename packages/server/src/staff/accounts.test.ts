import { Secret, TOTP } from 'otpauth';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { ManualClock, cryptoRandom } from '../clock.js';
import { parseConfig } from '../config/load.js';
import { SalonError } from '../errors.js';
import { AuditLog } from '../safety/audit.js';
import { Limiter } from '../safety/limiter.js';
import { openStore, type Store } from '../store/index.js';
import { sha256Hex } from '../util/hash.js';
import { StaffService, staffPasswordProblem } from './accounts.js';

const PASSWORD = 'Un long mot de passe du personnel';

describe('staff password policy', () => {
  it('[O3] at least 12 characters, then the user rules (name, variety, common passwords)', () => {
    expect(staffPasswordProblem('Abcdefghij1', 'alice')).toMatch(/at least 12/);
    expect(staffPasswordProblem('Abcdefghij12', 'alice')).toBeNull();
    expect(staffPasswordProblem('my alice password', 'Alice')).toMatch(/nickname/);
    expect(staffPasswordProblem('abababababababab', 'alice')).toMatch(/different/);
    expect(staffPasswordProblem('passwordpassword', 'alice')).toMatch(/common/);
    expect(staffPasswordProblem('x'.repeat(129) + 'abcd', 'alice')).toMatch(/128/);
  });
});

describe('staff service', () => {
  let store: Store;
  let service: StaffService;
  const clock = new ManualClock(1_700_000_010_000);
  const code = (secret: string) =>
    new TOTP({ secret: Secret.fromBase32(secret) }).generate({ timestamp: clock.now() });

  beforeEach(async () => {
    store = await openStore({ sqlitePath: ':memory:' });
    const config = parseConfig({ staff: { sessionLifetime: '2h' } });
    service = new StaffService({
      store,
      config,
      limiter: new Limiter(config.limits),
      clock,
      random: cryptoRandom,
      audit: new AuditLog(store, clock),
    });
  });
  afterEach(async () => {
    await store.close();
  });

  it('[O3] enrolling again before confirming replaces the secret; only the last one confirms', async () => {
    const created = await service.create('alice', 'admin');
    if (!created.ok) throw new Error(created.problem);
    const first = await service.enrol({ token: created.token, password: PASSWORD });
    const second = await service.enrol({ token: created.token, password: PASSWORD });
    expect(second.secret).not.toBe(first.secret);
    const stale = code(first.secret);
    if (stale !== code(second.secret)) {
      await expect(service.confirmEnrolment({ token: created.token, code: stale })).rejects.toMatchObject({
        code: 'LOGIN_FAILED',
      });
    }
    const signedIn = await service.confirmEnrolment({ token: created.token, code: code(second.secret) });
    expect(signedIn.staff).toEqual({ id: created.staff.id, name: 'alice', role: 'admin' });
    expect(signedIn.expiresAt).toBe(clock.now() + 2 * 3_600_000);
    // Only the hash of the session token is stored.
    expect(await store.staff.sessions.byTokenHash(signedIn.token, clock.now())).toBeNull();
    expect(await store.staff.sessions.byTokenHash(sha256Hex(signedIn.token), clock.now())).toMatchObject({
      staff_id: created.staff.id,
    });
    expect(await service.resolve(signedIn.token)).toEqual(signedIn.staff);
    await service.logout(signedIn.token);
    expect(await service.resolve(signedIn.token)).toBeNull();
  });

  it("[O3] ending all of a member's sessions signs them out; the enrolment code does not log in again", async () => {
    const created = await service.create('bob', 'moderator');
    if (!created.ok) throw new Error(created.problem);
    const { secret } = await service.enrol({ token: created.token, password: PASSWORD });
    const signedIn = await service.confirmEnrolment({ token: created.token, code: code(secret) });
    await store.staff.sessions.deleteAllFor(created.staff.id);
    expect(await service.resolve(signedIn.token)).toBeNull();
    const error = await service
      .login({ name: 'bob', password: PASSWORD, code: code(secret) }, '192.0.2.1')
      .catch((caught: unknown) => caught);
    // The code was used by the enrolment: refused, as a reuse.
    expect(error).toBeInstanceOf(SalonError);
    expect((error as SalonError).code).toBe('LOGIN_FAILED');
  });
});
