import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage, ServerMessageOf } from '@salon/protocol';
import { newUser, startServer, type TestServer, type TestUser } from './support/server.js';
import { TEST_DATABASES } from './support/databases.js';

describe.each(TEST_DATABASES)('risk signals in private conversations on $name', (database) => {
  let server: TestServer;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const opened = await database.open();
    drop = opened.drop;
    server = await startServer({}, { store: opened.store });
  });
  afterAll(async () => {
    await server.close();
    await drop();
  });

  const request = async (from: TestUser, to: TestUser, text: string) => {
    const reply = await from.client.request({
      type: 'dm.request',
      id: from.client.nextId(),
      userId: to.userId,
      cid: from.client.nextId(),
      text,
    });
    if (reply.type !== 'dm.requested') throw new Error(JSON.stringify(reply));
    return reply;
  };
  const sync = async (...users: TestUser[]) => {
    for (const user of users) await user.client.request({ type: 'ping', id: user.client.nextId() });
  };
  const notices = (user: TestUser, conversationId: string) =>
    user.client.frames.flatMap((m: ServerMessage) =>
      m.type === 'safety.notice' && m.conversationId === conversationId ? [m.signals] : [],
    );
  const texts = (user: TestUser, conversationId: string) =>
    user.client.frames.flatMap((m: ServerMessage) =>
      m.type === 'msg' && m.message.roomId === conversationId ? [m.message.text] : [],
    );
  const alerts = async (userId: string) =>
    (await server.app.store.media.openAlerts())
      .filter((alert) => alert.kind === 'risk_signal' && alert.user_id === userId)
      .map((alert) => JSON.parse(alert.details) as Record<string, unknown>);

  it('[T7] a meeting proposal is delivered, shows the recipient a safety notice and is flagged for review', async () => {
    const a = await newUser(server, { age: 30 });
    const b = await newUser(server, { age: 31 });
    const sent = await request(a, b, 'on se voit ce soir au parc à 21h ?');
    const id = sent.conversation.id;
    await sync(a, b);
    expect(texts(b, id)).toEqual(['on se voit ce soir au parc à 21h ?']);
    expect(notices(b, id)).toEqual([['meeting']]);
    expect(notices(a, id)).toEqual([]);
    expect(await alerts(a.userId)).toEqual([{ conversationId: id, seq: sent.seq, signals: ['meeting'] }]);
    expect(await alerts(b.userId)).toEqual([]);
    // Signals never restrict: the conversation goes on, and later messages are read too.
    await b.client.request({ type: 'dm.respond', id: 'r', conversationId: id, action: 'accept' });
    const reply = await b.client.say(id, 'ajoute-moi sur snap');
    expect(reply.type).toBe('msg.ack');
    await sync(a);
    expect(notices(a, id)).toEqual([['move_platform']]);
    expect(await alerts(b.userId)).toEqual([
      { conversationId: id, seq: (reply as ServerMessageOf<'msg.ack'>).seq, signals: ['move_platform'] },
    ]);
  });

  it('[T7] an innocent message raises nothing', async () => {
    const a = await newUser(server, { age: 30 });
    const b = await newUser(server, { age: 45 });
    const sent = await request(a, b, 'Bonjour, ça va ?');
    await sync(b);
    expect(texts(b, sent.conversation.id)).toEqual(['Bonjour, ça va ?']);
    expect(notices(b, sent.conversation.id)).toEqual([]);
    expect(await alerts(a.userId)).toEqual([]);
  });

  it('[T7] an age gap across 18 is flagged on the first message and shown to the younger person', async () => {
    const older = await newUser(server, { age: 45 });
    const young = await newUser(server, { age: 19 });
    const sent = await request(older, young, 'salut');
    const id = sent.conversation.id;
    await request(older, young, 'tu vas bien ?');
    await sync(older, young);
    expect(notices(young, id)).toEqual([['age_gap']]);
    expect(notices(older, id)).toEqual([]);
    expect(await alerts(older.userId)).toEqual([{ conversationId: id, seq: sent.seq, signals: ['age_gap'] }]);
    // With another signal, the gap is named again.
    const meeting = await request(older, young, 'ça te dit un café samedi à 15h devant la mairie ?');
    await sync(young);
    expect(notices(young, id)).toEqual([['age_gap'], ['age_gap', 'meeting']]);
    expect(await alerts(older.userId)).toContainEqual({
      conversationId: id,
      seq: meeting.seq,
      signals: ['age_gap', 'meeting'],
    });

    // When the younger person writes first, the notice is theirs.
    const other = await newUser(server, { age: 52 });
    const first = await request(young, other, 'coucou');
    await sync(young, other);
    expect(notices(young, first.conversation.id)).toEqual([['age_gap']]);
    expect(notices(other, first.conversation.id)).toEqual([]);
    expect(await alerts(young.userId)).toEqual([
      { conversationId: first.conversation.id, seq: first.seq, signals: ['age_gap'] },
    ]);
  });

  it('[T7][P1] an ignored request still flags, without disturbing its recipient', async () => {
    const a = await newUser(server, { age: 30 });
    const b = await newUser(server, { age: 30 });
    const sent = await request(a, b, 'salut');
    const id = sent.conversation.id;
    await b.client.request({ type: 'dm.respond', id: 'i', conversationId: id, action: 'ignore' });
    const meeting = await request(a, b, 'on se voit demain à la gare à 18h ?');
    await sync(b);
    expect(texts(b, id)).toEqual(['salut']);
    expect(notices(b, id)).toEqual([]);
    expect(await alerts(a.userId)).toEqual([{ conversationId: id, seq: meeting.seq, signals: ['meeting'] }]);
  });
});
