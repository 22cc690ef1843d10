import { describe, expect, it } from 'vitest';
import { bob, msg, setup } from '../test/chatHarness.js';
import { answerOpen, conversation } from '../test/directFixtures.js';
import { flush } from '../test/fakes.js';
import { mediaOptions, mediaRef } from '../test/mediaFakes.js';

async function inGeneral() {
  const harness = setup();
  const socket = await harness.connect();
  harness.client.joinRoom('general');
  await harness.answerJoin(socket, 'general', [msg(1)]);
  await harness.client.loadMediaOptions();
  return { ...harness, socket };
}

describe('uploads (M1)', () => {
  it('[M1] uploads first, then sends the file with its caption; the stored copy keeps the file', async () => {
    const { client, uploads, socket, room } = await inGeneral();
    const file = new Blob([new Uint8Array(2000)], { type: 'image/jpeg' });
    expect(client.attach('general', file, '  la mer  ', 'mer.jpg')).toBeNull();
    expect(uploads.last.url).toBe('/api/media?roomId=general');
    expect(client.getState().uploads).toMatchObject([
      { roomId: 'general', name: 'mer.jpg', kind: 'image', loaded: 0, total: 2000, status: 'uploading' },
    ]);
    uploads.last.progress(500, 2000);
    expect(client.getState().uploads[0]).toMatchObject({ loaded: 500, total: 2000 });
    expect(socket.ofType('msg.send')).toHaveLength(0);

    const media = mediaRef();
    uploads.last.respond(201, { media });
    await flush();
    expect(client.getState().uploads).toEqual([]);
    const send = socket.last('msg.send');
    expect(send).toMatchObject({ roomId: 'general', text: 'la mer', mediaId: media.id });
    expect(room().pending[0]).toMatchObject({ text: 'la mer', media });
    socket.receive({ type: 'msg.ack', id: send.id, cid: send.cid, roomId: 'general', seq: 2 });
    await flush();
    expect(room().messages.at(-1)).toMatchObject({ seq: 2, text: 'la mer', media });
  });

  it('[M1][R7] a file not acknowledged goes again after a reconnect, same cid and same mediaId', async () => {
    const { client, uploads, socket, reconnect, answerJoin } = await inGeneral();
    client.attach('general', new Blob(['x'], { type: 'image/png' }), '', 'x.png');
    const media = mediaRef();
    uploads.last.respond(201, { media });
    await flush();
    const first = socket.last('msg.send');
    expect(first).toMatchObject({ text: '', mediaId: media.id });
    const again = await reconnect();
    await answerJoin(again, 'general', []);
    expect(again.last('msg.send')).toMatchObject({ cid: first.cid, text: '', mediaId: media.id });
  });

  it('[M1] a refused upload keeps its reason until dismissed; a cancelled one sends nothing', async () => {
    const { client, uploads, socket } = await inGeneral();
    client.attach('general', new Blob(['x'], { type: 'image/png' }), 'hello', 'x.png');
    uploads.last.respond(422, { error: 'MEDIA_CORRUPT', message: 'bad' });
    await flush();
    const [failed] = client.getState().uploads;
    expect(failed).toMatchObject({ status: 'failed', error: { code: 'MEDIA_CORRUPT' }, caption: 'hello' });
    client.dismissUpload(failed!.id);
    expect(client.getState().uploads).toEqual([]);

    client.attach('general', new Blob(['y'], { type: 'image/png' }), '', 'y.png');
    const xhr = uploads.last;
    client.cancelUpload(client.getState().uploads[0]!.id);
    expect(xhr.aborted).toBe(true);
    expect(client.getState().uploads).toEqual([]);
    await flush();
    expect(socket.ofType('msg.send')).toHaveLength(0);
  });

  it('[M1] what the server accepts is asked on each connection', async () => {
    const { client, connect } = setup({ mediaOptions: mediaOptions({ video: false }) });
    expect(client.attach('general', new Blob(['x']), '', 'x')).toEqual({ code: 'OPTIONS_UNKNOWN' });
    await connect();
    await flush();
    expect(client.getState().mediaOptions?.kinds.video.enabled).toBe(false);
  });

  it('[M1] leaving the room stops its uploads', async () => {
    const { client, uploads } = await inGeneral();
    client.attach('general', new Blob(['x'], { type: 'image/png' }), '', 'x.png');
    client.leaveRoom('general');
    expect(uploads.last.aborted).toBe(true);
    expect(client.getState().uploads).toEqual([]);
  });

  it('[M1] an accepted conversation takes files under its id; [P1] a request never does', async () => {
    const { client, connect, uploads } = setup();
    const accepted = conversation({ state: 'accepted' });
    const socket = await connect({ conversations: [accepted] });
    client.openConversation('c1');
    await answerOpen(socket, accepted, [1]);
    await client.loadMediaOptions();
    client.attach('c1', new Blob(['x'], { type: 'image/png' }), 'pour toi', 'x.png');
    expect(uploads.last.url).toBe('/api/media?roomId=c1');
    uploads.last.respond(201, { media: mediaRef() });
    await flush();
    expect(socket.last('msg.send')).toMatchObject({ roomId: 'c1', text: 'pour toi' });

    client.messageUser({ ...bob, userId: 'zoe', nickname: 'Zoé' });
    expect(client.send('draft:zoe', '', mediaRef())).toBe('REQUEST_TEXT_ONLY');
  });
});
