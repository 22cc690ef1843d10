/**
 * T3: statements of reasons and appeals. Every restriction, by staff or automated, sends its
 * user a statement (what, where, the facts, the rule, automated or not, until when, how to
 * appeal). An appeal is decided by a staff member other than the one who took the decision; a
 * reversal lifts the restriction at once.
 */
import type { Statement, StaffMe } from '@salon/protocol';
import { randomToken, type Clock, type Random } from '../clock.js';
import type { Bus } from '../cluster/bus.js';
import { SalonError } from '../errors.js';
import type { AuditLog } from '../safety/audit.js';
import type { AppealRow, DecisionRow, SessionRow, StatementRow, Store } from '../store/index.js';
import type { Restrictions } from './restrictions.js';

export interface StatementDeps {
  store: Store;
  bus: Bus;
  clock: Clock;
  random: Random;
  restrictions: Restrictions;
  audit: AuditLog;
  /** Undoes what a reversed automated restriction did outside `restrictions` (S1 suspensions). */
  onReversed?(statement: StatementRow): Promise<void>;
}

export class StatementService {
  constructor(private readonly deps: StatementDeps) {}

  view(row: StatementRow, appeal: AppealRow | null): Statement {
    return {
      id: row.id,
      restriction: row.restriction,
      roomId: row.room_id,
      facts: row.facts,
      rule: row.rule,
      automated: row.automated === 1,
      until: row.until,
      at: row.created_at,
      appeal: appeal ? (appeal.status as Statement['appeal']) : 'open',
    };
  }

  /** Sends a statement to its user, on every connection they have open. */
  async push(row: StatementRow): Promise<void> {
    const appeal = await this.deps.store.moderation.appealFor(row.id);
    this.deps.bus.publishToUser({
      userId: row.user_id,
      event: { type: 'statement', statement: this.view(row, appeal) },
    });
  }

  /**
   * T3 for automated restrictions (S1 suspensions): records the decision, without a staff
   * member, and sends the statement. Any staff member may then decide its appeal.
   */
  async automated(input: {
    userId: string;
    restriction: string;
    roomId: string | null;
    rule: string;
    facts: string;
  }): Promise<StatementRow> {
    const { store, clock, random } = this.deps;
    const now = clock.now();
    const decision: DecisionRow = {
      id: randomToken(random, 96),
      case_id: null,
      staff_id: null,
      action: input.restriction,
      rule: input.rule,
      facts: input.facts,
      subject_id: input.userId,
      room_id: input.roomId,
      until: null,
      created_at: now,
    };
    const statement: StatementRow = {
      id: randomToken(random, 96),
      user_id: input.userId,
      decision_id: decision.id,
      restriction: input.restriction,
      room_id: input.roomId,
      facts: input.facts,
      rule: input.rule,
      automated: 1,
      until: null,
      created_at: now,
    };
    await store.moderation.decide({ decision, statement, restriction: null, close: null, now });
    await this.push(statement);
    return statement;
  }

  async mine(userId: string): Promise<Statement[]> {
    const rows = await this.deps.store.moderation.statementsOf(userId);
    return Promise.all(
      rows.map(async (row) => this.view(row, await this.deps.store.moderation.appealFor(row.id))),
    );
  }

  /** T3: the user contests a statement (once). */
  async appeal(session: SessionRow, statementId: string, text: string): Promise<Statement> {
    const { store, clock, random } = this.deps;
    const row = await store.moderation.statement(statementId);
    if (!row || row.user_id !== session.id) throw new SalonError('NOT_FOUND', 'No such statement.');
    if (await store.moderation.appealFor(statementId)) {
      throw new SalonError('APPEAL_CLOSED', 'This decision has already been appealed.');
    }
    const appeal: AppealRow = {
      id: randomToken(random, 96),
      statement_id: statementId,
      user_id: session.id,
      text: text.trim(),
      status: 'pending',
      decided_by: null,
      reason: null,
      created_at: clock.now(),
      decided_at: null,
    };
    await store.moderation.addAppeal(appeal);
    return this.view(row, appeal);
  }

  /** T3: a different staff member upholds or reverses the decision. */
  async decide(
    staff: StaffMe,
    appealId: string,
    decision: 'upheld' | 'reversed',
    reason: string,
  ): Promise<{ appeal: AppealRow; statement: StatementRow; decidedBy: string | null }> {
    const { store, clock } = this.deps;
    const appeal = await store.moderation.appeal(appealId);
    if (!appeal || appeal.status !== 'pending') throw new SalonError('NOT_FOUND', 'No such pending appeal.');
    const statement = (await store.moderation.statement(appeal.statement_id))!;
    const first = await store.moderation.decision(statement.decision_id);
    if (first?.staff_id === staff.id) {
      throw new SalonError('FORBIDDEN', 'A different moderator must decide this appeal.');
    }
    await store.moderation.decideAppeal(appealId, staff.id, decision, reason, clock.now());
    await this.deps.audit.record({
      actorKind: 'staff',
      actorId: staff.id,
      action: 'appeal.decided',
      targetKind: 'appeal',
      targetId: appealId,
      details: { decision, statementId: statement.id, userId: statement.user_id },
    });
    if (decision === 'reversed') {
      this.deps.restrictions.liftStatement(statement.id);
      await this.deps.onReversed?.(statement);
    }
    await this.push(statement);
    const updated = (await store.moderation.appeal(appealId))!;
    return { appeal: updated, statement, decidedBy: first?.staff_id ?? null };
  }
}
