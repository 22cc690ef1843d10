import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage, ServerMessageOf } from '@salon/protocol';
import { newUser, startServer, type TestServer, type TestUser } from './support/server.js';
import { TEST_DATABASES } from './support/databases.js';

type Requested = ServerMessageOf<'dm.requested'>;

describe.each(TEST_DATABASES)('private messages on $name', (database) => {
  let server: TestServer;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const opened = await database.open();
    drop = opened.drop;
    server = await startServer(
      { limits: { requests: { points: 2, window: '1h' } } },
      { store: opened.store },
    );
  });
  afterAll(async () => {
    await server.close();
    await drop();
  });

  const request = (from: TestUser, to: TestUser, text: string, cid = from.client.nextId()) =>
    from.client.request({ type: 'dm.request', id: from.client.nextId(), userId: to.userId, cid, text });

  const sync = async (...users: TestUser[]) => {
    for (const user of users) await user.client.request({ type: 'ping', id: user.client.nextId() });
  };

  const texts = (user: TestUser, conversationId: string) =>
    user.client.frames.flatMap((m: ServerMessage) =>
      m.type === 'msg' && m.message.roomId === conversationId ? [m.message.text] : [],
    );

  it('[P1][P4] a first message is a request the recipient sees with nickname, gender, age and a safety notice', async () => {
    const a = await newUser(server, { age: 34, gender: 'man' });
    const b = await newUser(server);
    const arrived = b.client.waitFor((m) => m.type === 'dm.updated');
    const sent = (await request(a, b, 'Bonjour, ça va ?')) as Requested;
    expect(sent.conversation).toMatchObject({
      state: 'pending',
      direction: 'outgoing',
      requestLeft: 2,
      safetyNotice: false,
    });
    const update = (await arrived) as ServerMessageOf<'dm.updated'>;
    expect(update.conversation).toMatchObject({
      id: sent.conversation.id,
      state: 'pending',
      direction: 'incoming',
      safetyNotice: true,
      peer: { userId: a.userId, nickname: a.nickname, gender: 'man', age: 34 },
    });
    expect(JSON.stringify(update)).not.toMatch(/address|city|ip"/i);
    await sync(b);
    expect(texts(b, sent.conversation.id)).toEqual(['Bonjour, ça va ?']);
    const list = (await b.client.request({ type: 'dm.list', id: 'l' })) as ServerMessageOf<'dm.list'>;
    expect(list.conversations.map((c) => c.id)).toContain(sent.conversation.id);
  });

  it('[P1] until accepted: text only, no links, at most 3 messages', async () => {
    const a = await newUser(server);
    const b = await newUser(server);
    expect(await request(a, b, 'viens sur https://exemple.fr')).toMatchObject({ code: 'REQUEST_TEXT_ONLY' });
    expect(await request(a, b, 'mon insta: www.instagram.com/moi')).toMatchObject({
      code: 'REQUEST_TEXT_ONLY',
    });
    const first = (await request(a, b, 'un')) as Requested;
    expect(await request(a, b, 'deux')).toMatchObject({
      type: 'dm.requested',
      conversation: { requestLeft: 1 },
    });
    expect(await request(a, b, 'snap: moi.snapchat.com')).toMatchObject({ code: 'REQUEST_TEXT_ONLY' });
    expect(await request(a, b, 'trois')).toMatchObject({ conversation: { requestLeft: 0 } });
    expect(await request(a, b, 'quatre')).toMatchObject({ code: 'REQUEST_LIMIT' });
    // The same limit applies through msg.send on the conversation.
    expect(await a.client.say(first.conversation.id, 'cinq')).toMatchObject({ code: 'REQUEST_LIMIT' });
    // A resend of an already stored message is not counted again.
    expect(await request(a, b, 'trois', 'same-cid')).toMatchObject({ code: 'REQUEST_LIMIT' });
    await sync(b);
    expect(texts(b, first.conversation.id)).toEqual(['un', 'deux', 'trois']);
  });

  it('[P1] once accepted, both write freely, with history, unread counts, typing and resume', async () => {
    const a = await newUser(server);
    const b = await newUser(server);
    const { conversation } = (await request(a, b, 'salut')) as Requested;
    expect(
      await b.client.request({
        type: 'dm.respond',
        id: 'r',
        conversationId: conversation.id,
        action: 'accept',
      }),
    ).toMatchObject({
      type: 'ok',
    });
    expect(await a.client.say(conversation.id, 'lien ok maintenant: https://exemple.fr')).toMatchObject({
      type: 'msg.ack',
    });
    for (let i = 0; i < 4; i++) await a.client.say(conversation.id, `encore ${i}`);
    expect((await b.client.say(conversation.id, 'réponse')).type).toBe('msg.ack');
    const typing = b.client.waitFor((m) => m.type === 'typing' && m.roomId === conversation.id);
    a.client.send({ type: 'typing', roomId: conversation.id });
    await typing;
    const opened = (await b.client.request({
      type: 'dm.open',
      id: 'o',
      conversationId: conversation.id,
    })) as ServerMessageOf<'dm.opened'>;
    expect(opened.messages.map((m) => m.text)).toEqual([
      'salut',
      'lien ok maintenant: https://exemple.fr',
      'encore 0',
      'encore 1',
      'encore 2',
      'encore 3',
      'réponse',
    ]);
    const resumed = (await b.client.request({
      type: 'dm.open',
      id: 'o2',
      conversationId: conversation.id,
      after: opened.messages[4]!.seq,
    })) as ServerMessageOf<'dm.opened'>;
    expect(resumed.messages.map((m) => m.text)).toEqual(['encore 3', 'réponse']);
    const listA = (await a.client.request({ type: 'dm.list', id: 'l' })) as ServerMessageOf<'dm.list'>;
    expect(listA.conversations.find((c) => c.id === conversation.id)).toMatchObject({
      state: 'accepted',
      unread: 1,
    });
    const older = await b.client.request({
      type: 'history',
      id: 'h',
      roomId: conversation.id,
      before: opened.messages[2]!.seq,
    });
    expect((older as ServerMessageOf<'history'>).messages.map((m) => m.text)).toEqual([
      'salut',
      'lien ok maintenant: https://exemple.fr',
    ]);
  });

  it('[T5] limits how many new requests a user opens', async () => {
    const eager = await newUser(server);
    const replies = [];
    for (let i = 0; i < 3; i++) replies.push(await request(eager, await newUser(server), 'bonjour'));
    expect(replies.map((r) => r.type)).toEqual(['dm.requested', 'dm.requested', 'error']);
    expect(replies[2]).toMatchObject({ code: 'RATE_LIMITED' });
  });

  it('[P1] an ignored request goes quiet without telling the requester', async () => {
    const a = await newUser(server);
    const b = await newUser(server);
    const { conversation } = (await request(a, b, 'coucou')) as Requested;
    await b.client.request({
      type: 'dm.respond',
      id: 'i',
      conversationId: conversation.id,
      action: 'ignore',
    });
    const again = (await request(a, b, 'tu es là ?')) as Requested;
    expect(again.conversation.state).toBe('pending');
    await sync(b);
    expect(texts(b, conversation.id)).toEqual(['coucou']);
    const list = (await b.client.request({ type: 'dm.list', id: 'l' })) as ServerMessageOf<'dm.list'>;
    expect(list.conversations.some((c) => c.id === conversation.id)).toBe(false);
  });

  it('[P1] a third person learns nothing about a conversation', async () => {
    const a = await newUser(server);
    const b = await newUser(server);
    const c = await newUser(server);
    const { conversation } = (await request(a, b, 'privé')) as Requested;
    const ghost = 'd_nothinghere';
    for (const roomId of [conversation.id, ghost]) {
      expect(await c.client.request({ type: 'dm.open', id: 'o', conversationId: roomId })).toMatchObject({
        code: 'ROOM_NOT_FOUND',
      });
      expect(await c.client.request({ type: 'history', id: 'h', roomId, before: 10 })).toMatchObject({
        code: 'ROOM_NOT_FOUND',
      });
      expect(await c.client.say(roomId, 'intrus')).toMatchObject({ code: 'ROOM_NOT_FOUND' });
      expect(
        await c.client.request({ type: 'dm.respond', id: 'r', conversationId: roomId, action: 'accept' }),
      ).toMatchObject({
        code: 'ROOM_NOT_FOUND',
      });
    }
    // The requester cannot accept their own request.
    expect(
      await a.client.request({
        type: 'dm.respond',
        id: 'r',
        conversationId: conversation.id,
        action: 'accept',
      }),
    ).toMatchObject({
      code: 'FORBIDDEN',
    });
  });

  it('[P2] contact preferences are enforced on the server: nobody, and by gender and age range', async () => {
    const picky = await newUser(server);
    const man40 = await newUser(server, { gender: 'man', age: 40 });
    const woman25 = await newUser(server, { gender: 'woman', age: 25 });
    const woman45 = await newUser(server, { gender: 'woman', age: 45 });
    const set = (policy: object) =>
      picky.client.request({ type: 'contact.set', id: 's', policy: policy as never });
    expect(await set({ mode: 'nobody' })).toMatchObject({ type: 'ok' });
    expect(await request(woman25, picky, 'hello')).toMatchObject({ code: 'CONTACT_REFUSED' });
    await set({ mode: 'filter', genders: ['woman'], minAge: 20, maxAge: 35 });
    expect(await picky.client.request({ type: 'contact.get', id: 'g' })).toMatchObject({
      policy: { mode: 'filter', genders: ['woman'], minAge: 20, maxAge: 35 },
    });
    expect(await request(man40, picky, 'hello')).toMatchObject({ code: 'CONTACT_REFUSED' });
    expect(await request(woman45, picky, 'hello')).toMatchObject({ code: 'CONTACT_REFUSED' });
    expect(await request(woman25, picky, 'hello')).toMatchObject({ type: 'dm.requested' });
    await set({ mode: 'everyone' });
    expect(await request(man40, picky, 'hello')).toMatchObject({ type: 'dm.requested' });
    expect(
      await picky.client.request({ type: 'contact.set', id: 'x', policy: { mode: 'some' } as never }),
    ).toMatchObject({
      code: 'BAD_MESSAGE',
    });
  });

  it('[P3] a blocked user can send neither requests nor messages; unblock restores contact', async () => {
    const a = await newUser(server);
    const b = await newUser(server);
    const { conversation } = (await request(a, b, 'salut')) as Requested;
    await b.client.request({
      type: 'dm.respond',
      id: 'r',
      conversationId: conversation.id,
      action: 'accept',
    });
    expect(await b.client.request({ type: 'block', id: 'b', userId: a.userId })).toMatchObject({
      type: 'ok',
    });
    expect(await a.client.say(conversation.id, 'pourquoi ?')).toMatchObject({ code: 'CONTACT_REFUSED' });
    expect(await request(a, b, 'réponds')).toMatchObject({ code: 'CONTACT_REFUSED' });
    // The blocker cannot write either, until they unblock.
    expect(await b.client.say(conversation.id, 'stop')).toMatchObject({ code: 'CONTACT_REFUSED' });
    const blocked = (await b.client.request({
      type: 'block.list',
      id: 'l',
    })) as ServerMessageOf<'block.list'>;
    expect(blocked.users).toEqual([{ userId: a.userId, nickname: a.nickname }]);
    await sync(b);
    expect(texts(b, conversation.id)).toEqual(['salut']);
    expect(await b.client.request({ type: 'unblock', id: 'u', userId: a.userId })).toMatchObject({
      type: 'ok',
    });
    expect(await a.client.say(conversation.id, 'merci')).toMatchObject({ type: 'msg.ack' });
  });

  it('[P3] a new request to someone who blocked you is refused like any refusal', async () => {
    const a = await newUser(server);
    const b = await newUser(server);
    await b.client.request({ type: 'block', id: 'b', userId: a.userId });
    const refused = await request(a, b, 'hello');
    await b.client.request({
      type: 'contact.set',
      id: 's',
      policy: { mode: 'nobody', genders: [], minAge: null, maxAge: null },
    });
    const c = await newUser(server);
    const nobody = await request(c, b, 'hello');
    expect({ ...refused, id: 'x' }).toEqual({ ...nobody, id: 'x' });
  });

  it('[P3] in rooms, the blocker no longer sees the blocked user’s messages; the blocked user no longer sees the blocker', async () => {
    const blocker = await newUser(server);
    const pest = await newUser(server);
    const witness = await newUser(server);
    await blocker.client.request({ type: 'block', id: 'b', userId: pest.userId });
    await blocker.client.join('amitie');
    await witness.client.join('amitie');
    const pestJoin = await pest.client.join('amitie');
    expect(pestJoin.members.some((m) => m.userId === blocker.userId)).toBe(false);
    expect(pestJoin.members.some((m) => m.userId === witness.userId)).toBe(true);
    await pest.client.say('amitie', 'message du pénible');
    await witness.client.say('amitie', 'message du témoin');
    blocker.client.send({ type: 'presence', status: 'away' });
    await sync(blocker, witness, pest);
    const seen = (user: TestUser) => texts(user, 'amitie');
    expect(seen(blocker)).toEqual(['message du témoin']);
    expect(seen(witness)).toEqual(['message du pénible', 'message du témoin']);
    expect(pest.client.frames.some((m) => m.type === 'presence' && m.userId === blocker.userId)).toBe(false);
    // History on join leaves them out too.
    const again = await blocker.client.join('amitie', 0);
    expect(again.messages.some((m) => m.authorId === pest.userId)).toBe(false);
  });
});
