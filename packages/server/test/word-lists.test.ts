import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage, ServerMessageOf } from '@salon/protocol';
import { enter, newUser, startServer, type TestServer, type TestUser } from './support/server.js';

type Requested = ServerMessageOf<'dm.requested'>;

describe('operator word lists for messages', () => {
  let server: TestServer;
  const folder = mkdtempSync(join(tmpdir(), 'salon-words-'));
  const blockFile = join(folder, 'block.txt');
  const flagFile = join(folder, 'flag.txt');

  beforeAll(async () => {
    writeFileSync(blockFile, '# test list\nbitcoin\n=arnaque\n');
    writeFileSync(flagFile, 'paypal\n=virement\n');
    server = await startServer({ safety: { messageBlockList: blockFile, messageFlagList: flagFile } });
  });
  afterAll(async () => {
    await server.close();
  });

  const texts = (user: TestUser, roomId: string) =>
    user.client.frames.flatMap((m: ServerMessage) =>
      m.type === 'msg' && m.message.roomId === roomId ? [m.message.text] : [],
    );
  const sync = (user: TestUser) => user.client.request({ type: 'ping', id: user.client.nextId() });
  const alerts = async (kind: string, userId: string) =>
    (await server.app.store.media.openAlerts())
      .filter((alert) => alert.kind === kind && alert.user_id === userId)
      .map((alert) => JSON.parse(alert.details) as Record<string, unknown>);

  /** Opens an accepted conversation from `a` to `b`. */
  async function conversation(a: TestUser, b: TestUser): Promise<string> {
    const requested = (await a.client.request({
      type: 'dm.request',
      id: a.client.nextId(),
      userId: b.userId,
      cid: a.client.nextId(),
      text: 'salut',
    })) as Requested;
    await b.client.request({
      type: 'dm.respond',
      id: b.client.nextId(),
      conversationId: requested.conversation.id,
      action: 'accept',
    });
    return requested.conversation.id;
  }

  it('[T6] refuses a room message with a blocked word, folded, before anyone sees it', async () => {
    const a = await newUser(server);
    const b = await newUser(server);
    await a.client.join('general');
    await b.client.join('general');
    for (const text of ['achète du b1tcoin', 'BITCÖIN !!', 'le b.i.t.c.o.i.n monte', "c'est une ARNAQUE!"]) {
      expect(await a.client.say('general', text), text).toMatchObject({
        type: 'error',
        code: 'TEXT_FORBIDDEN',
        message: 'This message contains a word that is not allowed on Salon.',
      });
    }
    // "=arnaque" is a whole word only.
    expect((await a.client.say('general', 'quel arnaqueur, celui-là')).type).toBe('msg.ack');
    await sync(b);
    expect(texts(b, 'general')).toEqual(['quel arnaqueur, celui-là']);
    const stored = await server.app.store.messages.latest('general', 10);
    expect(stored.filter((m) => m.authorId === a.userId).map((m) => m.text)).toEqual([
      'quel arnaqueur, celui-là',
    ]);
  });

  it('[T6] refuses it in a private conversation too; a refused first message opens none', async () => {
    const a = await newUser(server);
    const b = await newUser(server);
    expect(
      await a.client.request({
        type: 'dm.request',
        id: a.client.nextId(),
        userId: b.userId,
        cid: a.client.nextId(),
        text: 'investis dans le Bitcoin',
      }),
    ).toMatchObject({ type: 'error', code: 'TEXT_FORBIDDEN' });
    expect(await server.app.store.conversations.between(a.userId, b.userId)).toBeFalsy();
    const id = await conversation(a, b);
    expect(await a.client.say(id, 'on parle b1tc0in ?')).toMatchObject({ code: 'TEXT_FORBIDDEN' });
    await sync(b);
    expect(texts(b, id)).toEqual(['salut']);
    expect((await server.app.store.messages.latest(id, 10)).map((m) => m.text)).toEqual(['salut']);
  });

  it('[T6] a message with a flagged word is delivered and flagged to staff with the word', async () => {
    const a = await newUser(server);
    const b = await newUser(server);
    await a.client.join('general');
    await b.client.join('general');
    const ack = (await a.client.say('general', 'paye-moi par PayPa1 stp')) as ServerMessageOf<'msg.ack'>;
    expect(ack.type).toBe('msg.ack');
    await sync(b);
    expect(texts(b, 'general')).toContain('paye-moi par PayPa1 stp');
    expect(await alerts('word_flag', a.userId)).toEqual([
      { roomId: 'general', seq: ack.seq, word: 'paypal' },
    ]);

    const id = await conversation(a, b);
    const sent = (await a.client.say(id, 'fais-moi un virement')) as ServerMessageOf<'msg.ack'>;
    expect(sent.type).toBe('msg.ack');
    await sync(b);
    expect(texts(b, id)).toEqual(['salut', 'fais-moi un virement']);
    expect(await alerts('word_flag', a.userId)).toContainEqual({
      roomId: id,
      seq: sent.seq,
      word: 'virement',
    });
    // Messages without a listed word raise nothing.
    await a.client.say('general', 'il fait beau');
    expect(await alerts('word_flag', a.userId)).toHaveLength(2);
  });

  it('[T6][E4] nicknames and room names are checked against the block list too', async () => {
    const entered = await enter(server, { nickname: 'b1tcoin_king', age: 30, gender: 'man', region: null });
    expect(entered.body.error).toBe('NICK_FORBIDDEN');
    const owner = await newUser(server);
    expect(
      await owner.client.request({ type: 'room.create', id: owner.client.nextId(), name: 'Club Bitcoin' }),
    ).toMatchObject({ type: 'error', code: 'NAME_FORBIDDEN' });
  });

  it('[T6] reloading the lists picks up changed files', async () => {
    const a = await newUser(server);
    await a.client.join('general');
    writeFileSync(blockFile, '=ethereum\n');
    writeFileSync(flagFile, '');
    expect(server.app.services.lists.reload()).toMatchObject({ blocked: 1, flagged: 0 });
    expect(await a.client.say('general', 'vive ethereum')).toMatchObject({ code: 'TEXT_FORBIDDEN' });
    expect((await a.client.say('general', 'vive bitcoin')).type).toBe('msg.ack');
    expect((await a.client.say('general', 'paypal ok')).type).toBe('msg.ack');
    expect(await alerts('word_flag', a.userId)).toEqual([]);
  });
});
