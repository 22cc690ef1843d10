import { Secret, TOTP } from 'otpauth';
import type { Clock, Random } from '../clock.js';

/** Shown by authenticator apps next to the account name. */
export const TOTP_ISSUER = 'Salon';
/** RFC 6238 defaults, which every authenticator app supports. */
const PERIOD_S = 30;
const DIGITS = 6;
const SECRET_BYTES = 20;

/** Each staff member's last accepted time step: a code of that step or an earlier one is refused. */
export interface UsedSteps {
  /** Records `step` for the staff member unless it is not after the last one; true when recorded. */
  claim(staffId: string, step: number, current: number): boolean | Promise<boolean>;
}

/** In this process (one node); empty after a restart. */
export class MemoryUsedSteps implements UsedSteps {
  /** Staff id → last accepted time step. */
  private readonly lastStep = new Map<string, number>();

  claim(staffId: string, step: number, current: number): boolean {
    const last = this.lastStep.get(staffId);
    if (last !== undefined && step <= last) return false;
    // Entries older than the window can never refuse a code again: forget them.
    for (const [id, seen] of this.lastStep) if (seen < current - 1) this.lastStep.delete(id);
    this.lastStep.set(staffId, step);
    return true;
  }
}

/**
 * O3: time-based one-time codes for staff (RFC 6238: SHA-1, 6 digits, 30 s). A code is accepted
 * one step early or late, for clock drift, and each code works once: a staff member's last
 * accepted step is remembered (`UsedSteps`: in memory, or in Redis across a cluster), and a code
 * of that step or an earlier one is refused.
 */
export class Totp {
  constructor(
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly used: UsedSteps = new MemoryUsedSteps(),
  ) {}

  /** A new 160-bit secret, in base32 as authenticator apps take it. */
  newSecret(): string {
    return new Secret({ buffer: Uint8Array.from(this.random.bytes(SECRET_BYTES)).buffer }).base32;
  }

  /** The otpauth:// URI for a QR code or a link. */
  uri(name: string, secret: string): string {
    return this.totp(secret, name).toString();
  }

  /**
   * True when `code` is this secret's code for the current step or one step either side, and no
   * code of that step or a later one was accepted for this staff member already.
   */
  async verify(staffId: string, secret: string, code: string): Promise<boolean> {
    const token = code.replace(/\s+/g, '');
    if (!new RegExp(`^\\d{${DIGITS}}$`).test(token)) return false;
    const now = this.clock.now();
    const delta = this.totp(secret).validate({ token, timestamp: now, window: 1 });
    if (delta === null) return false;
    const current = TOTP.counter({ period: PERIOD_S, timestamp: now });
    return this.used.claim(staffId, current + delta, current);
  }

  private totp(secret: string, label = ''): TOTP {
    return new TOTP({
      issuer: TOTP_ISSUER,
      label,
      algorithm: 'SHA1',
      digits: DIGITS,
      period: PERIOD_S,
      secret: Secret.fromBase32(secret),
    });
  }
}
