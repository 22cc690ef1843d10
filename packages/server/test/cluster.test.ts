import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { Redis } from 'ioredis';
import type { ServerMessage } from '@salon/protocol';
import { clusterAvailable, startCluster, TEST_REDIS_URL, type TestCluster } from './support/cluster.js';
import { CLOSE_CODES, type CaseSummary } from '@salon/protocol';
import { api } from './support/http.js';
import { createStaff } from './support/staff.js';
import { closed, upgrade, upgradeEventually } from './support/upgrade.js';
import {
  ADULT,
  arrivalOf,
  departureOf,
  enter,
  moderate,
  newUser,
  TestClient,
  uniqueNick,
  type TestServer,
} from './support/server.js';

const isMsg = (text: string) => (m: ServerMessage) => m.type === 'msg' && m.message.text === text;

/** Creates a private room through `client` and returns its id. */
async function privateRoom(client: TestClient): Promise<string> {
  const reply = await client.request({ type: 'room.create', id: client.nextId(), name: uniqueNick('room') });
  if (reply.type !== 'room.created') throw new Error(JSON.stringify(reply));
  return reply.room.id;
}

async function publicCount(node: TestServer, roomId: string): Promise<number> {
  const response = await fetch(`${node.url}/api/rooms`);
  const body = (await response.json()) as { rooms: { id: string; members: number }[] };
  return body.rooms.find((room) => room.id === roomId)!.members;
}

