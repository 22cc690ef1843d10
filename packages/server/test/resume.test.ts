import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ChatMessage, ServerMessage } from '@salon/protocol';
import { LIMITS } from '@salon/protocol';
import { ADULT, TestClient, enter, startServer, uniqueNick, type TestServer } from './support/server.js';
import { TEST_DATABASES } from './support/databases.js';

const texts = (messages: ChatMessage[]) => messages.map((m) => m.text);

describe.each(TEST_DATABASES)('reconnect and resume on $name', (database) => {
  let server: TestServer;
  let drop: () => Promise<void>;

  beforeAll(async () => {
    const opened = await database.open();
    drop = opened.drop;
    server = await startServer({ chat: { memberGrace: 2000 } }, { store: opened.store });
  });
  afterAll(async () => {
    await server.close();
    await drop();
  });

  it('[R7] after the server drops the socket mid-stream, the client gets what it missed, in order, once', async () => {
    const sender = await enter(server, { nickname: uniqueNick('S'), ...ADULT });
    const reader = await enter(server, { nickname: uniqueNick('R'), ...ADULT });
    const s = await TestClient.connect(server, sender.cookie);
    let r = await TestClient.connect(server, reader.cookie);
    await s.join('general');
    const joined = await r.join('general');
    const have = new Map<number, ChatMessage>(joined.messages.map((m) => [m.seq, m]));
    const keep = (m: ServerMessage) => {
      if (m.type === 'msg' && m.message.roomId === 'general') have.set(m.message.seq, m.message);
    };
    r.ws.on('message', (data: Buffer) => keep(JSON.parse(data.toString('utf8')) as ServerMessage));

    // A stream of 60 messages; the server drops the reader's socket once it has seen the 20th.
    const sending = (async () => {
      for (let i = 1; i <= 60; i++) await s.say('general', `stream ${i}`);
    })();
    await r.waitFor((m) => m.type === 'msg' && m.message.text === 'stream 20', { past: true });
    const readerPort = (r.ws as unknown as { _socket: { localPort: number } })._socket.localPort;
    const peer = [...server.app.http.websocketServer.clients].find(
      (c) => (c as unknown as { _socket: { remotePort: number } })._socket.remotePort === readerPort,
    )!;
    peer.terminate();
    await r.closed;
    const lastSeq = Math.max(...have.keys());
    // Messages keep flowing while the reader is away; then it reconnects and resumes.
    await new Promise((resolve) => setTimeout(resolve, 30));
    r = await TestClient.connect(server, reader.cookie);
    r.ws.on('message', (data: Buffer) => keep(JSON.parse(data.toString('utf8')) as ServerMessage));
    const resumed = await r.join('general', lastSeq);
    expect(resumed.reset).toBe(false);
    for (const m of resumed.messages) have.set(m.seq, m);
    await sending;
    if (!resumed.messages.some((m) => m.text === 'stream 60')) {
      await r.waitFor((m) => m.type === 'msg' && m.message.text === 'stream 60', { past: true });
    }
    const stream = [...have.values()]
      .filter((m) => m.text.startsWith('stream '))
      .sort((a, b) => a.seq - b.seq);
    expect(texts(stream)).toEqual(Array.from({ length: 60 }, (_, i) => `stream ${i + 1}`));
    // Every resumed message is after what the client had, and nothing arrived twice in the resume.
    expect(resumed.messages.every((m) => m.seq > lastSeq)).toBe(true);
    expect(new Set(resumed.messages.map((m) => m.seq)).size).toBe(resumed.messages.length);
    const liveAfterResume = r.frames
      .filter((m) => m.type === 'msg')
      .map((m) => (m as { message: ChatMessage }).message.seq);
    for (const seq of liveAfterResume) expect(resumed.messages.some((m) => m.seq === seq)).toBe(false);
    await s.close();
    await r.close();
  });

  it('[R7] a message resent with the same cid after a drop is stored and delivered once', async () => {
    const a = await enter(server, { nickname: uniqueNick('A'), ...ADULT });
    const b = await enter(server, { nickname: uniqueNick('B'), ...ADULT });
    const ca = await TestClient.connect(server, a.cookie);
    const cb = await TestClient.connect(server, b.cookie);
    await ca.join('amitie');
    await cb.join('amitie');
    const first = await ca.say('amitie', 'only once', 'cid-123');
    const second = await ca.say('amitie', 'only once', 'cid-123');
    expect(first).toMatchObject({ type: 'msg.ack' });
    expect(second).toMatchObject({ type: 'msg.ack', seq: (first as { seq: number }).seq });
    await cb.request({ type: 'ping', id: 'sync' });
    await ca.request({ type: 'ping', id: 'sync2' });
    await new Promise((resolve) => setTimeout(resolve, 50));
    expect(cb.frames.filter((m) => m.type === 'msg' && m.message.text === 'only once')).toHaveLength(1);
    await ca.close();
    await cb.close();
  });

  it('[R7] a client that missed too much gets a reset with the latest history', async () => {
    const a = await enter(server, { nickname: uniqueNick('F'), ...ADULT });
    const ca = await TestClient.connect(server, a.cookie);
    const joined = await ca.join('cinema');
    const start = joined.messages.at(-1)?.seq ?? 0;
    for (let i = 0; i < LIMITS.resumeMax + 5; i++) {
      await server.app.store.messages.append({
        roomId: 'cinema',
        authorId: 'x',
        nickname: 'X',
        text: `bulk ${i}`,
        cid: `bulk-${i}`,
        at: 1,
      });
    }
    const resumed = await ca.join('cinema', start);
    expect(resumed.reset).toBe(true);
    expect(resumed.messages).toHaveLength(50);
    expect(resumed.messages.at(-1)?.text).toBe(`bulk ${LIMITS.resumeMax + 4}`);
    await ca.close();
  });
});
