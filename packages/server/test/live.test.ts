import { createHmac } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessage, ServerMessageOf } from '@salon/protocol';
import { findJanus } from '../src/rtc/janus/process.js';
import { browserOffer } from './support/sdp.js';
import { api } from './support/http.js';
import { newUser, startServer, type TestServer, type TestUser } from './support/server.js';
import { createStaff } from './support/staff.js';

const JANUS = findJanus(null);
if (!JANUS && process.env.CI === 'true') {
  throw new Error('Live-media tests need Janus under CI=true: apt-get install janus (see .ci/run).');
}

const TURN_SECRET = 'un secret partagé avec coturn';
const OFFER = browserOffer();

type Of<T extends ServerMessage['type']> = ServerMessageOf<T>;

/** Candidate lines of an SDP. */
const candidates = (sdp: string) => sdp.split('\r\n').filter((line) => line.startsWith('a=candidate:'));

describe.skipIf(!JANUS)('live webcam, voice and calls with a real Janus (V1–V4)', () => {
  let server: TestServer;
  const users: TestUser[] = [];
  const user = async () => {
    const created = await newUser(server);
    users.push(created);
    return created;
  };
  const req = (u: TestUser, message: Record<string, unknown>) =>
    u.client.request({ id: u.client.nextId(), ...message } as Parameters<TestUser['client']['request']>[0]);

  beforeAll(async () => {
    server = await startServer({
      // Janus gathers nothing on loopback: these tests check signalling; media flows in live.e2e.ts.
      live: {
        mode: 'auto',
        interfaces: '127.0.0.1',
        camLimit: 2,
        speakerLimit: 1,
        turn: { urls: ['turn:127.0.0.1:3478?transport=udp'], secret: TURN_SECRET, ttl: '1h' },
      },
      rooms: [
        { id: 'general', name: 'Général' },
        { id: 'autre', name: 'Autre' },
        { id: 'vocal', name: 'Vocal', voice: true },
      ],
    });
  }, 30_000);
  afterAll(async () => {
    for (const u of users) await u.client.close();
    await server?.close();
  });

  it('[V3] live.config: available, with a TURN relay whose credentials are signed and expire; no STUN', async () => {
    const a = await user();
    const reply = (await req(a, { type: 'live.config' })) as Of<'live.config'>;
    expect(reply).toMatchObject({ available: true, reason: null, camLimit: 2, speakerLimit: 1 });
    expect(reply.iceServers).toHaveLength(1);
    const [turn] = reply.iceServers;
    expect(turn!.urls).toEqual(['turn:127.0.0.1:3478?transport=udp']);
    const [expiry, label] = turn!.username.split(':');
    expect(label).toBe(a.userId);
    expect(Number(expiry) * 1000).toBeGreaterThan(Date.now() + 3_500_000);
    expect(Number(expiry) * 1000).toBeLessThan(Date.now() + 3_700_000);
    expect(turn!.credential).toBe(createHmac('sha1', TURN_SECRET).update(turn!.username).digest('base64'));
  });

  it('[V2][P3] a cam in a room: the media server answers; members see the icon, the blocked one does not; approval is asked', async () => {
    const [a, b, c] = [await user(), await user(), await user()];
    for (const u of [a, b, c]) await u.client.join('general');
    await req(a, { type: 'block', userId: c.userId });
    const seenByB = b.client.waitFor((m) => m.type === 'live.cams' && m.cams.length > 0);
    const started = (await req(a, {
      type: 'cam.start',
      roomId: 'general',
      access: 'approve',
      sdp: OFFER,
    })) as Of<'cam.started'>;
    expect(started.type).toBe('cam.started');
    expect(started.sdp).toMatch(/^v=0\r\n/);
    expect(started.sdp).toContain('a=fingerprint:');
    // V3: only the media server's own addresses (127.0.0.1 here, where it gathers none).
    for (const line of candidates(started.sdp)) expect(line).toMatch(/ 127\.0\.0\.1 \d+ typ host| typ relay/);
    expect(((await seenByB) as Of<'live.cams'>).cams).toEqual([{ userId: a.userId, access: 'approve' }]);
    const forC = (await req(c, { type: 'live.room', roomId: 'general' })) as Of<'live.room'>;
    expect(forC.cams).toEqual([]);
    expect(c.client.frames.filter((m) => m.type === 'live.cams' && m.cams.length > 0)).toEqual([]);
    expect(await req(c, { type: 'cam.watch', roomId: 'general', userId: a.userId })).toMatchObject({
      type: 'error',
      code: 'STREAM_NOT_FOUND',
    });

    const asked = a.client.waitFor((m) => m.type === 'cam.viewers' && m.pending.length === 1);
    expect(await req(b, { type: 'cam.watch', roomId: 'general', userId: a.userId })).toMatchObject({
      type: 'cam.watching',
      pending: true,
    });
    expect(((await asked) as Of<'cam.viewers'>).pending[0]).toMatchObject({ userId: b.userId });
    const refused = b.client.waitFor((m) => m.type === 'cam.refused');
    expect(
      await req(a, { type: 'cam.decide', roomId: 'general', userId: b.userId, allow: false }),
    ).toMatchObject({
      type: 'ok',
    });
    expect(await refused).toMatchObject({ roomId: 'general', userId: a.userId });
    // Only the broadcaster decides.
    expect(
      await req(c, { type: 'cam.decide', roomId: 'general', userId: b.userId, allow: true }),
    ).toMatchObject({
      code: 'STREAM_NOT_FOUND',
    });

    // Leaving the room ends the cam; the others see it go.
    const gone = b.client.waitFor((m) => m.type === 'live.cams' && m.cams.length === 0);
    const closed = a.client.waitFor((m) => m.type === 'stream.closed');
    await req(a, { type: 'room.leave', roomId: 'general' });
    expect(await closed).toMatchObject({ streamId: started.streamId, reason: 'left' });
    await gone;
  });

  it('[V2] a room takes at most camLimit cameras', async () => {
    const [a, b, c] = [await user(), await user(), await user()];
    for (const u of [a, b, c]) await u.client.join('autre');
    for (const u of [a, b]) {
      expect(await req(u, { type: 'cam.start', roomId: 'autre', access: 'room', sdp: OFFER })).toMatchObject({
        type: 'cam.started',
      });
    }
    expect(await req(c, { type: 'cam.start', roomId: 'autre', access: 'room', sdp: OFFER })).toMatchObject({
      code: 'CAM_LIMIT',
    });
    expect(await req(a, { type: 'cam.stop', roomId: 'autre' })).toMatchObject({ type: 'ok' });
    expect(await req(c, { type: 'cam.start', roomId: 'autre', access: 'room', sdp: OFFER })).toMatchObject({
      type: 'cam.started',
    });
    // Not a member: no cam there.
    expect(await req(a, { type: 'cam.start', roomId: 'vocal', access: 'room', sdp: OFFER })).toMatchObject({
      code: 'CALL_STATE',
    });
  });

  it('[V3] candidates: only well-formed ones, only for one’s own streams, reach the media server', async () => {
    const [a, b] = [await user(), await user()];
    for (const u of [a, b]) await u.client.join('general');
    const started = (await req(a, {
      type: 'cam.start',
      roomId: 'general',
      access: 'room',
      sdp: OFFER,
    })) as Of<'cam.started'>;
    const candidate = {
      candidate: 'candidate:1 1 udp 2122260223 10.1.2.3 54321 typ host',
      sdpMid: '0',
      sdpMLineIndex: 0,
    };
    expect(await req(a, { type: 'rtc.candidate', streamId: started.streamId, candidate })).toMatchObject({
      type: 'ok',
    });
    const mdns = {
      candidate: 'candidate:2 1 udp 2122260223 0a1b2c3d-aaaa-bbbb-cccc-0123456789ab.local 5000 typ host',
      sdpMid: '0',
    };
    expect(
      await req(a, { type: 'rtc.candidate', streamId: started.streamId, candidate: mdns }),
    ).toMatchObject({
      type: 'ok',
    });
    expect(
      await req(a, { type: 'rtc.candidate', streamId: started.streamId, candidate: null }),
    ).toMatchObject({
      type: 'ok',
    });
    expect(await req(b, { type: 'rtc.candidate', streamId: started.streamId, candidate })).toMatchObject({
      code: 'STREAM_NOT_FOUND',
    });
    for (const bad of [
      'candidate:x',
      'candidate:1 1 udp 1 999.1.1.1 5000 typ host',
      'candidate:1 1 udp 1 10.0.0.1 0 typ host',
      '<script>',
    ]) {
      expect(
        await req(a, { type: 'rtc.candidate', streamId: started.streamId, candidate: { candidate: bad } }),
        bad,
      ).toMatchObject({ code: 'RTC_INVALID' });
    }
    expect(
      await req(a, { type: 'cam.start', roomId: 'general', access: 'room', sdp: 'v=0\r\nnot an sdp at all' }),
    ).toMatchObject({
      code: 'RTC_INVALID',
    });
    expect(
      await req(a, { type: 'cam.start', roomId: 'general', access: 'room', sdp: 'hello there' }),
    ).toMatchObject({
      code: 'RTC_INVALID',
    });
    expect(await req(a, { type: 'rtc.answer', streamId: 'nope', sdp: OFFER })).toMatchObject({
      code: 'STREAM_NOT_FOUND',
    });
  });

  it('[V1] voice: only in a voice room; join muted, speak within the speaker limit, see who speaks', async () => {
    const [a, b] = [await user(), await user()];
    for (const u of [a, b]) await u.client.join('vocal');
    await a.client.join('general');
    const voiceOffer = browserOffer({ video: false, direction: 'sendrecv' });
    expect(await req(a, { type: 'voice.join', roomId: 'general', sdp: voiceOffer })).toMatchObject({
      code: 'FORBIDDEN',
    });
    const seen = b.client.waitFor((m) => m.type === 'voice.state' && m.participants.length === 1);
    const joined = (await req(a, {
      type: 'voice.join',
      roomId: 'vocal',
      sdp: voiceOffer,
    })) as Of<'voice.joined'>;
    expect(joined.type).toBe('voice.joined');
    expect(joined.sdp).toContain('m=audio');
    expect(((await seen) as Of<'voice.state'>).participants).toEqual([
      { userId: a.userId, speaking: false, talking: false },
    ]);
    const speaking = b.client.waitFor(
      (m) => m.type === 'voice.state' && m.participants.some((p) => p.speaking),
    );
    expect(await req(a, { type: 'voice.speak', roomId: 'vocal', on: true })).toMatchObject({ type: 'ok' });
    await speaking;
    expect(await req(b, { type: 'voice.join', roomId: 'vocal', sdp: voiceOffer })).toMatchObject({
      type: 'voice.joined',
    });
    expect(await req(b, { type: 'voice.speak', roomId: 'vocal', on: true })).toMatchObject({
      code: 'SPEAKER_LIMIT',
    });
    // Public rooms have no room moderators: nobody but staff mutes there.
    expect(await req(b, { type: 'voice.mute', roomId: 'vocal', userId: a.userId })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await req(a, { type: 'voice.speak', roomId: 'vocal', on: false })).toMatchObject({ type: 'ok' });
    expect(await req(b, { type: 'voice.speak', roomId: 'vocal', on: true })).toMatchObject({ type: 'ok' });
    const left = b.client.waitFor((m) => m.type === 'voice.state' && m.participants.length === 1);
    expect(await req(a, { type: 'voice.leave', roomId: 'vocal' })).toMatchObject({ type: 'ok' });
    await left;
  });

  it('[V4][R3] a private room’s moderator ends a member’s cam and mutes their voice; a member cannot; it is audited', async () => {
    const [owner, member, other] = [await user(), await user(), await user()];
    const created = (await req(owner, {
      type: 'room.create',
      name: 'Salon vocal privé',
      voice: true,
    })) as Of<'room.created'>;
    expect(created.room.voice).toBe(true);
    const roomId = created.room.id;
    await owner.client.join(roomId);
    const link = (await req(owner, { type: 'room.link.create', roomId })) as Of<'room.link'>;
    for (const u of [member, other]) await req(u, { type: 'room.join.link', token: link.token });
    await req(member, { type: 'cam.start', roomId, access: 'room', sdp: OFFER });
    await req(member, {
      type: 'voice.join',
      roomId,
      sdp: browserOffer({ video: false, direction: 'sendrecv' }),
    });
    await req(member, { type: 'voice.speak', roomId, on: true });

    expect(await req(other, { type: 'stream.end', roomId, userId: member.userId })).toMatchObject({
      code: 'FORBIDDEN',
    });
    expect(await req(other, { type: 'voice.mute', roomId, userId: member.userId })).toMatchObject({
      code: 'FORBIDDEN',
    });
    const muted = member.client.waitFor(
      (m) =>
        m.type === 'voice.state' && m.participants.some((p) => p.userId === member.userId && !p.speaking),
    );
    expect(await req(owner, { type: 'voice.mute', roomId, userId: member.userId })).toMatchObject({
      type: 'ok',
    });
    await muted;
    const ended = member.client.waitFor((m) => m.type === 'stream.closed' && m.reason === 'moderator');
    expect(await req(owner, { type: 'stream.end', roomId, userId: member.userId })).toMatchObject({
      type: 'ok',
    });
    await ended;
    const entries = await server.app.store.audit.range(1, 1000);
    expect(entries.filter((e) => e.action === 'stream.ended' && e.targetId === member.userId)).toHaveLength(
      1,
    );

    // R3: a member muted in the room loses the cam at once and cannot turn it on again.
    await req(member, { type: 'cam.start', roomId, access: 'room', sdp: OFFER });
    const closed = member.client.waitFor((m) => m.type === 'stream.closed');
    await req(owner, { type: 'room.moderate', roomId, userId: member.userId, action: 'mute', minutes: 5 });
    await closed;
    expect(await req(member, { type: 'cam.start', roomId, access: 'room', sdp: OFFER })).toMatchObject({
      code: 'MUTED',
    });
  });

  it('[V2][P1] a call needs an accepted conversation: it rings, is answered, both send cameras, either ends it', async () => {
    const [a, b] = [await user(), await user()];
    const requested = (await req(a, {
      type: 'dm.request',
      userId: b.userId,
      cid: 'c1',
      text: 'Bonjour',
    })) as Of<'dm.requested'>;
    const conversationId = requested.conversation.id;
    expect(await req(a, { type: 'call.propose', conversationId })).toMatchObject({ code: 'CALL_STATE' });
    await req(b, { type: 'dm.respond', conversationId, action: 'accept' });
    const ringing = b.client.waitFor((m) => m.type === 'call.state' && m.state === 'ringing');
    expect(await req(a, { type: 'call.propose', conversationId })).toMatchObject({ type: 'ok' });
    expect(await ringing).toMatchObject({ conversationId, from: a.userId });
    // Only the person called answers; a camera waits for the answer.
    expect(await req(a, { type: 'call.respond', conversationId, accept: true })).toMatchObject({
      code: 'CALL_STATE',
    });
    expect(
      await req(a, { type: 'cam.start', roomId: conversationId, access: 'room', sdp: OFFER }),
    ).toMatchObject({
      code: 'CALL_STATE',
    });
    const active = a.client.waitFor((m) => m.type === 'call.state' && m.state === 'active');
    expect(await req(b, { type: 'call.respond', conversationId, accept: true })).toMatchObject({
      type: 'ok',
    });
    await active;
    for (const u of [a, b]) {
      expect(
        await req(u, { type: 'cam.start', roomId: conversationId, access: 'room', sdp: OFFER }),
      ).toMatchObject({
        type: 'cam.started',
      });
    }
    // A third person has nothing to do with it.
    const c = await user();
    expect(await req(c, { type: 'call.end', conversationId })).toMatchObject({ code: 'CALL_STATE' });
    const endedForA = a.client.waitFor((m) => m.type === 'call.state' && m.state === 'ended');
    expect(await req(b, { type: 'call.end', conversationId })).toMatchObject({ type: 'ok' });
    await endedForA;
    await expect
      .poll(() => server.app.services.live.streams().filter((s) => s.roomId === conversationId))
      .toEqual([]);
    // P3: after a block, no call.
    await req(b, { type: 'block', userId: a.userId });
    expect(await req(a, { type: 'call.propose', conversationId })).toMatchObject({ code: 'CALL_STATE' });
  });

  it('[T1][V4] a stream is reported while on: the case records whose, where, since when; staff see and end it', async () => {
    const [a, b] = [await user(), await user()];
    for (const u of [a, b]) await u.client.join('general');
    const target = { kind: 'stream', roomId: 'general', userId: a.userId, media: 'cam' } as const;
    expect(await req(b, { type: 'report', target, category: 'other' })).toMatchObject({
      code: 'REPORT_TARGET',
    });
    await req(a, { type: 'cam.start', roomId: 'general', access: 'room', sdp: OFFER });
    const receipt = await req(b, { type: 'report', target, category: 'intimate_images' });
    expect(receipt).toMatchObject({ type: 'report.received' });

    const staff = await createStaff(server);
    const queue = await api<{ cases: { id: string; target: { kind: string } }[] }>(
      server,
      staff.cookie,
      'GET',
      '/api/staff/cases',
    );
    const item = queue.body.cases.find((c) => c.target.kind === 'stream')!;
    const detail = await api<{ case: { stream: { media: string; startedAt: number; reportedAt: number } } }>(
      server,
      staff.cookie,
      'GET',
      `/api/staff/cases/${item.id}`,
    );
    expect(detail.body.case.stream.media).toBe('cam');
    expect(detail.body.case.stream.reportedAt).toBeGreaterThanOrEqual(detail.body.case.stream.startedAt);

    const listed = await api<{ streams: { userId: string; media: string; roomName: string }[] }>(
      server,
      staff.cookie,
      'GET',
      '/api/staff/streams',
    );
    expect(listed.body.streams).toContainEqual(
      expect.objectContaining({ userId: a.userId, media: 'cam', roomName: 'Général' }),
    );
    const closed = a.client.waitFor((m) => m.type === 'stream.closed' && m.reason === 'moderator');
    const ended = await api(server, staff.cookie, 'POST', '/api/staff/streams/end', {
      roomId: 'general',
      userId: a.userId,
    });
    expect(ended).toMatchObject({ status: 200, body: { ended: true } });
    await closed;
    expect(await api(server, '', 'GET', '/api/staff/streams')).toMatchObject({ status: 401 });
    expect(await api(server, staff.cookie, 'POST', '/api/staff/streams/end', { roomId: 5 })).toMatchObject({
      status: 400,
    });
  });

  it('[V3] a closed connection ends its streams and its media session at once (its token revoked)', async () => {
    const a = await user();
    await a.client.join('general');
    await req(a, { type: 'cam.start', roomId: 'general', access: 'room', sdp: OFFER });
    expect(server.app.services.live.core.hasSession(a.userId)).toBe(true);
    await a.client.close();
    await expect
      .poll(() => server.app.services.live.streams().some((s) => s.userId === a.userId))
      .toBe(false);
    await expect.poll(() => server.app.services.live.core.hasSession(a.userId)).toBe(false);
  });
});