describe.skipIf(!clusterAvailable)('cluster of three nodes on PostgreSQL and Redis', () => {
  let cluster: TestCluster;
  let a: TestServer;
  let b: TestServer;
  let c: TestServer;

  beforeAll(async () => {
    cluster = await startCluster(3, {
      chat: { memberGrace: 300 },
      limits: { typing: { points: 1000, window: 1000 } },
    });
    [a, b, c] = cluster.nodes as [TestServer, TestServer, TestServer];
  }, 30_000);
  afterAll(async () => {
    await cluster?.close();
  }, 30_000);

  it('[O1] a message sent on node A reaches members on nodes B and C, once, with member lists and counts right everywhere', async () => {
    const room = 'general';
    const alice = await newUser(a);
    const bob = await newUser(b);
    const carol = await newUser(c);
    await alice.client.join(room);
    const bobJoined = await bob.client.join(room);
    expect(bobJoined.members.map((m) => m.userId)).toEqual(
      expect.arrayContaining([alice.userId, bob.userId]),
    );
    await alice.client.waitFor(arrivalOf(bob.userId), {
      past: true,
    });
    const carolJoined = await carol.client.join(room);
    expect(carolJoined.members.map((m) => m.userId).sort()).toEqual(
      [alice.userId, bob.userId, carol.userId].sort(),
    );
    expect(carolJoined.room.members).toBe(3);
    // Room counts: the public list on any node, and the live count event.
    for (const node of [a, b, c]) {
      await expect.poll(() => publicCount(node, room)).toBe(3);
    }

    const ack = await alice.client.say(room, 'hello from A');
    expect(ack.type).toBe('msg.ack');
    for (const user of [bob, carol]) {
      await user.client.waitFor(isMsg('hello from A'), { past: true });
    }
    await new Promise((resolve) => setTimeout(resolve, 100));
    for (const user of [alice, bob, carol]) {
      expect(user.client.frames.filter(isMsg('hello from A'))).toHaveLength(1);
    }

    // Typing and presence cross nodes too.
    bob.client.send({ type: 'typing', roomId: room });
    await carol.client.waitFor((m) => m.type === 'typing' && m.userId === bob.userId);
    carol.client.send({ type: 'presence', status: 'away' });
    await alice.client.waitFor((m) => m.type === 'presence' && m.userId === carol.userId);
    const late = await newUser(b);
    const lateJoined = await late.client.join(room);
    expect(lateJoined.members.find((m) => m.userId === carol.userId)?.status).toBe('away');

    // Leaving on C is seen on A, and the counts follow.
    await carol.client.request({ type: 'room.leave', id: carol.client.nextId(), roomId: room });
    await alice.client.waitFor(departureOf(carol.userId));
    await expect.poll(() => publicCount(b, room)).toBe(3);
    for (const user of [alice, bob, carol, late]) await user.client.close();
  });

  it('[O1] a node subscribes only to the rooms that have members on it', async () => {
    const owner = await newUser(a);
    const roomId = await privateRoom(owner.client);
    await owner.client.join(roomId);
    const redis = new Redis(TEST_REDIS_URL);
    try {
      const channel = `${cluster.prefix}r:${roomId}`;
      const subscribers = async () => Number((await redis.pubsub('NUMSUB', channel))[1]);
      await expect.poll(subscribers).toBe(1);
      await owner.client.close();
      // After the reconnect grace, node A has nobody there and drops the channel.
      await expect.poll(subscribers, { timeout: 3_000 }).toBe(0);
    } finally {
      redis.disconnect();
    }
  });

  it('[E1][O1] a nickname in use on one node cannot be taken on another', async () => {
    const nickname = uniqueNick('Same');
    const first = await newUser(a, { nickname });
    const second = await enter(b, { nickname, age: 30, gender: 'man' });
    expect(second.status).toBe(409);
    expect(second.body.error).toBe('NICK_TAKEN');
    await first.client.close();
  });

  it('[T5][O1] rate limits count across nodes: one session cannot double its rate by using two', async () => {
    const cluster2 = await startCluster(2, { limits: { messages: { points: 4, window: 60_000 } } });
    try {
      const [x, y] = cluster2.nodes as [TestServer, TestServer];
      const user = await newUser(x);
      const other = await TestClient.connect(y, user.cookie);
      await user.client.join('general');
      await other.join('general');
      const results: string[] = [];
      for (let i = 0; i < 3; i += 1) results.push((await user.client.say('general', `x${i}`)).type);
      for (let i = 0; i < 3; i += 1) results.push((await other.say('general', `y${i}`)).type);
      expect(results.filter((type) => type === 'msg.ack')).toHaveLength(4);
      const refused = [...user.client.frames, ...other.frames].filter(
        (m) => m.type === 'error' && m.code === 'RATE_LIMITED',
      );
      expect(refused).toHaveLength(2);
      await user.client.close();
      await other.close();
    } finally {
      await cluster2.close();
    }
  }, 30_000);

  it('[R7][O1] a client that reconnects to another node resumes without gap or duplicate', async () => {
    const room = 'general';
    const sender = await newUser(c);
    const reader = await newUser(a);
    await sender.client.join(room);
    await reader.client.join(room);
    const seqs: number[] = [];
    const keep = (m: ServerMessage) => {
      if (m.type === 'msg' && m.message.roomId === room && m.message.text.startsWith('resume ')) {
        seqs.push(m.message.seq);
      }
    };
    reader.client.ws.on('message', (data: Buffer) =>
      keep(JSON.parse(data.toString('utf8')) as ServerMessage),
    );
    for (let i = 1; i <= 10; i += 1) await sender.client.say(room, `resume ${i}`);
    await reader.client.waitFor(isMsg('resume 10'), { past: true });
    await reader.client.close();
    for (let i = 11; i <= 20; i += 1) await sender.client.say(room, `resume ${i}`);
    // Back on node B, resuming from the last seq seen.
    const again = await TestClient.connect(b, reader.cookie);
    again.ws.on('message', (data: Buffer) => keep(JSON.parse(data.toString('utf8')) as ServerMessage));
    const resumed = await again.join(room, Math.max(...seqs));
    for (const m of resumed.messages) keep({ type: 'msg', message: m });
    for (let i = 21; i <= 25; i += 1) await sender.client.say(room, `resume ${i}`);
    await again.waitFor(isMsg('resume 25'), { past: true });
    expect(seqs).toHaveLength(25);
    expect(new Set(seqs).size).toBe(25);
    expect([...seqs].sort((x, y) => x - y)).toEqual(seqs);
    await sender.client.close();
    await again.close();
  });

  it('[R3][O1] a kick on one node removes the member connected to another; a mute applies there too', async () => {
    const owner = await newUser(a);
    const guest = await newUser(b);
    const roomId = await privateRoom(owner.client);
    await owner.client.join(roomId);
    const invited = await owner.client.request({
      type: 'room.invite',
      id: owner.client.nextId(),
      roomId,
      userId: guest.userId,
    });
    expect(invited.type).not.toBe('error');
    await guest.client.waitFor((m) => m.type === 'room.invited', { past: true });
    await guest.client.join(roomId);

    await moderate(owner, roomId, guest.userId, 'mute', 5);
    await guest.client.waitFor((m) => m.type === 'member.updated' && m.member.userId === guest.userId, {
      past: true,
    });
    const muted = await guest.client.say(roomId, 'can I talk?');
    expect(muted.type === 'error' && muted.code).toBe('MUTED');

    await moderate(owner, roomId, guest.userId, 'kick');
    await guest.client.waitFor((m) => m.type === 'room.removed' && m.roomId === roomId, { past: true });
    await owner.client.waitFor(departureOf(guest.userId), { past: true });
    await owner.client.say(roomId, 'after the kick');
    await new Promise((resolve) => setTimeout(resolve, 150));
    expect(guest.client.frames.some(isMsg('after the kick'))).toBe(false);
    await owner.client.close();
    await guest.client.close();
  });

  it('[P3][O1] a blocked user on another node sees neither the arrival, the typing nor the presence of the one who blocked them', async () => {
    const room = 'cinema';
    const bob = await newUser(b);
    const carol = await newUser(b);
    const alice = await newUser(a);
    await bob.client.join(room);
    await carol.client.join(room);
    await alice.client.request({ type: 'block', id: alice.client.nextId(), userId: bob.userId });
    await alice.client.join(room);
    await carol.client.waitFor(arrivalOf(alice.userId), {
      past: true,
    });
    alice.client.send({ type: 'typing', roomId: room });
    await carol.client.waitFor((m) => m.type === 'typing' && m.userId === alice.userId);
    alice.client.send({ type: 'presence', status: 'away' });
    await carol.client.waitFor((m) => m.type === 'presence' && m.userId === alice.userId);
    await new Promise((resolve) => setTimeout(resolve, 150));
    const aboutAlice = bob.client.frames.filter(
      (m) =>
        arrivalOf(alice.userId)(m) ||
        ((m.type === 'typing' || m.type === 'presence') && m.userId === alice.userId),
    );
    expect(aboutAlice).toEqual([]);
    for (const user of [alice, bob, carol]) await user.client.close();
  });

  it('[T2][T4][O1] a platform ban decided on one node ends the session on another and is enforced there', async () => {
    const staff = await createStaff(a, { role: 'moderator' });
    const author = await newUser(b);
    const reporter = await newUser(a);
    await author.client.join('musique');
    await reporter.client.join('musique');
    const ack = await author.client.say('musique', 'viens seule ce soir');
    if (ack.type !== 'msg.ack') throw new Error(JSON.stringify(ack));
    await reporter.client.request({
      type: 'report',
      id: reporter.client.nextId(),
      target: { kind: 'message', roomId: 'musique', seq: ack.seq },
      category: 'threat',
    } as never);
    const cases = await api<{ cases: CaseSummary[] }>(a, staff.cookie, 'GET', '/api/staff/cases');
    const item = cases.body.cases.find((c) => c.subject?.userId === author.userId)!;
    const banned = await api(a, staff.cookie, 'POST', `/api/staff/cases/${item.id}/action`, {
      action: 'ban',
      scope: 'platform',
      durationMs: 86_400_000,
      rule: 'T1 — menace',
      facts: 'Propose un rendez-vous isolé.',
    });
    expect(banned.status).toBe(200);
    // The author was connected to node B: the session ends there.
    expect(await author.client.closed).toBe(CLOSE_CODES.SESSION_ENDED);
    // Node B refuses the banned browser, under a new nickname too.
    await expect
      .poll(
        async () => (await enter(b, { nickname: uniqueNick('autre'), ...ADULT }, author.cookie)).body.error,
      )
      .toBe('BANNED');
    await reporter.client.close();
  });

  it('[T5][O1] connections open at once per address are counted across nodes', async () => {
    const pair = await startCluster(2, { http: { trustProxy: true }, limits: { connectionsPerAddress: 2 } });
    try {
      const [x, y] = pair.nodes as [TestServer, TestServer];
      const from = { 'x-forwarded-for': '198.51.100.7' };
      const first = await upgrade(x, from);
      const second = await upgrade(y, from);
      expect([first.status, second.status]).toEqual([101, 101]);
      const third = await upgrade(x, from);
      expect(third.status).toBe(429);
      expect(third.body).toMatchObject({ error: 'TOO_MANY_CONNECTIONS' });
      expect((await upgrade(y, from)).status).toBe(429);
      // Another address is not affected; a closed connection frees its place on any node.
      const other = await upgrade(y, { 'x-forwarded-for': '203.0.113.9' });
      expect(other.status).toBe(101);
      await closed(first.socket!);
      const again = await upgradeEventually(y, from);
      // Redis holds no address in clear (T11).
      const redis = new Redis(TEST_REDIS_URL);
      try {
        const keys = await redis.keys(`${pair.prefix}*`);
        expect(keys.some((key) => key.includes('198.51.100.7'))).toBe(false);
      } finally {
        redis.disconnect();
      }
      for (const socket of [second.socket!, other.socket!, again]) await closed(socket);
    } finally {
      await pair.close();
    }
  }, 30_000);

  it('[O3][O1] a staff TOTP code used on one node is refused on another', async () => {
    const staff = await createStaff(a, { role: 'moderator' });
    const login = (node: TestServer, code: string) =>
      fetch(`${node.url}/api/staff/login`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ name: staff.name, password: staff.password, code }),
      });
    const code = staff.nextCode();
    expect((await login(a, code)).status).toBe(200);
    expect((await login(b, code)).status).toBe(401);
    expect((await login(c, staff.nextCode())).status).toBe(200);
  });

  it('[O4] /readyz reports the database and Redis', async () => {
    const response = await fetch(`${b.url}/readyz`);
    expect(response.status).toBe(200);
    expect(await response.json()).toEqual({ ok: true, database: true, redis: true });
  });
});
