import type { Kysely } from 'kysely';
import type {
  AppealTable,
  CaseTable,
  Database,
  DecisionTable,
  ReportTable,
  RestrictionTable,
  StatementTable,
} from './schema.js';

export type CaseRow = CaseTable;
export type ReportRow = ReportTable;
export type DecisionRow = DecisionTable;
export type StatementRow = StatementTable;
export type AppealRow = AppealTable;
export type RestrictionRow = RestrictionTable;

const num = (value: number | null): number | null => (value === null ? null : Number(value));

function caseRow(row: CaseTable): CaseRow {
  return {
    ...row,
    severity: Number(row.severity),
    legal_hold: Number(row.legal_hold),
    created_at: Number(row.created_at),
    first_action_at: num(row.first_action_at),
    closed_at: num(row.closed_at),
  };
}

/** T1–T4: cases and their reports, decisions, statements of reasons, appeals and restrictions. */
export class ModerationRepository {
  constructor(private readonly db: Kysely<Database>) {}

  /** The open case about this target, if any (new reports join it). */
  async openCaseFor(targetKey: string): Promise<CaseRow | null> {
    const row = await this.db
      .selectFrom('cases')
      .selectAll()
      .where('target_key', '=', targetKey)
      .where('status', '=', 'open')
      .executeTakeFirst();
    return row ? caseRow(row) : null;
  }

  /** Adds a report, opening its case or joining the open one (raising its severity if needed). */
  async addReport(report: ReportRow, newCase: CaseRow): Promise<CaseRow> {
    return this.db.transaction().execute(async (trx) => {
      const open = await trx
        .selectFrom('cases')
        .selectAll()
        .where('target_key', '=', newCase.target_key)
        .where('status', '=', 'open')
        .executeTakeFirst();
      let row: CaseRow;
      if (open) {
        row = caseRow(open);
        if (newCase.severity < row.severity) {
          await trx
            .updateTable('cases')
            .set({ severity: newCase.severity, category: newCase.category })
            .where('id', '=', row.id)
            .execute();
          row = { ...row, severity: newCase.severity, category: newCase.category };
        }
      } else {
        await trx.insertInto('cases').values(newCase).execute();
        row = newCase;
      }
      await trx
        .insertInto('reports')
        .values({ ...report, case_id: row.id })
        .execute();
      return row;
    });
  }

  async getCase(id: string): Promise<CaseRow | null> {
    const row = await this.db.selectFrom('cases').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? caseRow(row) : null;
  }

  /** T2: open cases, most severe first, then oldest first. */
  async openCases(limit = 200): Promise<CaseRow[]> {
    const rows = await this.db
      .selectFrom('cases')
      .selectAll()
      .where('status', '=', 'open')
      .orderBy('severity')
      .orderBy('created_at')
      .limit(limit)
      .execute();
    return rows.map(caseRow);
  }

  async casesAbout(subjectId: string): Promise<CaseRow[]> {
    const rows = await this.db
      .selectFrom('cases')
      .selectAll()
      .where('subject_id', '=', subjectId)
      .orderBy('created_at', 'desc')
      .limit(50)
      .execute();
    return rows.map(caseRow);
  }

  async reportsOf(caseId: string): Promise<ReportRow[]> {
    const rows = await this.db
      .selectFrom('reports')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .execute();
    return rows.map((row) => ({ ...row, created_at: Number(row.created_at) }));
  }

  async countReports(caseIds: string[]): Promise<Map<string, number>> {
    const counts = new Map<string, number>();
    if (caseIds.length === 0) return counts;
    const rows = await this.db
      .selectFrom('reports')
      .select(['case_id', (eb) => eb.fn.countAll<number>().as('n')])
      .where('case_id', 'in', caseIds)
      .groupBy('case_id')
      .execute();
    for (const row of rows) counts.set(row.case_id, Number(row.n));
    return counts;
  }

  async assign(caseId: string, staffId: string): Promise<void> {
    await this.db.updateTable('cases').set({ assigned_to: staffId }).where('id', '=', caseId).execute();
  }

  /**
   * T2, T3: records a decision, and with it, at once, the statement sent to the user, the
   * restriction it imposes and the case's new state (first action time, closing).
   */
  async decide(input: {
    decision: DecisionRow;
    statement: StatementRow | null;
    restriction: RestrictionRow | null;
    close: { outcome: string } | null;
    /** T10: place the case under legal hold (escalation). */
    hold?: boolean;
    now: number;
  }): Promise<void> {
    const { decision, statement, restriction, close, now } = input;
    await this.db.transaction().execute(async (trx) => {
      await trx.insertInto('decisions').values(decision).execute();
      if (statement) await trx.insertInto('statements').values(statement).execute();
      if (restriction) await trx.insertInto('restrictions').values(restriction).execute();
      if (decision.case_id) {
        await trx
          .updateTable('cases')
          .set({ first_action_at: now })
          .where('id', '=', decision.case_id)
          .where('first_action_at', 'is', null)
          .execute();
        if (input.hold) {
          await trx.updateTable('cases').set({ legal_hold: 1 }).where('id', '=', decision.case_id).execute();
        }
        if (close) {
          await trx
            .updateTable('cases')
            .set({ status: 'closed', closed_at: now, outcome: close.outcome })
            .where('id', '=', decision.case_id)
            .execute();
        }
      }
    });
  }

  async decisionsOf(caseId: string): Promise<DecisionRow[]> {
    const rows = await this.db
      .selectFrom('decisions')
      .selectAll()
      .where('case_id', '=', caseId)
      .orderBy('created_at')
      .execute();
    return rows.map((row) => ({ ...row, created_at: Number(row.created_at), until: num(row.until) }));
  }

