/**
 * T2: the moderation queue and the actions staff take on a case. Each action is one decision,
 * recorded with the statement of reasons it sends (T3) and the restriction it imposes, in one
 * transaction; the time of the first action on a case is kept (T9).
 */
import {
  CLOSE_CODES,
  type CaseActionRequest,
  type CaseDetail,
  type CaseSummary,
  type ReportCategory,
  type ReportTarget,
  type StaffMe,
} from '@salon/protocol';
import { randomToken, type Clock, type Random } from '../clock.js';
import type { Bus } from '../cluster/bus.js';
import type { AuditLog } from '../safety/audit.js';
import { SalonError } from '../errors.js';
import type { CaseRow, DecisionRow, RestrictionRow, StatementRow, Store } from '../store/index.js';
import type { Evidence } from './reports.js';
import type { Restrictions } from './restrictions.js';
import type { StatementService } from './statements.js';

export interface CaseDeps {
  store: Store;
  bus: Bus;
  clock: Clock;
  random: Random;
  restrictions: Restrictions;
  statements: StatementService;
  audit: AuditLog;
  /** T4: the keyed hash of the address the subject last wrote from, for a platform ban. */
  lastAddressHash(userId: string): Promise<string | null>;
}

/** What a closed case's outcome says, per action. */
const OUTCOME: Record<CaseActionRequest['action'], string | null> = {
  dismiss: 'dismissed',
  remove: 'removed',
  warn: 'warned',
  mute: 'muted',
  kick: 'kicked',
  ban: 'banned',
  escalate: null, // stays open: the escalation is followed up
};

const DEFAULT_MUTE_MS = 3_600_000;

export class CaseService {
  constructor(private readonly deps: CaseDeps) {}

  private async summary(row: CaseRow, reports: number): Promise<CaseSummary> {
    const subject = row.subject_id ? await this.deps.store.sessions.byId(row.subject_id) : null;
    return {
      id: row.id,
      category: row.category as ReportCategory,
      severity: row.severity,
      target: JSON.parse(row.target) as ReportTarget,
      subject: subject ? { userId: subject.id, nickname: subject.nickname } : null,
      reports,
      status: row.status as CaseSummary['status'],
      assignedTo: row.assigned_to,
      createdAt: row.created_at,
    };
  }

  /** T2: open cases, child safety and threats first, then the oldest. */
  async queue(): Promise<CaseSummary[]> {
    const rows = await this.deps.store.moderation.openCases();
    const counts = await this.deps.store.moderation.countReports(rows.map((row) => row.id));
    return Promise.all(rows.map((row) => this.summary(row, counts.get(row.id) ?? 1)));
  }

  private async row(id: string): Promise<CaseRow> {
    const row = await this.deps.store.moderation.getCase(id);
    if (!row) throw new SalonError('NOT_FOUND', 'No such case.');
    return row;
  }

  async detail(id: string): Promise<CaseDetail> {
    const { store } = this.deps;
    const row = await this.row(id);
    const reports = await store.moderation.reportsOf(id);
    const evidence = JSON.parse(row.evidence) as Evidence;
    const history = row.subject_id
      ? (await store.moderation.casesAbout(row.subject_id)).filter((c) => c.id !== id)
      : [];
    const decisions = await store.moderation.decisionsOf(id);
    const names = new Map<string, string>();
    for (const decision of decisions) {
      if (decision.staff_id && !names.has(decision.staff_id)) {
        names.set(decision.staff_id, (await store.staff.byId(decision.staff_id))?.name ?? decision.staff_id);
      }
    }
    return {
      ...(await this.summary(row, reports.length)),
      notes: reports
        .filter((r) => r.text !== '')
        .map((r) => ({ category: r.category as ReportCategory, text: r.text, at: r.created_at })),
      context: evidence.messages,
      stream: evidence.stream
        ? {
            media: evidence.stream.media,
            startedAt: evidence.stream.startedAt,
            reportedAt: evidence.stream.reportedAt,
          }
        : null,
      history: history.map((c) => ({
        caseId: c.id,
        category: c.category as ReportCategory,
        outcome: c.outcome,
        at: c.created_at,
      })),
      decisions: decisions.map((d) => ({
        action: d.action as CaseActionRequest['action'],
        staff: d.staff_id ? (names.get(d.staff_id) ?? d.staff_id) : 'automated',
        rule: d.rule,
        facts: d.facts,
        at: d.created_at,
      })),
    };
  }

  async assign(id: string, staff: StaffMe): Promise<CaseDetail> {
    await this.row(id);
    await this.deps.store.moderation.assign(id, staff.id);
    return this.detail(id);
  }

