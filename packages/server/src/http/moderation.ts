import type { FastifyInstance, FastifyRequest } from 'fastify';
import { z } from 'zod';
import {
  AppealDecisionRequest,
  AppealRequest,
  CaseActionRequest,
  HTTP_PATHS,
  type Alert,
  type AppealSummary,
  type StaffMe,
} from '@salon/protocol';
import type { CaseService } from '../moderation/cases.js';
import type { StatementService } from '../moderation/statements.js';
import { transparencyReport } from '../moderation/transparency.js';
import type { EntryService } from '../safety/entry.js';
import type { Limiter } from '../safety/limiter.js';
import type { AuditLog } from '../safety/audit.js';
import type { AddressVault } from '../safety/addresses.js';
import type { Evidence } from '../moderation/reports.js';
import type { Store } from '../store/index.js';
import { requireRole } from './staff-auth.js';
import { SESSION_COOKIE } from './cookies.js';
import { answering, parse, SalonError } from './errors.js';

export interface ModerationRouteDeps {
  store: Store;
  audit: AuditLog;
  addresses: AddressVault;
  entry: EntryService;
  limiter: Limiter;
  cases: CaseService;
  statements: StatementService;
  /** The signed-in staff member, or UNAUTHENTICATED. */
  staff(request: FastifyRequest): Promise<StaffMe>;
}

const LegalRequest = z.object({ reason: z.string().trim().min(10).max(2000) });

/** A query date: YYYY-MM-DD (UTC midnight) or epoch milliseconds; undefined when absent. */
function instant(value: string | undefined): number | undefined {
  if (value === undefined || value === '') return undefined;
  const at = /^\d{4}-\d{2}-\d{2}$/.test(value)
    ? Date.parse(`${value}T00:00:00Z`)
    : /^\d{1,15}$/.test(value)
      ? Number(value)
      : NaN;
  if (Number.isNaN(at)) throw new SalonError('BAD_MESSAGE', 'Dates are YYYY-MM-DD or epoch milliseconds.');
  return at;
}

const idOf = (request: FastifyRequest): string => {
  const id = (request.params as { id?: unknown }).id;
  return typeof id === 'string' ? id : '';
};