  async decision(id: string): Promise<DecisionRow | null> {
    const row = await this.db.selectFrom('decisions').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { ...row, created_at: Number(row.created_at), until: num(row.until) } : null;
  }

  async statementsOf(userId: string): Promise<StatementRow[]> {
    const rows = await this.db
      .selectFrom('statements')
      .selectAll()
      .where('user_id', '=', userId)
      .orderBy('created_at', 'desc')
      .limit(100)
      .execute();
    return rows.map((row) => ({ ...row, created_at: Number(row.created_at), until: num(row.until) }));
  }

  async statement(id: string): Promise<StatementRow | null> {
    const row = await this.db.selectFrom('statements').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { ...row, created_at: Number(row.created_at), until: num(row.until) } : null;
  }

  async appealFor(statementId: string): Promise<AppealRow | null> {
    const row = await this.db
      .selectFrom('appeals')
      .selectAll()
      .where('statement_id', '=', statementId)
      .executeTakeFirst();
    return row ? { ...row, created_at: Number(row.created_at), decided_at: num(row.decided_at) } : null;
  }

  async appeal(id: string): Promise<AppealRow | null> {
    const row = await this.db.selectFrom('appeals').selectAll().where('id', '=', id).executeTakeFirst();
    return row ? { ...row, created_at: Number(row.created_at), decided_at: num(row.decided_at) } : null;
  }

  async addAppeal(row: AppealRow): Promise<void> {
    await this.db.insertInto('appeals').values(row).execute();
  }

  async pendingAppeals(): Promise<AppealRow[]> {
    const rows = await this.db
      .selectFrom('appeals')
      .selectAll()
      .where('status', '=', 'pending')
      .orderBy('created_at')
      .execute();
    return rows.map((row) => ({
      ...row,
      created_at: Number(row.created_at),
      decided_at: num(row.decided_at),
    }));
  }

  /** T3: decides an appeal; a reversal lifts the restrictions that came with the statement. */
  async decideAppeal(
    id: string,
    staffId: string,
    status: 'upheld' | 'reversed',
    reason: string,
    now: number,
  ) {
    await this.db.transaction().execute(async (trx) => {
      const appeal = await trx
        .selectFrom('appeals')
        .selectAll()
        .where('id', '=', id)
        .executeTakeFirstOrThrow();
      await trx
        .updateTable('appeals')
        .set({ status, decided_by: staffId, reason, decided_at: now })
        .where('id', '=', id)
        .execute();
      if (status === 'reversed') {
        await trx
          .updateTable('restrictions')
          .set({ lifted_at: now })
          .where('statement_id', '=', appeal.statement_id)
          .where('lifted_at', 'is', null)
          .execute();
      }
    });
  }

  /** T11: cases whose evidence must be kept: open ones (until they close) and those under legal hold. */
  async keptCases(): Promise<CaseRow[]> {
    const rows = await this.db
      .selectFrom('cases')
      .selectAll()
      .where((eb) => eb.or([eb('status', '=', 'open'), eb('legal_hold', '=', 1)]))
      .execute();
    return rows.map(caseRow);
  }

  /** T11: blanks the frozen evidence of closed cases, not held, closed before `before`. */
  async purgeEvidence(before: number): Promise<number> {
    const result = await this.db
      .updateTable('cases')
      .set({ evidence: JSON.stringify({ messages: [], media: [], purged: true }) })
      .where('status', '=', 'closed')
      .where('legal_hold', '=', 0)
      .where('closed_at', '<', before)
      .where('evidence', 'not like', '%"purged":true%')
      .executeTakeFirst();
    return Number(result.numUpdatedRows);
  }

  /** T4: flags something for staff (a banned visitor trying to come back). */
  async addAlert(row: { id: string; kind: string; user_id: string; details: string; created_at: number }) {
    await this.db
      .insertInto('moderation_alerts')
      .values({ ...row, media_id: null, resolved_at: null })
      .execute();
  }

  /** T9: what happened in [from, to): reports, decisions, cases acted on, quarantined files. */
  async periodFacts(from: number, to: number) {
    const reports = await this.db
      .selectFrom('reports')
      .select('category')
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .execute();
    const decisions = await this.db
      .selectFrom('decisions')
      .select(['action', 'staff_id'])
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .execute();
    const cases = await this.db
      .selectFrom('cases')
      .select(['created_at', 'first_action_at'])
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .where('first_action_at', 'is not', null)
      .execute();
    const quarantined = await this.db
      .selectFrom('media_evidence')
      .select((eb) => eb.fn.countAll<number>().as('n'))
      .where('created_at', '>=', from)
      .where('created_at', '<', to)
      .executeTakeFirst();
    return {
      reports,
      decisions,
      cases: cases.map((c) => ({
        created_at: Number(c.created_at),
        first_action_at: Number(c.first_action_at),
      })),
      quarantines: Number(quarantined?.n ?? 0),
    };
  }

  /** Restrictions not lifted and not over at `now`. */
  async activeRestrictions(now: number): Promise<RestrictionRow[]> {
    const rows = await this.db
      .selectFrom('restrictions')
      .selectAll()
      .where('lifted_at', 'is', null)
      .where((eb) => eb.or([eb('until', 'is', null), eb('until', '>', now)]))
      .execute();
    return rows.map((row) => ({
      ...row,
      until: num(row.until),
      created_at: Number(row.created_at),
      lifted_at: num(row.lifted_at),
    }));
  }
}
