import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import type { ReactNode } from 'react';
import type { MediaOptions } from '@salon/protocol';
import type { ChatClient } from '../chat/client.js';
import { bob, msg, setup } from '../test/chatHarness.js';
import { answerOpen, conversation } from '../test/directFixtures.js';
import type { FakeXhr } from '../test/mediaFakes.js';
import { fileOf, MB, mediaOptions, mediaRef, pickFiles } from '../test/mediaFakes.js';
import { click, fill, render, settle } from '../test/render.js';
import type { Rendered } from '../test/render.js';
import { ChatContext } from './chatContext.js';
import { DmView } from './DmView.js';
import { RoomView } from './RoomView.js';

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
  vi.restoreAllMocks();
});

const inChat = (client: ChatClient, ui: ReactNode) => <ChatContext value={client}>{ui}</ChatContext>;

async function roomWithComposer(options?: MediaOptions, language: 'fr' | 'en' = 'fr') {
  const harness = setup({ mediaOptions: options });
  const socket = await harness.connect();
  harness.client.joinRoom('general');
  await harness.answerJoin(socket, 'general', [msg(1)]);
  view = await render(
    inChat(harness.client, <RoomView roomId="general" onMenu={() => undefined} />),
    language,
  );
  await settle();
  const input = view.container.querySelector<HTMLInputElement>(
    'input[type="file"][data-testid="attach-input"]',
  )!;
  return { ...harness, socket, view, input };
}

/** Lets the fake server answer, then the renders it causes settle. */
async function serve(act_: () => void) {
  await act(async () => {
    act_();
    await Promise.resolve();
  });
  await settle();
}

describe('attaching a file (M1)', () => {
  it('[M1] uploads the bytes to /api/media?roomId=…, shows the progress, then sends the file with the caption', async () => {
    const { view: v, input, uploads, socket } = await roomWithComposer();
    const attach = v.byTestId('attach-button');
    expect(attach.getAttribute('aria-label')).toBe('Joindre un fichier');
    expect(input.accept).toContain('image/jpeg');
    expect(input.accept).toContain('video/mp4');
    expect(v.queryByTestId('media-unavailable')).toBeNull();

    const composer = v.byTestId<HTMLTextAreaElement>('composer-input');
    await fill(composer, 'vue du balcon');
    const file = fileOf('balcon.jpg', 'image/jpeg', 4000);
    await pickFiles(input, [file]);
    const xhr: FakeXhr = uploads.last;
    expect(xhr.method).toBe('POST');
    expect(xhr.url).toBe('/api/media?roomId=general');
    expect(xhr.headers['content-type']).toBe('application/octet-stream');
    expect(xhr.body).toBe(file);
    expect(composer.value).toBe('');

    await serve(() => xhr.progress(1000, 4000));
    const bar = v.byTestId('upload-progress');
    expect(bar.getAttribute('role')).toBe('progressbar');
    expect(bar.getAttribute('aria-valuenow')).toBe('25');
    expect(bar.getAttribute('aria-label')).toBe('Envoi de « balcon.jpg »');
    await serve(() => xhr.progress(4000, 4000));
    expect(bar.getAttribute('aria-valuenow')).toBe('100');
    expect(bar.getAttribute('aria-valuetext')).toBe('Vérification…');
    expect(socket.ofType('msg.send')).toHaveLength(0);

    const media = mediaRef();
    await serve(() => xhr.respond(201, { media }));
    expect(socket.last('msg.send')).toMatchObject({
      roomId: 'general',
      text: 'vue du balcon',
      mediaId: media.id,
    });
    expect(v.queryByTestId('upload-progress')).toBeNull();
  });

  it('[M1] an upload refused by the server shows the translated reason', async () => {
    const { view: v, input, uploads, socket } = await roomWithComposer(undefined, 'en');
    await pickFiles(input, [fileOf('doc.jpg', 'image/jpeg', 100)]);
    await serve(() => uploads.last.respond(415, { error: 'MEDIA_TYPE', message: 'not an image' }));
    const error = v.byTestId('upload-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.dataset.code).toBe('MEDIA_TYPE');
    expect(error.textContent).toBe(
      '“doc.jpg” was not sent: This type of file is not accepted: photos (JPEG, PNG, WebP, GIF), videos (MP4, WebM) and sounds (MP3, Ogg, M4A) only.',
    );
    expect(socket.ofType('msg.send')).toHaveLength(0);
    await click(v.byTestId('upload').querySelector('button')!);
    expect(v.queryByTestId('upload')).toBeNull();
  });

  it('[M1] a file over the size limit is refused before any upload, with the limit', async () => {
    const { view: v, input, uploads } = await roomWithComposer();
    const composer = v.byTestId<HTMLTextAreaElement>('composer-input');
    await fill(composer, 'gardée');
    await pickFiles(input, [fileOf('énorme.png', 'image/png', 10 * MB + 1)]);
    expect(uploads.requests).toHaveLength(0);
    const error = v.byTestId('attach-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toBe(
      '« énorme.png » est trop lourd (10,1 Mo) : une photo peut faire 10 Mo au plus.',
    );
    expect(composer.value).toBe('gardée');
  });

  it('[M1] cancel stops an upload', async () => {
    const { view: v, input, uploads, socket } = await roomWithComposer();
    await pickFiles(input, [fileOf('a.jpg', 'image/jpeg', 10)]);
    const cancel = v.byTestId('upload-cancel');
    expect(cancel.getAttribute('aria-label')).toBe('Annuler l’envoi de « a.jpg »');
    await click(cancel);
    expect(uploads.last.aborted).toBe(true);
    expect(v.queryByTestId('upload')).toBeNull();
    expect(socket.ofType('msg.send')).toHaveLength(0);
  });

  it('[M1] without video and audio on the server the composer says so and the picker takes images only', async () => {
    const {
      view: v,
      input,
      uploads,
    } = await roomWithComposer(mediaOptions({ video: false, audio: false }), 'en');
    const note = v.byTestId('media-unavailable');
    expect(note.textContent).toBe('Video and audio are not available on this server.');
    expect(v.byTestId('attach-button').getAttribute('aria-describedby')).toBe(note.id);
    expect(input.accept).toBe('image/jpeg,image/png,image/webp,image/gif');
    await pickFiles(input, [fileOf('clip.mp4', 'video/mp4', 100)]);
    expect(uploads.requests).toHaveLength(0);
    expect(v.byTestId('attach-error').textContent).toBe(
      '“clip.mp4” cannot be sent: video is not available on this server.',
    );
  });

  it('[M1] an accepted conversation has the attach button; [P1] a request composer does not', async () => {
    const { client, connect, uploads } = setup();
    const accepted = conversation({ state: 'accepted' });
    const socket = await connect({ conversations: [accepted] });
    client.openConversation('c1');
    await answerOpen(socket, accepted, [1]);
    view = await render(inChat(client, <DmView roomId="c1" />));
    await settle();
    const input = view.container.querySelector<HTMLInputElement>('input[type="file"]')!;
    await pickFiles(input, [fileOf('a.jpg', 'image/jpeg', 10)]);
    expect(uploads.last.url).toBe('/api/media?roomId=c1');
    await view.unmount();

    client.messageUser({ ...bob, userId: 'zoe', nickname: 'Zoé' });
    view = await render(inChat(client, <DmView roomId="draft:zoe" />));
    await settle();
    expect(view.queryByTestId('composer-input')).not.toBeNull();
    expect(view.queryByTestId('attach-button')).toBeNull();
    expect(view.queryByTestId('camera-open')).toBeNull();
    expect(view.container.querySelector('input[type="file"]')).toBeNull();
  });
});