/** T3 for users (statements, appeals); T2, T3 for staff (queue, cases, actions, appeals). */
export function registerModerationRoutes(app: FastifyInstance, deps: ModerationRouteDeps): void {
  const { entry, cases, statements, store } = deps;
  const user = async (request: FastifyRequest) => {
    const session = await entry.resolve(request.cookies[SESSION_COOKIE]);
    if (!session) throw new SalonError('UNAUTHENTICATED', 'No session.');
    return session;
  };

  // T3, users: their statements (a banned user still reads them with their cookie) and appeals.
  app.get(HTTP_PATHS.statements, (request, reply) =>
    answering(reply, async () => ({ statements: await statements.mine((await user(request)).id) })),
  );
  app.post(HTTP_PATHS.appeals, (request, reply) =>
    answering(reply, async () => {
      const session = await user(request);
      await deps.limiter.consume('reports', session.id);
      const body = parse(AppealRequest, request.body);
      const statement = await statements.appeal(session, body.statementId, body.text);
      return reply.code(201).send({ statement });
    }),
  );

  // T9: public, counts only. `from` and `to` are dates (YYYY-MM-DD, UTC) or epoch ms; default the last 30 days.
  app.get('/api/transparency', (request, reply) =>
    answering(reply, async () => {
      const query = request.query as { from?: string; to?: string };
      const now = Date.now();
      const to = instant(query.to) ?? now;
      const from = instant(query.from) ?? to - 30 * 86_400_000;
      if (!(from < to) || to - from > 5 * 366 * 86_400_000) {
        throw new SalonError('BAD_MESSAGE', 'Give "from" before "to", at most five years apart.');
      }
      return transparencyReport(store, from, to);
    }),
  );

  // T2, staff.
  const base = HTTP_PATHS.staff;
  app.get(`${base}/cases`, (request, reply) =>
    answering(reply, async () => {
      await deps.staff(request);
      return { cases: await cases.queue() };
    }),
  );
  app.get(`${base}/cases/:id`, (request, reply) =>
    answering(reply, async () => {
      await deps.staff(request);
      return { case: await cases.detail(idOf(request)) };
    }),
  );
  app.post(`${base}/cases/:id/assign`, (request, reply) =>
    answering(reply, async () => ({ case: await cases.assign(idOf(request), await deps.staff(request)) })),
  );
  app.post(`${base}/cases/:id/action`, (request, reply) =>
    answering(reply, async () => {
      const staff = await deps.staff(request);
      const body = parse(CaseActionRequest, request.body);
      return { case: await cases.act(idOf(request), staff, body) };
    }),
  );

  // T10, T11: addresses leave the vault only for an admin, with a reason, and it is logged.
  const subjectAddresses = async (caseId: string) => {
    const row = await store.moderation.getCase(caseId);
    if (!row) throw new SalonError('NOT_FOUND', 'No such case.');
    const evidence = JSON.parse(row.evidence) as Evidence;
    const authored = evidence.messages.filter(
      (m) => row.subject_id !== null && m.authorId === row.subject_id,
    );
    return { row, evidence, addresses: await deps.addresses.reveal(authored) };
  };
  app.post(`${base}/cases/:id/legal-request`, (request, reply) =>
    answering(reply, async () => {
      const staff = await deps.staff(request);
      requireRole(staff, 'admin');
      const body = parse(LegalRequest, request.body);
      const { row, addresses } = await subjectAddresses(idOf(request));
      await deps.audit.record({
        actorKind: 'staff',
        actorId: staff.id,
        action: 'case.legal_request',
        targetKind: 'case',
        targetId: row.id,
        details: { reason: body.reason, subjectId: row.subject_id, count: addresses.length },
      });
      return { addresses };
    }),
  );
  app.get(`${base}/cases/:id/bundle`, (request, reply) =>
    answering(reply, async () => {
      const staff = await deps.staff(request);
      requireRole(staff, 'admin');
      const { row, evidence, addresses } = await subjectAddresses(idOf(request));
      if (row.legal_hold !== 1)
        throw new SalonError('FORBIDDEN', 'Escalate the case first: it sets the legal hold.');
      await deps.audit.record({
        actorKind: 'staff',
        actorId: staff.id,
        action: 'case.bundle_exported',
        targetKind: 'case',
        targetId: row.id,
        details: { subjectId: row.subject_id },
      });
      void reply.header('content-disposition', `attachment; filename="salon-case-${row.id}.json"`);
      // Hashes and facts only: never the media itself.
      return {
        case: {
          id: row.id,
          category: row.category,
          createdAt: row.created_at,
          target: JSON.parse(row.target) as unknown,
        },
        subjectId: row.subject_id,
        exportedAt: Date.now(),
        messages: evidence.messages,
        media: evidence.media,
        addresses,
      };
    }),
  );

  // S1, T4, T6, T7: automated flags waiting for a look.
  app.get(`${base}/alerts`, (request, reply) =>
    answering(reply, async () => {
      await deps.staff(request);
      const rows = await store.media.openAlerts();
      const alerts: Alert[] = [];
      for (const row of rows.slice(0, 200)) {
        const user = await store.sessions.byId(row.user_id);
        alerts.push({
          id: row.id,
          kind: row.kind,
          user: { userId: row.user_id, nickname: user?.nickname ?? '' },
          details: {
            ...(JSON.parse(row.details) as Record<string, unknown>),
            ...(row.media_id ? { mediaId: row.media_id } : {}),
          },
          at: row.created_at,
        });
      }
      return { alerts };
    }),
  );
  app.post(`${base}/alerts/:id/resolve`, (request, reply) =>
    answering(reply, async () => {
      const staff = await deps.staff(request);
      const id = idOf(request);
      if (!(await store.media.resolveAlert(id, Date.now())))
        throw new SalonError('NOT_FOUND', 'No such open alert.');
      await deps.audit.record({
        actorKind: 'staff',
        actorId: staff.id,
        action: 'alert.resolved',
        targetKind: 'alert',
        targetId: id,
        details: {},
      });
      return reply.code(204).send();
    }),
  );

  // T3, staff: pending appeals, decided by someone other than the first decision's author.
  const appealView = async (id: string): Promise<AppealSummary> => {
    const appeal = (await store.moderation.appeal(id))!;
    const statement = (await store.moderation.statement(appeal.statement_id))!;
    const decision = await store.moderation.decision(statement.decision_id);
    const author = await store.sessions.byId(appeal.user_id);
    return {
      id: appeal.id,
      statement: statements.view(statement, appeal),
      userId: appeal.user_id,
      nickname: author?.nickname ?? '',
      text: appeal.text,
      decidedBy: decision?.staff_id ? ((await store.staff.byId(decision.staff_id))?.name ?? null) : null,
      status: appeal.status as AppealSummary['status'],
      at: appeal.created_at,
    };
  };
  app.get(`${base}/appeals`, (request, reply) =>
    answering(reply, async () => {
      await deps.staff(request);
      const pending = await store.moderation.pendingAppeals();
      return { appeals: await Promise.all(pending.map((a) => appealView(a.id))) };
    }),
  );
  app.post(`${base}/appeals/:id/decide`, (request, reply) =>
    answering(reply, async () => {
      const staff = await deps.staff(request);
      const body = parse(AppealDecisionRequest, request.body);
      const { appeal } = await statements.decide(staff, idOf(request), body.decision, body.reason);
      return { appeal: await appealView(appeal.id) };
    }),
  );
}
