import { hash, verify } from '@node-rs/argon2';
import {
  EnrolConfirmRequest,
  EnrolRequest,
  STAFF_ROLES,
  StaffLoginRequest,
  type StaffMe,
  type StaffRole,
} from '@salon/protocol';
import { randomToken, type Clock, type Random } from '../clock.js';
import type { Config } from '../config/schema.js';
import { SalonError } from '../errors.js';
import { passwordProblem } from '../safety/accounts.js';
import type { AuditLog } from '../safety/audit.js';
import type { Limiter } from '../safety/limiter.js';
import type { StaffRow, Store } from '../store/index.js';
import { sha256Hex } from '../util/hash.js';
import { Totp, type UsedSteps } from './totp.js';

/** O3: staff names: 2 to 40 letters, digits, `_`, `.` and `-`. */
export const STAFF_NAME = /^[A-Za-z0-9_.-]{2,40}$/;
/** O3: a staff password has at least this many characters (users' passwords have fewer). */
export const STAFF_PASSWORD_MIN = 12;
/** How long an enrolment link works. */
export const ENROL_LIFETIME_MS = 24 * 3_600_000;

const LOGIN_FAILED = 'Wrong name, password or code.';
const ENROL_INVALID = 'This enrolment link is unknown, used or expired. Ask an admin for a new one.';

// A valid hash to verify against when the name is unknown, so timing does not tell.
const DUMMY_HASH = hash('not a real password, only for timing');

/** Why a login failed, as written to the audit log (never shown to the person logging in). */
type LoginFailure = 'unknown_name' | 'password' | 'not_enrolled' | 'disabled' | 'code';

export interface StaffServiceDeps {
  store: Store;
  config: Readonly<Config>;
  limiter: Limiter;
  clock: Clock;
  random: Random;
  audit: AuditLog;
  /** Where used TOTP steps are kept (Redis in a cluster); in memory by default. */
  usedSteps?: UsedSteps;
}

export type StaffCreated =
  { ok: true; staff: StaffMe; token: string; expiresAt: number } | { ok: false; problem: string };

/** A staff member signed in, and the session token to give their browser. */
export interface StaffSignedIn {
  staff: StaffMe;
  token: string;
  expiresAt: number;
}

/** The public view of an account, or null when its role is not one Salon knows. */
function toStaffMe(row: StaffRow): StaffMe | null {
  const role = STAFF_ROLES.find((known) => known === row.role);
  return role ? { id: row.id, name: row.name, role } : null;
}

/** O3: password policy for staff: at least 12 characters and the user rules (E5). */
export function staffPasswordProblem(password: string, name: string): string | null {
  if ([...password].length < STAFF_PASSWORD_MIN) {
    return `A staff password has at least ${STAFF_PASSWORD_MIN} characters.`;
  }
  return passwordProblem(password, name);
}

/**
 * O3: staff accounts. An admin creates one from the command line with a one-time enrolment link;
 * its owner chooses a password and sets up TOTP through the link; then logs in with name,
 * password and code. Staff sessions are apart from chat sessions.
 */
export class StaffService {
  private readonly totp: Totp;

  constructor(private readonly deps: StaffServiceDeps) {
    this.totp = new Totp(deps.clock, deps.random, deps.usedSteps);
  }

  /** Creates an account waiting for enrolment; the token is returned once and only its hash kept. */
  async create(name: string, role: StaffRole): Promise<StaffCreated> {
    const { store, clock, random, audit } = this.deps;
    if (!STAFF_NAME.test(name)) {
      return { ok: false, problem: 'A staff name has 2 to 40 letters, digits, "_", "." or "-".' };
    }
    const now = clock.now();
    const token = randomToken(random, 256);
    const expiresAt = now + ENROL_LIFETIME_MS;
    const row: StaffRow = {
      id: `st_${randomToken(random, 96)}`,
      name,
      role,
      password_hash: null,
      totp_secret: null,
      enrol_hash: sha256Hex(token),
      enrol_expires_at: expiresAt,
      created_at: now,
      enrolled_at: null,
      disabled_at: null,
    };
    if (!(await store.staff.create(row))) return { ok: false, problem: `The name "${name}" is taken.` };
    await audit.record({
      actorKind: 'system',
      actorId: null,
      action: 'staff.created',
      targetKind: null,
      targetId: null,
      details: { staffId: row.id, name, role },
    });
    return { ok: true, staff: { id: row.id, name, role }, token, expiresAt };
  }

  /** Enrolment, first step: a password, and a new TOTP secret for the authenticator app. */
  async enrol(body: unknown): Promise<{ secret: string; uri: string }> {
    const parsed = EnrolRequest.safeParse(body);
    if (!parsed.success) throw new SalonError('ENROL_INVALID', ENROL_INVALID);
    const enrolHash = sha256Hex(parsed.data.token);
    const row = await this.deps.store.staff.byEnrolHash(enrolHash, this.deps.clock.now());
    if (!row) throw new SalonError('ENROL_INVALID', ENROL_INVALID);
    const problem = staffPasswordProblem(parsed.data.password, row.name);
    if (problem) throw new SalonError('PASSWORD_WEAK', problem);
    const secret = this.totp.newSecret();
    const stored = await this.deps.store.staff.setCredentials(
      row.id,
      enrolHash,
      await hash(parsed.data.password),
      secret,
    );
    if (!stored) throw new SalonError('ENROL_INVALID', ENROL_INVALID);
    return { secret, uri: this.totp.uri(row.name, secret) };
  }

