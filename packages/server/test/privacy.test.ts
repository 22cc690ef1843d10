import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { PROTOCOL_VERSION, type CaseSummary, type ServerMessageOf } from '@salon/protocol';
import { ManualClock } from '../src/clock.js';
import { purgeExpired } from '../src/moderation/purge.js';
import { unseal, addressKey } from '../src/safety/addresses.js';
import { enter, newUser, startServer, TestClient, type TestServer, type TestUser } from './support/server.js';
import { TEST_DATABASES } from './support/databases.js';
import { api } from './support/http.js';
import { createStaff, type TestStaff } from './support/staff.js';

function report(user: TestUser, roomId: string, seq: number, category = 'threat') {
  return user.client.request({
    type: 'report',
    id: user.client.nextId(),
    target: { kind: 'message', roomId, seq },
    category,
  } as never);
}

async function caseOf(server: TestServer, staff: TestStaff, subjectId: string): Promise<CaseSummary> {
  const { body } = await api<{ cases: CaseSummary[] }>(server, staff.cookie, 'GET', '/api/staff/cases');
  return body.cases.find((c) => c.subject?.userId === subjectId)!;
}

describe.each(TEST_DATABASES)(
  '[T10][T11] addresses, legal requests, escalation and the purge on $name',
  (database) => {
    let server: TestServer;
    let drop: () => Promise<void>;
    let admin: TestStaff;
    let moderator: TestStaff;
    const clock = new ManualClock(Date.now());

    beforeAll(async () => {
      const opened = await database.open();
      drop = opened.drop;
      server = await startServer({}, { store: opened.store, clock });
      admin = await createStaff(server, { role: 'admin', clock });
      moderator = await createStaff(server, { role: 'moderator', clock });
    });
    afterAll(async () => {
      await server.close();
      await drop();
    });

    it('an author’s address and port are kept sealed, apart from the message', async () => {
      const author = await newUser(server);
      await author.client.join('general');
      const { seq } = (await author.client.say('general', 'bonjour')) as ServerMessageOf<'msg.ack'>;
      const [row] = await server.app.store.addresses.of([{ roomId: 'general', seq }]);
      expect(row!.user_id).toBe(author.userId);
      expect(row!.sealed).not.toContain('127.0.0.1');
      expect(Buffer.from(row!.sealed, 'base64').toString('latin1')).not.toContain('127.0.0.1');
      const origin = unseal(addressKey(server.app.services.config), row!.sealed);
      expect(origin.address).toBe('127.0.0.1');
      expect(origin.port).toBeGreaterThan(0);
    });

    it('only an admin, giving a reason, reveals a case’s author addresses, and it is logged', async () => {
      const author = await newUser(server);
      const witness = await newUser(server);
      await author.client.join('general');
      await witness.client.join('general');
      const { seq } = (await author.client.say(
        'general',
        'je sais où tu habites',
      )) as ServerMessageOf<'msg.ack'>;
      await report(witness, 'general', seq);
      const item = await caseOf(server, admin, author.userId);
      const path = `/api/staff/cases/${item.id}/legal-request`;
      const refused = await api<{ error: string }>(server, moderator.cookie, 'POST', path, {
        reason: 'Réquisition n° 2026-123',
      });
      expect(refused.status).toBe(403);
      expect(refused.body.error).toBe('FORBIDDEN');
      expect((await api(server, admin.cookie, 'POST', path, { reason: '' })).status).toBe(400);
      const revealed = await api<{ addresses: { address: string; port: number; seq: number }[] }>(
        server,
        admin.cookie,
        'POST',
        path,
        {
          reason: 'Réquisition judiciaire n° 2026-123',
        },
      );
      expect(revealed.status).toBe(200);
      expect(revealed.body.addresses).toEqual([expect.objectContaining({ address: '127.0.0.1', seq })]);
      const audit = await server.app.store.audit.range(1, 10_000);
      const entry = audit.find((e) => e.action === 'case.legal_request' && e.targetId === item.id)!;
      expect(entry.actorId).toBe(admin.staff.id);
      expect(entry.details).toContain('Réquisition judiciaire');
      expect(entry.details).not.toContain('127.0.0.1');
      // The case view never shows addresses to anyone.
      const detail = await api<unknown>(server, admin.cookie, 'GET', `/api/staff/cases/${item.id}`);
      expect(JSON.stringify(detail.body)).not.toContain('127.0.0.1');
    });

    it('escalation sets a legal hold; the evidence bundle has hashes, times, addresses and context, for admins', async () => {
      const author = await newUser(server);
      const witness = await newUser(server);
      await author.client.join('amitie');
      await witness.client.join('amitie');
      const { seq } = (await author.client.say('amitie', 'menace grave')) as ServerMessageOf<'msg.ack'>;
      await report(witness, 'amitie', seq, 'child_safety');
      const item = await caseOf(server, moderator, author.userId);
      const escalated = await api<{ case: { status: string } }>(
        server,
        moderator.cookie,
        'POST',
        `/api/staff/cases/${item.id}/action`,
        {
          action: 'escalate',
          rule: 'T10',
          facts: 'Signalement aux autorités.',
        },
      );
      expect(escalated.body.case.status).toBe('open');
      expect((await server.app.store.moderation.getCase(item.id))!.legal_hold).toBe(1);
      expect((await api(server, moderator.cookie, 'GET', `/api/staff/cases/${item.id}/bundle`)).status).toBe(
        403,
      );
      const bundle = await api<{
        messages: { text: string }[];
        addresses: { address: string }[];
        media: unknown[];
      }>(server, admin.cookie, 'GET', `/api/staff/cases/${item.id}/bundle`);
      expect(bundle.status).toBe(200);
      expect(bundle.body.messages.map((m) => m.text)).toContain('menace grave');
      expect(bundle.body.addresses[0]!.address).toBe('127.0.0.1');
    });

    it('the purge deletes expired messages and addresses, and keeps what a held case refers to', async () => {
      const author = await newUser(server);
      const witness = await newUser(server);
      await author.client.join('cinema');
      await author.client.join('regions');
      await witness.client.join('cinema');
      // Elsewhere, outside any case's frozen context.
      const plain = ((await author.client.say('regions', 'banal')) as ServerMessageOf<'msg.ack'>).seq;
      const held = ((await author.client.say('cinema', 'à garder')) as ServerMessageOf<'msg.ack'>).seq;
      await report(witness, 'cinema', held, 'threat');
      const item = await caseOf(server, admin, author.userId);
      await api(server, admin.cookie, 'POST', `/api/staff/cases/${item.id}/action`, {
        action: 'escalate',
        rule: 'T10',
        facts: 'Conservation.',
      });
      const { store } = server.app;
      const config = server.app.services.config;
      clock.advance(config.privacy.chatRetention + 60_000);
      await purgeExpired(store, config, clock);
      expect((await store.messages.latest('regions', 100)).map((m) => m.seq)).not.toContain(plain);
      expect((await store.messages.latest('cinema', 100)).map((m) => m.seq)).toContain(held);
      expect(await store.addresses.of([{ roomId: 'regions', seq: plain }])).toHaveLength(1);
      clock.advance(config.privacy.addressRetention);
      await purgeExpired(store, config, clock);
      expect(await store.addresses.of([{ roomId: 'regions', seq: plain }])).toHaveLength(0);
      expect(await store.addresses.of([{ roomId: 'cinema', seq: held }])).toHaveLength(1);
    });
  },
);