describe.skipIf(!JANUS)('when Janus dies (V1–V4)', () => {
  let server: TestServer;
  afterAll(async () => {
    await server?.close();
  });

  it('streams end, live media is off meanwhile, Janus is started again, the chat never stops', async () => {
    server = await startServer({ live: { mode: 'auto', interfaces: '127.0.0.1' } });
    const a = await newUser(server);
    await a.client.join('general');
    expect(
      await a.client.request({ type: 'cam.start', id: 'c1', roomId: 'general', access: 'room', sdp: OFFER }),
    ).toMatchObject({
      type: 'cam.started',
    });
    const pidFile = join(resolve(server.app.services.config.storage.dataDir), 'janus', 'janus.pid');
    const pid = Number((await readFile(pidFile, 'utf8')).trim());
    const ended = a.client.waitFor((m) => m.type === 'stream.closed' && m.reason === 'failed');
    process.kill(pid, 'SIGKILL');
    await ended;
    // Janus is started again after a one-second pause: until then, live media says it is down.
    expect(await a.client.request({ type: 'live.config', id: 'l0' })).toMatchObject({
      available: false,
      reason: 'media-server-down',
    });
    expect(
      await a.client.request({ type: 'cam.start', id: 'c0', roomId: 'general', access: 'room', sdp: OFFER }),
    ).toMatchObject({ code: 'LIVE_UNAVAILABLE' });
    expect(await a.client.say('general', 'toujours là')).toMatchObject({ type: 'msg.ack' });
    await expect
      .poll(
        async () =>
          ((await a.client.request({ type: 'live.config', id: 'l' })) as Of<'live.config'>).available,
        {
          timeout: 15_000,
          interval: 250,
        },
      )
      .toBe(true);
    const newPid = Number((await readFile(pidFile, 'utf8')).trim());
    expect(newPid).not.toBe(pid);
    expect(
      await a.client.request({ type: 'cam.start', id: 'c2', roomId: 'general', access: 'room', sdp: OFFER }),
    ).toMatchObject({
      type: 'cam.started',
    });
    await a.client.close();
  });
});

describe('without a media server (V1–V4 off), the rest of Salon works', () => {
  let server: TestServer;
  afterAll(async () => {
    await server?.close();
  });

  it('says why live media is off and refuses cameras with LIVE_UNAVAILABLE', async () => {
    server = await startServer({ live: { mode: 'auto', janus: '/nonexistent/janus' } });
    const a = await newUser(server);
    await a.client.join('general');
    expect(await a.client.request({ type: 'live.config', id: 'l' })).toMatchObject({
      available: false,
      reason: 'no-media-server',
      iceServers: [],
    });
    expect(
      await a.client.request({ type: 'cam.start', id: 'c', roomId: 'general', access: 'room', sdp: OFFER }),
    ).toMatchObject({ code: 'LIVE_UNAVAILABLE' });
    expect(await a.client.say('general', 'le chat marche')).toMatchObject({ type: 'msg.ack' });
    await a.client.close();
  });
});
