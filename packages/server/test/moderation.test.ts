import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { AppealSummary, CaseDetail, CaseSummary, ServerMessageOf, Statement } from '@salon/protocol';
import { newUser, enter, startServer, type TestServer, type TestUser } from './support/server.js';
import { TEST_DATABASES } from './support/databases.js';
import { api } from './support/http.js';
import { createStaff, type TestStaff } from './support/staff.js';

describe.each(TEST_DATABASES)('reports, cases, statements and appeals on $name', (database) => {
  let server: TestServer;
  let drop: () => Promise<void>;
  let first: TestStaff;
  let second: TestStaff;

  beforeAll(async () => {
    const opened = await database.open();
    drop = opened.drop;
    server = await startServer({}, { store: opened.store });
    first = await createStaff(server, { role: 'moderator' });
    second = await createStaff(server, { role: 'moderator' });
  });
  afterAll(async () => {
    await server.close();
    await drop();
  });

  async function inRoom(roomId = 'general'): Promise<TestUser> {
    const user = await newUser(server);
    await user.client.join(roomId);
    return user;
  }

  async function report(reporter: TestUser, target: unknown, category: string, text?: string) {
    return reporter.client.request({
      type: 'report',
      id: reporter.client.nextId(),
      target,
      category,
      ...(text ? { text } : {}),
    } as never);
  }

  async function queue(): Promise<CaseSummary[]> {
    return (await api<{ cases: CaseSummary[] }>(server, first.cookie, 'GET', '/api/staff/cases')).body.cases;
  }

  it('[T1] a report freezes the reported message with 20 before and 20 after; later removal destroys nothing', async () => {
    const author = await inRoom('musique');
    const reporter = await inRoom('musique');
    for (let i = 1; i <= 30; i++) await author.client.say('musique', `ligne ${i}`);
    const seqs = author.client.frames
      .filter((m): m is ServerMessageOf<'msg.ack'> => m.type === 'msg.ack')
      .map((m) => m.seq);
    const reported = seqs[24]!; // "ligne 25"
    const receipt = await report(
      reporter,
      { kind: 'message', roomId: 'musique', seq: reported },
      'harassment',
      'il insiste',
    );
    expect(receipt).toMatchObject({ type: 'report.received' });
    const item = (await queue()).find((c) => c.target.kind === 'message' && c.target.seq === reported)!;
    expect(item).toMatchObject({ category: 'harassment', subject: { userId: author.userId }, reports: 1 });
    const detail = (
      await api<{ case: CaseDetail }>(server, first.cookie, 'GET', `/api/staff/cases/${item.id}`)
    ).body.case;
    expect(detail.context.filter((m) => m.reported).map((m) => m.text)).toEqual(['ligne 25']);
    expect(detail.context.length).toBe(20 + 1 + 5);
    expect(detail.notes.map((n) => n.text)).toEqual(['il insiste']);
    // Removing the message blanks it in the room, not in the evidence.
    const removed = await api<{ case: CaseDetail }>(
      server,
      first.cookie,
      'POST',
      `/api/staff/cases/${item.id}/action`,
      {
        action: 'remove',
        rule: 'R5',
        facts: 'Message de harcèlement.',
      },
    );
    expect(removed.status).toBe(200);
    expect(removed.body.case.status).toBe('closed');
    const history = (await reporter.client.request({
      type: 'history',
      id: reporter.client.nextId(),
      roomId: 'musique',
      before: reported + 1,
      limit: 1,
    })) as ServerMessageOf<'history'>;
    expect(history.messages[0]!.text).toBe('');
    const again = (
      await api<{ case: CaseDetail }>(server, first.cookie, 'GET', `/api/staff/cases/${item.id}`)
    ).body.case;
    expect(again.context.find((m) => m.reported)!.text).toBe('ligne 25');
  });

  it('[T1] reports of the same thing join one case; a report needs sight of its target', async () => {
    const author = await inRoom();
    const a = await inRoom();
    const b = await inRoom();
    const stranger = await newUser(server);
    await report(a, { kind: 'user', userId: author.userId, roomId: 'general' }, 'spam');
    await report(b, { kind: 'user', userId: author.userId, roomId: 'general' }, 'hate');
    const cases = (await queue()).filter((c) => c.subject?.userId === author.userId);
    expect(cases).toHaveLength(1);
    expect(cases[0]).toMatchObject({ reports: 2, category: 'hate' });
    const blind = await report(stranger, { kind: 'message', roomId: 'general', seq: 1 }, 'spam');
    expect(blind).toMatchObject({ type: 'error', code: 'REPORT_TARGET' });
  });

  it('[T2] the queue puts child safety and threats first, then the oldest', async () => {
    const author = await inRoom();
    const reporter = await inRoom();
    const { seq } = (await author.client.say('general', 'message')) as ServerMessageOf<'msg.ack'>;
    await report(reporter, { kind: 'room', roomId: 'general' }, 'other');
    await report(reporter, { kind: 'message', roomId: 'general', seq }, 'child_safety');
    const open = await queue();
    const severities = open.map((c) => c.severity);
    expect(severities).toEqual([...severities].sort((x, y) => x - y));
    expect(open[0]!.category).toMatch(/child_safety|threat/);
  });

  it('[T2][T3][T4] a platform ban: statement pushed, session out, device refused; appeal decided by another moderator', async () => {
    const author = await inRoom();
    const reporter = await inRoom();
    const { seq } = (await author.client.say(
      'general',
      'rendez-vous ce soir, seule',
    )) as ServerMessageOf<'msg.ack'>;
    await report(reporter, { kind: 'message', roomId: 'general', seq }, 'threat');
    const item = (await queue()).find((c) => c.subject?.userId === author.userId)!;
    const pushed = author.client.waitFor((m) => m.type === 'statement');
    const banned = await api<{ case: CaseDetail }>(
      server,
      first.cookie,
      'POST',
      `/api/staff/cases/${item.id}/action`,
      {
        action: 'ban',
        scope: 'platform',
        durationMs: 7 * 86_400_000,
        rule: 'T1 — menace',
        facts: 'Propose un rendez-vous isolé.',
      },
    );
    expect(banned.status).toBe(200);
    const statement = ((await pushed) as ServerMessageOf<'statement'>).statement;
    expect(statement).toMatchObject({
      restriction: 'ban',
      automated: false,
      rule: 'T1 — menace',
      appeal: 'open',
    });
    expect(statement.until).toBeGreaterThan(Date.now());
    expect(await author.client.closed).toBe(4003);
    // The statement stays readable with the session cookie; sending and coming back are refused.
    const mine = await api<{ statements: Statement[] }>(server, author.cookie, 'GET', '/api/statements');
    expect(mine.body.statements[0]!.id).toBe(statement.id);
    const retry = await enter(
      server,
      { nickname: `autre${Date.now() % 10000}`, age: 30, gender: 'man' },
      author.cookie,
    );
    expect(retry.body.error).toBe('BANNED');
    // The appeal, and the rule that the first moderator cannot decide it.
    const appealed = await api<{ statement: Statement }>(server, author.cookie, 'POST', '/api/appeals', {
      statementId: statement.id,
      text: 'Je voulais juste prendre un café.',
    });
    expect(appealed.status).toBe(201);
    expect(appealed.body.statement.appeal).toBe('pending');
    const again = await api<{ error: string }>(server, author.cookie, 'POST', '/api/appeals', {
      statementId: statement.id,
      text: 'encore',
    });
    expect(again.body.error).toBe('APPEAL_CLOSED');
    const list = (await api<{ appeals: AppealSummary[] }>(server, second.cookie, 'GET', '/api/staff/appeals'))
      .body.appeals;
    const appeal = list.find((a) => a.statement.id === statement.id)!;
    expect(appeal).toMatchObject({ userId: author.userId, decidedBy: first.name, status: 'pending' });
    const self = await api<{ error: string }>(
      server,
      first.cookie,
      'POST',
      `/api/staff/appeals/${appeal.id}/decide`,
      {
        decision: 'reversed',
        reason: 'Je me suis trompé',
      },
    );
    expect(self.status).toBe(403);
    expect(self.body.error).toBe('FORBIDDEN');
    const decided = await api<{ appeal: AppealSummary }>(
      server,
      second.cookie,
      'POST',
      `/api/staff/appeals/${appeal.id}/decide`,
      {
        decision: 'reversed',
        reason: 'Rien de menaçant dans le contexte.',
      },
    );
    expect(decided.status).toBe(200);
    expect(decided.body.appeal.status).toBe('reversed');
    expect(server.app.services.restrictions.platformBan(author.userId)).toBeNull();
  });

  it('[T2][T3] a mute refuses messages until it ends, with its statement', async () => {
    const author = await inRoom();
    const reporter = await inRoom();
    await report(reporter, { kind: 'user', userId: author.userId, roomId: 'general' }, 'spam');
    const item = (await queue()).find((c) => c.subject?.userId === author.userId)!;
    await api(server, first.cookie, 'POST', `/api/staff/cases/${item.id}/assign`);
    const muted = await api<{ case: CaseDetail }>(
      server,
      first.cookie,
      'POST',
      `/api/staff/cases/${item.id}/action`,
      {
        action: 'mute',
        durationMs: 3_600_000,
        rule: 'T5',
        facts: 'Publicité répétée.',
      },
    );
    expect(muted.body.case).toMatchObject({ assignedTo: first.staff.id, status: 'closed' });
    const outcome = (await reporter.client.waitFor((m) => m.type === 'report.outcome', {
      past: true,
    })) as ServerMessageOf<'report.outcome'>;
    expect(outcome.outcome).toBe('action_taken');
    const refused = await author.client.say('general', 'achetez');
    expect(refused).toMatchObject({ type: 'error', code: 'MUTED' });
    const statements = (
      await api<{ statements: Statement[] }>(server, author.cookie, 'GET', '/api/statements')
    ).body.statements;
    expect(statements[0]).toMatchObject({
      restriction: 'mute',
      roomId: 'general',
      facts: 'Publicité répétée.',
    });
  });

  it('[T9] the transparency report counts notices by category and actions, human and automated', async () => {
    const report = await api<{
      notices: { total: number; byCategory: Record<string, number> };
      actions: { human: Record<string, number>; automated: Record<string, number> };
      medianTimeToActionMs: number | null;
    }>(server, '', 'GET', '/api/transparency');
    expect(report.status).toBe(200);
    expect(report.body.notices.total).toBeGreaterThanOrEqual(6);
    expect(report.body.notices.byCategory.harassment).toBeGreaterThanOrEqual(1);
    expect(report.body.actions.human).toMatchObject({ remove: 1, ban: 1, mute: 1 });
    expect(report.body.medianTimeToActionMs).toBeGreaterThanOrEqual(0);
    expect(JSON.stringify(report.body)).not.toMatch(/general|musique|ligne/);
    const bad = await api<{ error: string }>(server, '', 'GET', '/api/transparency?from=hier');
    expect(bad.body.error).toBe('BAD_MESSAGE');
  });

  it('[T4][T7] automated alerts are listed for staff and can be resolved', async () => {
    await server.app.store.moderation.addAlert({
      id: `test-alert-${database.name}`,
      kind: 'risk_signal',
      user_id: first.staff.id,
      details: JSON.stringify({ conversationId: 'd_x', seq: 1, signals: ['meeting'] }),
      created_at: Date.now(),
    });
    const listed = await api<{ alerts: { id: string; kind: string; details: { signals: string[] } }[] }>(
      server,
      second.cookie,
      'GET',
      '/api/staff/alerts',
    );
    const alert = listed.body.alerts.find((a) => a.id === `test-alert-${database.name}`)!;
    expect(alert).toMatchObject({ kind: 'risk_signal', details: { signals: ['meeting'] } });
    expect((await api(server, second.cookie, 'POST', `/api/staff/alerts/${alert.id}/resolve`)).status).toBe(
      204,
    );
    expect((await api(server, second.cookie, 'POST', `/api/staff/alerts/${alert.id}/resolve`)).status).toBe(
      404,
    );
  });

  it('[T2] staff routes need a staff session; a chat session is not one', async () => {
    const user = await newUser(server);
    expect((await api(server, user.cookie, 'GET', '/api/staff/cases')).status).toBe(401);
    expect((await api(server, '', 'GET', '/api/staff/appeals')).status).toBe(401);
  });
});