  /** T2: takes an action on a case; returns the case as it now is. */
  async act(id: string, staff: StaffMe, request: CaseActionRequest): Promise<CaseDetail> {
    const { store, clock, random } = this.deps;
    const row = await this.row(id);
    if (row.status !== 'open') throw new SalonError('FORBIDDEN', 'This case is closed.');
    const target = JSON.parse(row.target) as ReportTarget;
    const subjectId = row.subject_id;
    const now = clock.now();
    const action = request.action;
    if (action !== 'dismiss' && action !== 'escalate' && !subjectId) {
      throw new SalonError('FORBIDDEN', 'This case names nobody to act on.');
    }
    if (action === 'remove' && target.kind !== 'message' && target.kind !== 'media') {
      throw new SalonError('FORBIDDEN', 'Only a message or a file can be removed.');
    }
    const roomScoped = action === 'kick' || (action === 'ban' && request.scope === 'room');
    if (roomScoped && !row.room_id) throw new SalonError('FORBIDDEN', 'This case is not about a room.');
    const durationMs = action === 'mute' ? (request.durationMs ?? DEFAULT_MUTE_MS) : request.durationMs;
    const until =
      (action === 'mute' || action === 'ban') && durationMs !== undefined ? now + durationMs : null;
    const roomId = roomScoped || action === 'mute' ? row.room_id : null;

    const decision: DecisionRow = {
      id: randomToken(random, 96),
      case_id: id,
      staff_id: staff.id,
      action,
      rule: request.rule,
      facts: request.facts,
      subject_id: subjectId,
      room_id: roomId,
      until,
      created_at: now,
    };
    const statement: StatementRow | null =
      action === 'dismiss' || action === 'escalate' || !subjectId
        ? null
        : {
            id: randomToken(random, 96),
            user_id: subjectId,
            decision_id: decision.id,
            restriction: action,
            room_id: roomId ?? (action === 'remove' ? row.room_id : null),
            facts: request.facts,
            rule: request.rule,
            automated: 0,
            until,
            created_at: now,
          };
    let restriction: RestrictionRow | null = null;
    if (statement && (action === 'mute' || action === 'ban')) {
      const subject = await store.sessions.byId(subjectId!);
      restriction = {
        id: randomToken(random, 96),
        user_id: subjectId!,
        kind: action,
        room_id: roomId,
        device_hash: action === 'ban' && roomId === null ? (subject?.device_hash ?? null) : null,
        address_hash:
          action === 'ban' && roomId === null ? await this.deps.lastAddressHash(subjectId!) : null,
        statement_id: statement.id,
        until,
        created_at: now,
        lifted_at: null,
      };
    }
    const outcome = OUTCOME[action];
    await store.moderation.decide({
      decision,
      statement,
      restriction,
      close: outcome ? { outcome } : null,
      hold: action === 'escalate',
      now,
    });
    await this.deps.audit.record({
      actorKind: 'staff',
      actorId: staff.id,
      action: `case.${action}`,
      targetKind: 'case',
      targetId: id,
      details: { subjectId, roomId, until, rule: request.rule, scope: request.scope },
    });
    if (restriction) this.deps.restrictions.note(restriction);
    if (action === 'remove') await this.remove(target);
    if (statement) await this.deps.statements.push(statement);
    if (outcome) await this.tellReporters(id, action === 'dismiss' ? 'no_action' : 'action_taken');
    // Enforcement that needs the connections: out of the room, or off the platform.
    if (subjectId && roomId && (action === 'kick' || action === 'ban'))
      this.deps.bus.publishControl({ op: 'remove', roomId, sessionId: subjectId });
    if (subjectId && action === 'ban' && roomId === null)
      this.deps.bus.publishControl({ op: 'end', sessionId: subjectId, closeCode: CLOSE_CODES.SESSION_ENDED });
    return this.detail(id);
  }

  /** T1: each reporter learns the outcome (not who was restricted, nor how). */
  private async tellReporters(caseId: string, outcome: 'action_taken' | 'no_action'): Promise<void> {
    for (const report of await this.deps.store.moderation.reportsOf(caseId)) {
      this.deps.bus.publishToUser({
        userId: report.reporter_id,
        event: { type: 'report.outcome', reportId: report.id, outcome },
      });
    }
  }

  /** T2 "remove content": the message's text and file are blanked; a file is no longer served. */
  private async remove(target: ReportTarget): Promise<void> {
    const { store } = this.deps;
    if (target.kind === 'message') await store.messages.redact(target.roomId, target.seq);
    else if (target.kind === 'media') await store.media.setStatus(target.mediaId, 'removed');
  }
}
