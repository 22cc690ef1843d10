import { hash, verify } from '@node-rs/argon2';
import { LIMITS, LoginRequest, RegisterRequest } from '@salon/protocol';
import { randomToken, type Clock, type Random } from '../clock.js';
import type { Config } from '../config/schema.js';
import { SalonError } from '../errors.js';
import type { SessionRow, Store } from '../store/index.js';
import { sha256Hex } from '../util/hash.js';
import type { AuditLog } from './audit.js';
import type { EntryContext, EntryService } from './entry.js';
import { nicknameKey } from './fold.js';
import type { Limiter } from './limiter.js';

/** Passwords too common to accept, whatever their length. */
const COMMON = new Set([
  'motdepasse',
  'motdepasse1',
  'motdepasse123',
  'password123',
  'password1234',
  'passwordpassword',
  '1234567890',
  '12345678910',
  '0123456789',
  'azertyuiop',
  'qwertyuiop',
  'azerty1234',
  'qwerty1234',
  'iloveyou123',
  'jetaime123',
  'doudou1234',
  'soleil1234',
]);

/**
 * E5 password policy: 10 to 128 characters; not the nickname; not one character repeated; not on
 * the list of most common passwords.
 */
export function passwordProblem(password: string, nickname: string): string | null {
  const length = [...password].length;
  if (length < LIMITS.passwordMin || length > LIMITS.passwordMax) {
    return `A password has ${LIMITS.passwordMin} to ${LIMITS.passwordMax} characters.`;
  }
  const lower = password.toLowerCase();
  if (lower.includes(nickname.toLowerCase())) return 'A password must not contain the nickname.';
  if (new Set(lower).size < 4) return 'A password needs more different characters.';
  if (COMMON.has(lower)) return 'This password is too common.';
  return null;
}

// A valid hash to verify against when the nickname is unknown, so timing does not tell.
const DUMMY_HASH = hash('not a real password, only for timing');

/** E5: registered nicknames (nickname + argon2id password, no e-mail) and login. */
export class AccountService {
  constructor(
    private readonly store: Store,
    private readonly config: Readonly<Config>,
    private readonly entry: EntryService,
    private readonly limiter: Limiter,
    private readonly clock: Clock,
    private readonly random: Random,
    private readonly audit: AuditLog,
  ) {}

  /** T8: limiter key → end of the lock-out already logged, so one lock-out is one entry. */
  private readonly lockouts = new Map<string, number>();

  /** Counts a login attempt; a refusal by the limiter is a lock-out, logged once while it lasts. */
  private async consumeLogin(scope: 'address' | 'nickname', key: string): Promise<void> {
    try {
      await this.limiter.consume('logins', key);
    } catch (error) {
      if (error instanceof SalonError && error.code === 'RATE_LIMITED') {
        const now = this.clock.now();
        const logged = this.lockouts.get(key);
        if (logged === undefined || logged <= now) {
          if (this.lockouts.size >= 10_000) {
            for (const [other, until] of this.lockouts) if (until <= now) this.lockouts.delete(other);
          }
          this.lockouts.set(key, now + (error.extra.retryAfterMs ?? 0));
          try {
            // Only the scope: neither the address nor the nickname is written to the log.
            await this.audit.record({
              actorKind: 'system',
              actorId: null,
              action: 'login.locked',
              targetKind: null,
              targetId: null,
              details: { scope },
            });
          } catch (failure) {
            this.lockouts.delete(key);
            throw failure;
          }
        }
      }
      throw error;
    }
  }

  async isRegistered(userId: string): Promise<boolean> {
    return (await this.store.registrations.byUser(userId)) !== null;
  }

  /** Reserves the session's nickname with a password. */
  async register(session: SessionRow, body: unknown): Promise<void> {
    const parsed = RegisterRequest.safeParse(body);
    if (!parsed.success) throw new SalonError('PASSWORD_WEAK', 'Choose a password.');
    const problem = passwordProblem(parsed.data.password, session.nickname);
    if (problem) throw new SalonError('PASSWORD_WEAK', problem);
    const created = await this.store.registrations.create({
      nickname_key: session.nickname_key,
      user_id: session.id,
      password_hash: await hash(parsed.data.password),
      created_at: this.clock.now(),
    });
    if (!created) throw new SalonError('ALREADY_REGISTERED', 'This nickname is registered already.');
  }

  /**
   * Logs in to a registered nickname: the same identity comes back with a new token. Limited per
   * address and per nickname; a wrong nickname and a wrong password get the same answer.
   */
  async login(body: unknown, context: EntryContext): Promise<{ session: SessionRow; token: string }> {
    const until = await this.entry.cooldownUntil(context);
    if (until !== null)
      throw new SalonError('AGE_COOLDOWN', 'Entry is closed for this browser and network for now.', {
        until,
      });
    const parsed = LoginRequest.safeParse(body);
    if (!parsed.success) throw new SalonError('LOGIN_FAILED', 'Wrong nickname or password.');
    const key = nicknameKey(parsed.data.nickname.normalize('NFC').trim());
    await this.consumeLogin('address', `address:${context.address}`);
    await this.consumeLogin('nickname', `nickname:${key}`);
    const registration = await this.store.registrations.byKey(key);
    const valid = await verify(registration?.password_hash ?? (await DUMMY_HASH), parsed.data.password);
    const session = registration && valid ? await this.store.sessions.byId(registration.user_id) : null;
    if (!session) throw new SalonError('LOGIN_FAILED', 'Wrong nickname or password.');
    const token = randomToken(this.random, 256);
    const now = this.clock.now();
    const expiresAt = now + this.config.entry.sessionLifetime;
    await this.store.sessions.rotateToken(session.id, sha256Hex(token), now, expiresAt);
    return {
      session: {
        ...session,
        token_hash: sha256Hex(token),
        seen_at: now,
        expires_at: expiresAt,
        ended_at: null,
      },
      token,
    };
  }
}
