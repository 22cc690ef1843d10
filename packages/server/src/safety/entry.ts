import { EntryRequest, nicknameProblem, type ContactPolicy, type ErrorCode, type Me } from '@salon/protocol';
import type { Clock, Random } from '../clock.js';
import { randomToken } from '../clock.js';
import type { Config } from '../config/schema.js';
import { SalonError } from '../errors.js';
import type { Nicknames } from '../chat/nicknames.js';
import type { SessionRow, Store } from '../store/index.js';
import { hmacHex, sha256Hex } from '../util/hash.js';
import type { AuditLog } from './audit.js';
import { nicknameKey } from './fold.js';
import type { WordFilter } from './wordfilter.js';

export interface EntryContext {
  /** The device token from its cookie (E3); always present, the HTTP layer creates one. */
  deviceToken: string;
  /** The client's network address. */
  address: string;
}

export function toMe(row: SessionRow, registered: boolean): Me {
  return {
    registered,
    userId: row.id,
    nickname: row.nickname,
    age: row.age,
    gender: row.gender as Me['gender'],
    region: row.region as Me['region'],
  };
}

/** E1–E4: entry without sign-up, the age gate and session tokens. */
export class EntryService {
  constructor(
    private readonly store: Store,
    private readonly config: Readonly<Config>,
    private readonly nicknames: Nicknames,
    private readonly words: () => WordFilter,
    private readonly clock: Clock,
    private readonly random: Random,
    /** Secret for hashing addresses (kept in the database, shared by nodes). */
    private readonly addressSecret: string,
    private readonly audit: AuditLog,
  ) {}

  /** The keyed hash of a network address (E3, T4): addresses are never stored in clear for this. */
  addressHash(address: string): string {
    return hmacHex(this.addressSecret, address);
  }

  private refusalKeys(context: EntryContext): string[] {
    return [`device:${sha256Hex(context.deviceToken)}`, `address:${this.addressHash(context.address)}`];
  }

  /** E3: when this device or address was refused, the end of the cool-down. */
  async cooldownUntil(context: EntryContext): Promise<number | null> {
    return this.store.refusals.activeUntil(this.refusalKeys(context), this.clock.now());
  }

  /**
   * Validates the entry form and creates a session. Returns the session row and the token for
   * the cookie. Throws SalonError with the code to show.
   */
  async enter(body: unknown, context: EntryContext): Promise<{ session: SessionRow; token: string }> {
    const now = this.clock.now();
    // E3: a refused device or address is refused whatever it now declares.
    const until = await this.cooldownUntil(context);
    if (until !== null) {
      throw new SalonError('AGE_COOLDOWN', 'Entry is closed for this browser and network for now.', {
        until,
      });
    }
    const parsed = EntryRequest.safeParse(body);
    if (!parsed.success) throw entryFormError(parsed.error.issues[0]?.path[0]);
    const form = parsed.data;
    if (form.age < this.config.entry.minAge) {
      const refusedUntil = now + this.config.entry.ageCooldown;
      await this.store.refusals.refuse(this.refusalKeys(context), refusedUntil);
      // T8: logged after the refusal is stored, so a logging failure never lets the visitor retry;
      // it turns the answer into an error. Neither the device token nor the address (nor their
      // hashes) go into the log.
      await this.audit.record({
        actorKind: 'system',
        actorId: null,
        action: 'entry.age_refused',
        targetKind: null,
        targetId: null,
        details: { cooldownUntil: refusedUntil },
      });
      throw new SalonError('AGE_REFUSED', `Salon is for people aged ${this.config.entry.minAge} and over.`, {
        until: refusedUntil,
      });
    }
    const nickname = form.nickname.normalize('NFC').trim();
    const problem = nicknameProblem(nickname);
    if (problem !== null) throw entryFormError('nickname');
    if (this.words().match(nickname)) throw new SalonError('NICK_FORBIDDEN', 'This nickname is not allowed.');
    const key = nicknameKey(nickname);
    if (await this.store.registrations.byKey(key)) {
      throw new SalonError(
        'NICK_REGISTERED',
        'This nickname is registered: log in with its password, or pick another.',
      );
    }
    const session: SessionRow = {
      id: `u_${randomToken(this.random, 96)}`,
      token_hash: '',
      device_hash: sha256Hex(context.deviceToken),
      nickname,
      nickname_key: key,
      age: form.age,
      gender: form.gender,
      region: form.region ?? null,
      created_at: now,
      seen_at: now,
      expires_at: now + this.config.entry.sessionLifetime,
      ended_at: null,
      contact_policy: null,
    };
    if (!(await this.nicknames.isFree(key, session.id))) {
      throw new SalonError('NICK_TAKEN', 'Someone connected is already using this nickname.');
    }
    const token = randomToken(this.random, 256);
    session.token_hash = sha256Hex(token);
    await this.nicknames.claim(key, session.id);
    await this.store.sessions.create(session);
    return { session, token };
  }

  /** E2: the live session for a cookie token, its expiry slid forward; null when none. */
  async resolve(token: string | undefined): Promise<SessionRow | null> {
    if (!token || token.length > 200) return null;
    const now = this.clock.now();
    const session = await this.store.sessions.byTokenHash(sha256Hex(token), now);
    if (!session) return null;
    const expiresAt = now + this.config.entry.sessionLifetime;
    // Write at most once a minute per session.
    if (now - session.seen_at > 60_000) {
      await this.store.sessions.touch(session.id, now, expiresAt);
      session.seen_at = now;
      session.expires_at = expiresAt;
    }
    return session;
  }

  /** Takes the session's nickname in the registry (after a login). */
  async claimNickname(session: SessionRow): Promise<void> {
    await this.nicknames.claim(session.nickname_key, session.id);
  }

  /** True when the session may use its nickname now (nobody connected took it meanwhile). */
  async nicknameAvailable(session: SessionRow): Promise<boolean> {
    return this.nicknames.isFree(session.nickname_key, session.id);
  }

  /** The stored session row (fresh, e.g. for settings changed since the socket opened). */
  current(sessionId: string): Promise<SessionRow | null> {
    return this.store.sessions.byId(sessionId);
  }

  /** P2: stores who may send this user requests. */
  async setContactPolicy(sessionId: string, policy: ContactPolicy): Promise<void> {
    await this.store.sessions.setContactPolicy(sessionId, JSON.stringify(policy));
  }

  async leave(session: SessionRow): Promise<void> {
    await this.nicknames.release(session.id);
    await this.store.sessions.end(session.id, this.clock.now());
  }
}

const FORM_ERRORS: Record<string, [ErrorCode, string]> = {
  nickname: ['NICK_INVALID', 'A nickname has 2 to 20 letters, digits, "_", "-" or ".".'],
  age: ['AGE_INVALID', 'Age must be a whole number.'],
  gender: ['GENDER_INVALID', 'Choose one of the proposed genders.'],
  region: ['REGION_INVALID', 'Choose a region from the list, or none.'],
};

function entryFormError(field: PropertyKey | undefined): SalonError {
  const [code, message] = (typeof field === 'string' ? FORM_ERRORS[field] : undefined) ?? [
    'BAD_MESSAGE',
    'The entry form is incomplete.',
  ];
  return new SalonError(code, message);
}
