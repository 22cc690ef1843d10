import { Secret, TOTP } from 'otpauth';
import type { StaffMe, StaffRole } from '@salon/protocol';
import { systemClock, type Clock } from '../../src/clock.js';
import { STAFF_COOKIE } from '../../src/http/staff-auth.js';
import { mergeCookies, type TestServer } from './server.js';

/** An enrolled staff member, ready to use in HTTP tests. */
export interface TestStaff {
  staff: StaffMe;
  name: string;
  password: string;
  /** Base32 TOTP secret. */
  secret: string;
  /** A signed-in `Cookie` header value (`salon_staff=…`), from the enrolment. */
  cookie: string;
  /** The code for the step of `at` (default: the server clock's now). */
  code(at?: number): string;
  /** A code not used yet (for a login typed into the console page). */
  nextCode(): string;
  /**
   * Logs in through `POST /api/staff/login` with a code not used yet and returns the new cookie.
   * Each code works once: after about three logins within 30 s, move the clock on.
   */
  login(): Promise<string>;
}

let counter = 0;

/** A name no other test uses. */
export function uniqueStaffName(prefix = 'staff'): string {
  counter += 1;
  return `${prefix}${counter}x${Math.floor(Math.random() * 1000)}`;
}

export const STAFF_PASSWORD = 'Un long mot de passe du personnel';

/**
 * O3: creates a staff account and enrols it through the service (no CLI, no HTTP), quickly.
 * `clock` must be the server's clock when the test gave it one (codes depend on the time).
 */
export async function createStaff(
  server: Pick<TestServer, 'app' | 'url'>,
  options: { name?: string; role?: StaffRole; password?: string; clock?: Clock } = {},
): Promise<TestStaff> {
  const service = server.app.services.staff;
  const clock = options.clock ?? systemClock;
  const name = options.name ?? uniqueStaffName();
  const password = options.password ?? STAFF_PASSWORD;
  const created = await service.create(name, options.role ?? 'admin');
  if (!created.ok) throw new Error(`staff account not created: ${created.problem}`);
  const { secret } = await service.enrol({ token: created.token, password });
  const totp = new TOTP({ secret: Secret.fromBase32(secret) });
  const code = (at = clock.now()) => totp.generate({ timestamp: at });
  // Codes are used in step order from one step early, so that up to three can be used at once.
  let lastStep = -Infinity;
  const nextCode = (): string => {
    const current = TOTP.counter({ timestamp: clock.now() });
    const step = [current - 1, current, current + 1].find((candidate) => candidate > lastStep);
    if (step === undefined) throw new Error('every code of this time window is used: move the clock on');
    lastStep = step;
    return code(step * 30_000);
  };
  const signedIn = await service.confirmEnrolment({ token: created.token, code: nextCode() });
  return {
    staff: signedIn.staff,
    name,
    password,
    secret,
    cookie: `${STAFF_COOKIE}=${signedIn.token}`,
    code,
    nextCode,
    async login() {
      const response = await fetch(`${server.url}/api/staff/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name, password, code: nextCode() }),
      });
      if (response.status !== 200) throw new Error(`staff login failed: ${response.status}`);
      return mergeCookies('', response);
    },
  };
}
