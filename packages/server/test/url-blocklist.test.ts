import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { ServerMessageOf } from '@salon/protocol';
import { newUser, startServer, type TestServer } from './support/server.js';

describe('link blocklists', () => {
  let server: TestServer;
  const file = join(mkdtempSync(join(tmpdir(), 'salon-urls-')), 'blocked.txt');

  beforeAll(async () => {
    writeFileSync(file, '# test list\nscam.example\nexample.org/trap\n');
    server = await startServer({ safety: { urlBlocklists: [file] } });
  });
  afterAll(async () => {
    await server.close();
  });

  it('[S3] refuses a room message with a listed link before anyone sees it', async () => {
    const a = await newUser(server);
    const b = await newUser(server);
    await a.client.join('general');
    await b.client.join('general');
    for (const text of [
      'gagne un iPhone sur https://www.SCAM.example/win',
      'va voir example.org/trap/now !',
    ]) {
      expect(await a.client.say('general', text)).toMatchObject({ type: 'error', code: 'LINK_BLOCKED' });
    }
    expect((await a.client.say('general', 'https://example.org/ok')).type).toBe('msg.ack');
    await b.client.request({ type: 'ping', id: 'p' });
    const seen = b.client.frames.flatMap((m) => (m.type === 'msg' ? [m.message.text] : []));
    expect(seen).toEqual(['https://example.org/ok']);
    expect((await server.app.store.messages.latest('general', 5)).map((m) => m.text)).toEqual([
      'https://example.org/ok',
    ]);
  });

  it('[S3] refuses it in an accepted private conversation too, and reloads lists without a restart', async () => {
    const a = await newUser(server);
    const b = await newUser(server);
    const requested = (await a.client.request({
      type: 'dm.request',
      id: 'r',
      userId: b.userId,
      cid: 'c',
      text: 'salut',
    })) as ServerMessageOf<'dm.requested'>;
    await b.client.request({
      type: 'dm.respond',
      id: 'a',
      conversationId: requested.conversation.id,
      action: 'accept',
    });
    expect(await a.client.say(requested.conversation.id, 'http://cdn.scam.example/x')).toMatchObject({
      code: 'LINK_BLOCKED',
    });
    expect((await a.client.say(requested.conversation.id, 'https://later.example/x')).type).toBe('msg.ack');
    writeFileSync(file, 'later.example\n');
    expect(server.app.services.lists.reload()).toMatchObject({ urls: 1 });
    expect(await a.client.say(requested.conversation.id, 'https://later.example/y')).toMatchObject({
      code: 'LINK_BLOCKED',
    });
    expect((await a.client.say(requested.conversation.id, 'https://scam.example/')).type).toBe('msg.ack');
  });
});
