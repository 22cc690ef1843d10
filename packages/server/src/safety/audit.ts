import type { ModerationAction, ModerationCaseAction } from '@salon/protocol';
import type { Clock } from '../clock.js';
import { auditHash, GENESIS_HASH, type AuditActorKind, type AuditEntry, type Store } from '../store/index.js';
import { KeyedQueue } from '../util/keyed-queue.js';

/** Every action the log knows; add new ones here. */
export type AuditAction =
  | `room.${ModerationAction}`
  | 'entry.age_refused'
  | 'login.locked'
  | 'media.quarantined'
  | 'staff.created'
  | 'staff.enrolled'
  | 'staff.login'
  | 'staff.login_failed'
  | `case.${ModerationCaseAction}`
  | 'appeal.decided'
  | 'case.legal_request'
  | 'case.bundle_exported'
  | 'alert.resolved'
  | 'stream.ended';

/**
 * Facts about an action: ids, durations, reasons. Never a network address, a token or a hash of
 * either (T11). Keys whose value is undefined are left out.
 */
export type AuditDetails = Readonly<Record<string, string | number | boolean | null | undefined>>;

export interface AuditRecord {
  actorKind: AuditActorKind;
  /** The acting user or staff id; null for the system. */
  actorId: string | null;
  action: AuditAction;
  targetKind: 'user' | 'room' | 'media' | 'staff' | 'case' | 'appeal' | 'alert' | null;
  targetId: string | null;
  details: AuditDetails;
}

/** Why `verify` stopped, by kind of break. */
export const AUDIT_BREAKS = {
  hash: 'its content does not match its hash',
  link: 'its prev_hash does not match the hash of the entry before it (chain broken)',
  missing: 'the entry is missing (gap in the sequence)',
} as const;

export type AuditVerdict =
  | { ok: true; count: number }
  | { ok: false; seq: number; reason: (typeof AUDIT_BREAKS)[keyof typeof AUDIT_BREAKS] };

/** Details as JSON with sorted keys, so equal facts give equal text. */
function detailsJson(details: AuditDetails): string {
  const sorted: Record<string, unknown> = {};
  for (const key of Object.keys(details).sort()) {
    const value = details[key];
    if (value !== undefined) sorted[key] = value;
  }
  return JSON.stringify(sorted);
}

/**
 * T8: the audit log of moderator and automated actions. Appends go one at a time through a queue
 * on this node; across nodes the store serialises them (an advisory lock on PostgreSQL) and its
 * primary key on `seq`, with a retry, keeps two writers from ever forking the chain.
 */
export class AuditLog {
  private readonly queue = new KeyedQueue();

  constructor(
    private readonly store: Pick<Store, 'audit'>,
    private readonly clock: Clock,
    /** Entries read at once by `verify`; memory stays bounded by it. */
    private readonly pageSize = 500,
  ) {}

  /** Appends an entry and returns it as stored. A failure rejects: callers let it fail the action. */
  record(input: AuditRecord): Promise<AuditEntry> {
    if ((input.actorKind === 'system') !== (input.actorId === null)) {
      return Promise.reject(
        new Error(`audit: actor id must be null exactly for the system (${input.action})`),
      );
    }
    const details = detailsJson(input.details);
    return this.queue.run('append', () =>
      this.store.audit.append({
        at: this.clock.now(),
        actorKind: input.actorKind,
        actorId: input.actorId,
        action: input.action,
        targetKind: input.targetKind,
        targetId: input.targetId,
        details,
      }),
    );
  }

  /**
   * Walks the whole log in seq order, a page at a time, recomputing each hash and checking each
   * link. Returns the first broken entry, or the number of entries when the chain is intact.
   */
  async verify(): Promise<AuditVerdict> {
    let expected = 1;
    let prevHash = GENESIS_HASH;
    for (;;) {
      const page = await this.store.audit.range(expected, this.pageSize);
      for (const entry of page) {
        if (entry.seq !== expected) return { ok: false, seq: expected, reason: AUDIT_BREAKS.missing };
        if (auditHash(entry) !== entry.hash) return { ok: false, seq: entry.seq, reason: AUDIT_BREAKS.hash };
        if (entry.prevHash !== prevHash) return { ok: false, seq: entry.seq, reason: AUDIT_BREAKS.link };
        prevHash = entry.hash;
        expected += 1;
      }
      if (page.length < this.pageSize) return { ok: true, count: expected - 1 };
    }
  }
}