  /** Enrolment, second step: a first code proves the app was set up; the link is then used up. */
  async confirmEnrolment(body: unknown): Promise<StaffSignedIn> {
    const { store, clock, audit } = this.deps;
    const parsed = EnrolConfirmRequest.safeParse(body);
    if (!parsed.success) throw new SalonError('ENROL_INVALID', ENROL_INVALID);
    const enrolHash = sha256Hex(parsed.data.token);
    const row = await store.staff.byEnrolHash(enrolHash, clock.now());
    const staff = row && toStaffMe(row);
    if (!row || !staff || row.totp_secret === null || row.password_hash === null) {
      throw new SalonError('ENROL_INVALID', ENROL_INVALID);
    }
    if (!(await this.totp.verify(row.id, row.totp_secret, parsed.data.code))) {
      throw new SalonError('LOGIN_FAILED', 'Wrong code: check the authenticator app and try again.');
    }
    if (!(await store.staff.completeEnrolment(row.id, enrolHash, clock.now()))) {
      throw new SalonError('ENROL_INVALID', ENROL_INVALID);
    }
    await audit.record({
      actorKind: 'staff',
      actorId: row.id,
      action: 'staff.enrolled',
      targetKind: null,
      targetId: null,
      details: { staffId: row.id, name: row.name, role: staff.role },
    });
    return this.startSession(staff);
  }

  /**
   * Logs in with name, password and a TOTP code. Limited per address and per name; every failure
   * gets the same answer.
   */
  async login(body: unknown, address: string): Promise<StaffSignedIn> {
    const { store, limiter } = this.deps;
    const parsed = StaffLoginRequest.safeParse(body);
    if (!parsed.success) throw new SalonError('LOGIN_FAILED', LOGIN_FAILED);
    const name = parsed.data.name.trim();
    await limiter.consume('logins', `staff-address:${address}`);
    await limiter.consume('logins', `staff-name:${name.toLowerCase()}`);
    const row = STAFF_NAME.test(name) ? await store.staff.byName(name) : null;
    const valid = await verify(row?.password_hash ?? (await DUMMY_HASH), parsed.data.password);
    const staff = row && toStaffMe(row);
    let failure: LoginFailure | null = null;
    if (!row || !staff) failure = 'unknown_name';
    else if (!valid || row.password_hash === null) failure = 'password';
    else if (row.enrolled_at === null || row.totp_secret === null) failure = 'not_enrolled';
    else if (row.disabled_at !== null) failure = 'disabled';
    else if (!(await this.totp.verify(row.id, row.totp_secret, parsed.data.code))) failure = 'code';
    if (failure !== null || !row || !staff) {
      await this.deps.audit.record({
        ...(row ? { actorKind: 'staff', actorId: row.id } : { actorKind: 'system', actorId: null }),
        action: 'staff.login_failed',
        targetKind: null,
        targetId: null,
        details: { reason: failure ?? 'unknown_name' },
      });
      throw new SalonError('LOGIN_FAILED', LOGIN_FAILED);
    }
    await this.deps.audit.record({
      actorKind: 'staff',
      actorId: row.id,
      action: 'staff.login',
      targetKind: null,
      targetId: null,
      details: {},
    });
    return this.startSession(staff);
  }

  /** The staff member of this session token, or null (unknown, expired, disabled, not enrolled). */
  async resolve(token: string | undefined): Promise<StaffMe | null> {
    if (!token || token.length > 200) return null;
    const { store, clock } = this.deps;
    const session = await store.staff.sessions.byTokenHash(sha256Hex(token), clock.now());
    if (!session) return null;
    const row = await store.staff.byId(session.staff_id);
    if (!row || row.disabled_at !== null || row.enrolled_at === null) return null;
    return toStaffMe(row);
  }

  /** Ends the session of this token, if any. */
  async logout(token: string | undefined): Promise<void> {
    if (!token || token.length > 200) return;
    await this.deps.store.staff.sessions.delete(sha256Hex(token));
  }

  /** How long a staff session lasts from login, in milliseconds. */
  get sessionLifetime(): number {
    return this.deps.config.staff.sessionLifetime;
  }

  private async startSession(staff: StaffMe): Promise<StaffSignedIn> {
    const { store, clock, random } = this.deps;
    const now = clock.now();
    const token = randomToken(random, 256);
    const expiresAt = now + this.sessionLifetime;
    await store.staff.sessions.deleteExpired(now);
    await store.staff.sessions.create({
      token_hash: sha256Hex(token),
      staff_id: staff.id,
      created_at: now,
      expires_at: expiresAt,
    });
    return { staff, token, expiresAt };
  }
}