describe('[T4] bans stick: session, device and address', () => {
  let server: TestServer;
  let admin: TestStaff;
  beforeAll(async () => {
    server = await startServer({ http: { trustProxy: true } });
    admin = await createStaff(server, { role: 'admin' });
  });
  afterAll(async () => {
    await server.close();
  });

  const from = (address: string) => ({ 'x-forwarded-for': address });

  it('a banned visitor is refused with a new nickname, a cleared cookie jar from the same address, or the same device elsewhere; attempts are flagged', async () => {
    const entered = await enter(
      server,
      { nickname: 'Fauteur', age: 30, gender: 'man' },
      '',
      from('10.0.0.5'),
    );
    const client = await TestClient.open(server, entered.cookie, from('10.0.0.5'));
    await client.request({ type: 'hello', id: 'h', v: PROTOCOL_VERSION });
    await client.request({ type: 'room.join', id: 'j', roomId: 'general' });
    const { seq } = (await client.request({
      type: 'msg.send',
      id: 's',
      roomId: 'general',
      cid: 'c1',
      text: 'menace',
    })) as ServerMessageOf<'msg.ack'>;
    const userId = (entered.body.me as { userId: string }).userId;
    const witness = await newUser(server);
    await witness.client.join('general');
    await report(witness, 'general', seq);
    const item = await caseOf(server, admin, userId);
    await api(server, admin.cookie, 'POST', `/api/staff/cases/${item.id}/action`, {
      action: 'ban',
      scope: 'platform',
      rule: 'T1',
      facts: 'Menace.',
    });
    expect(await client.closed).toBe(4003);
    // Same browser (device cookie), new nickname, another address.
    const sameDevice = await enter(
      server,
      { nickname: 'Autre1', age: 30, gender: 'man' },
      entered.cookie,
      from('10.0.0.7'),
    );
    expect(sameDevice.body.error).toBe('BANNED');
    // Cleared cookie jar, same address.
    const sameAddress = await enter(
      server,
      { nickname: 'Autre2', age: 30, gender: 'man' },
      '',
      from('10.0.0.5'),
    );
    expect(sameAddress.body.error).toBe('BANNED');
    // Someone else entirely.
    const stranger = await enter(
      server,
      { nickname: 'Passant', age: 30, gender: 'woman' },
      '',
      from('10.0.0.6'),
    );
    expect(stranger.status).toBe(201);
    // Staff see the attempts.
    const alerts = (await server.app.store.media.openAlerts()).filter((a) => a.kind === 'ban_evasion');
    expect(
      alerts
        .map((a) => JSON.parse(a.details) as { via: string })
        .map((d) => d.via)
        .sort(),
    ).toEqual(['address', 'device']);
    expect(alerts.every((a) => a.user_id === userId)).toBe(true);
  });
});
