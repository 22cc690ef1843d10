import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage, ServerMessageOf } from '@salon/protocol';
import { ADULT, TestClient, enter, startServer, uniqueNick, type TestServer } from './support/server.js';
import { TEST_DATABASES } from './support/databases.js';

type Msg = ServerMessageOf<'msg'>;
const isMsg = (m: ServerMessage): m is Msg => m.type === 'msg';

describe.each(TEST_DATABASES)('public rooms on $name', (database) => {
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

  async function user(region: string | null = null, nickname = uniqueNick()) {
    const entered = await enter(server, { nickname, ...ADULT, region });
    expect(entered.status).toBe(201);
    const client = await TestClient.connect(server, entered.cookie);
    return {
      client,
      nickname,
      cookie: entered.cookie,
      userId: (entered.body.me as { userId: string }).userId,
    };
  }

  it('[R1] lists the operator rooms with the French defaults, topics and adult flags', async () => {
    const { client } = await user();
    const reply = await client.request({ type: 'rooms.list', id: 'l' });
    if (reply.type !== 'rooms') throw new Error('expected rooms');
    const names = reply.rooms.map((r) => r.name);
    for (const name of [
      'Général',
      'Amitié',
      '18–25 ans',
      '25–35 ans',
      '35–50 ans',
      '50 ans et +',
      'Musique',
      'Cinéma & séries',
      'Jeux vidéo',
      'LGBT+',
      'Régions',
    ]) {
      expect(names).toContain(name);
    }
    expect(reply.rooms.find((r) => r.id === 'general')).toMatchObject({
      adult: false,
      topic: expect.any(String) as string,
    });
    expect(reply.rooms.some((r) => r.adult)).toBe(true);
    const http = (await (await fetch(`${server.url}/api/rooms`)).json()) as { rooms: unknown[] };
    expect(http.rooms).toHaveLength(reply.rooms.length);
    await client.close();
  });

  it('[R1] pushes live member counts to everyone when someone joins or leaves', async () => {
    const watcher = await user();
    const before = (await watcher.client.request({
      type: 'rooms.list',
      id: 'c',
    })) as ServerMessageOf<'rooms'>;
    const start = before.rooms.find((r) => r.id === 'musique')!.members;
    const joiner = await user();
    const counted = watcher.client.waitFor(
      (m) => m.type === 'room.count' && m.roomId === 'musique' && m.members === start + 1,
    );
    await joiner.client.join('musique');
    await counted;
    const uncounted = watcher.client.waitFor(
      (m) => m.type === 'room.count' && m.roomId === 'musique' && m.members === start,
    );
    await joiner.client.request({ type: 'room.leave', id: 'x', roomId: 'musique' });
    await uncounted;
    await watcher.client.close();
    await joiner.client.close();
  });

  it('[R4] shows members with nickname, gender, age, and region only when shared', async () => {
    const a = await user('idf');
    const b = await user(null);
    await a.client.join('amitie');
    const notified = a.client.waitFor((m) => m.type === 'member.joined' && m.member.userId === b.userId);
    const joined = await b.client.join('amitie');
    const memberA = joined.members.find((m) => m.userId === a.userId)!;
    expect(memberA).toEqual({
      userId: a.userId,
      nickname: a.nickname,
      gender: 'woman',
      age: 30,
      region: 'idf',
      status: 'online',
      role: 'member',
      mutedUntil: null,
    });
    const event = (await notified) as ServerMessageOf<'member.joined'>;
    expect(event.member).toEqual({
      userId: b.userId,
      nickname: b.nickname,
      gender: 'woman',
      age: 30,
      region: null,
      status: 'online',
      role: 'member',
      mutedUntil: null,
    });
    // No field of that kind anywhere in the answer (keys only: random ids may contain "ip").
    expect(JSON.stringify(joined)).not.toMatch(/"(city|postcode|address|ip|port)":/i);
    await a.client.close();
    await b.client.close();
  });

  it('[R5] delivers plain text to every member, HTML untouched, and acks after storing', async () => {
    const a = await user();
    const b = await user();
    await a.client.join('cinema');
    await b.client.join('cinema');
    const text = '<img src=x onerror=alert(1)> & <b>bold</b> https://example.org 😀';
    const received = b.client.waitFor((m) => isMsg(m) && m.message.text === text);
    const ack = await a.client.say('cinema', text);
    expect(ack.type).toBe('msg.ack');
    const msg = (await received) as Msg;
    expect(msg.message).toMatchObject({ roomId: 'cinema', nickname: a.nickname, authorId: a.userId, text });
    expect((ack as ServerMessageOf<'msg.ack'>).seq).toBe(msg.message.seq);
    await a.client.close();
    await b.client.close();
  });

  it('[R5] refuses empty and over-long messages and messages to rooms not joined', async () => {
    const a = await user();
    await a.client.join('general');
    const empty = await a.client.say('general', '   \n ');
    expect(empty).toMatchObject({ type: 'error', code: 'TEXT_EMPTY' });
    const long = await a.client.say('general', 'é'.repeat(2001));
    expect(long).toMatchObject({ type: 'error', code: 'TEXT_TOO_LONG' });
    const exact = await a.client.say('general', '😀'.repeat(2000));
    expect(exact.type).toBe('msg.ack');
    const notJoined = await a.client.say('musique', 'hello');
    expect(notJoined).toMatchObject({ type: 'error', code: 'NOT_IN_ROOM' });
    const missing = await a.client.say('nowhere', 'hello');
    expect(missing).toMatchObject({ type: 'error', code: 'ROOM_NOT_FOUND' });
    await a.client.close();
  });

  it('[R6] shows the last 50 messages on join and pages older ones', async () => {
    const a = await user();
    await a.client.join('jeux-video');
    for (let i = 1; i <= 70; i++) await a.client.say('jeux-video', `message ${i}`);
    const b = await user();
    const joined = await b.client.join('jeux-video');
    expect(joined.messages).toHaveLength(50);
    expect(joined.messages.at(-1)?.text).toBe('message 70');
    expect(joined.hasOlder).toBe(true);
    const first = joined.messages[0]!.seq;
    const older = (await b.client.request({
      type: 'history',
      id: 'h1',
      roomId: 'jeux-video',
      before: first,
    })) as ServerMessageOf<'history'>;
    expect(older.messages.map((m) => m.text)).toEqual(
      Array.from({ length: 20 }, (_, i) => `message ${i + 1}`),
    );
    expect(older.hasOlder).toBe(false);
    const seqs = [...older.messages, ...joined.messages].map((m) => m.seq);
    expect(seqs).toEqual([...seqs].sort((x, y) => x - y));
    await a.client.close();
    await b.client.close();
  });

  it('[R6] relays typing to others only, and presence changes', async () => {
    const a = await user();
    const b = await user();
    await a.client.join('regions');
    await b.client.join('regions');
    const typing = b.client.waitFor((m) => m.type === 'typing' && m.userId === a.userId);
    a.client.send({ type: 'typing', roomId: 'regions' });
    expect(await typing).toMatchObject({ roomId: 'regions', nickname: a.nickname });
    const away = b.client.waitFor(
      (m) => m.type === 'presence' && m.userId === a.userId && m.status === 'away',
    );
    a.client.send({ type: 'presence', status: 'away' });
    await away;
    await a.client.request({ type: 'ping', id: 'sync' });
    expect(a.client.frames.some((m) => m.type === 'typing')).toBe(false);
    await a.client.close();
    await b.client.close();
  });

  it('[R6] counts unread messages from the read mark', async () => {
    const a = await user();
    const b = await user();
    await a.client.join('lgbt');
    const first = await b.client.join('lgbt');
    expect(first.unread).toBe(0);
    for (let i = 0; i < 3; i++) await a.client.say('lgbt', `hi ${i}`);
    await b.client.request({ type: 'room.leave', id: 'l', roomId: 'lgbt' });
    const again = await b.client.join('lgbt');
    expect(again.unread).toBe(3);
    b.client.send({ type: 'read', roomId: 'lgbt', seq: again.messages.at(-1)!.seq });
    await b.client.request({ type: 'ping', id: 'p' });
    await b.client.request({ type: 'room.leave', id: 'l2', roomId: 'lgbt' });
    expect((await b.client.join('lgbt')).unread).toBe(0);
    await a.client.close();
    await b.client.close();
  });

  it('[R6] a member whose connection drops stays listed during the grace period only', async () => {
    const a = await user();
    const b = await user();
    await a.client.join('50-plus');
    await b.client.join('50-plus');
    const left = a.client.waitFor((m) => m.type === 'member.left' && m.userId === b.userId);
    b.client.ws.terminate();
    await left;
    await a.client.close();
  });
});
