import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import { PROTOCOL_VERSION } from '@salon/protocol';
import type { SessionApi } from '../api/session.js';
import { Connection } from '../net/connection.js';
import { general, me, msg, setup } from '../test/chatHarness.js';
import { FakeClock, SocketServer } from '../test/fakes.js';
import { fakeMediaApi, mediaRef } from '../test/mediaFakes.js';
import { click, fill, render, settle } from '../test/render.js';
import type { Rendered } from '../test/render.js';
import { App } from './App.js';
import { ChatContext } from './chatContext.js';
import { RoomView } from './RoomView.js';

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
  vi.restoreAllMocks();
  Reflect.deleteProperty(navigator, 'mediaDevices');
});

/** A camera: `getUserMedia` gives a stream whose one track records being stopped. */
function fakeCamera(refuse?: string) {
  const stop = vi.fn();
  // A real MediaStream (a <video> takes nothing else), with the one method the dialog uses.
  const stream = new MediaStream();
  Object.defineProperty(stream, 'getTracks', { value: () => [{ stop } as unknown as MediaStreamTrack] });
  const getUserMedia = vi.fn((_constraints: MediaStreamConstraints) =>
    refuse ? Promise.reject(new DOMException('no', refuse)) : Promise.resolve(stream),
  );
  Object.defineProperty(navigator, 'mediaDevices', { value: { getUserMedia }, configurable: true });
  const photo = new Blob([new Uint8Array([0xff, 0xd8, 0xff, 0xe0])], { type: 'image/jpeg' });
  const toBlob = vi
    .spyOn(HTMLCanvasElement.prototype, 'toBlob')
    .mockImplementation((callback: BlobCallback) => callback(photo));
  return { stop, getUserMedia, photo, toBlob };
}

async function room() {
  const harness = setup();
  const socket = await harness.connect();
  harness.client.joinRoom('general');
  await harness.answerJoin(socket, 'general', [msg(1)]);
  view = await render(
    <ChatContext value={harness.client}>
      <RoomView roomId="general" onMenu={() => undefined} />
    </ChatContext>,
  );
  await settle();
  return { ...harness, socket, view };
}

const dialog = () => document.body.querySelector<HTMLElement>('[data-testid="camera-dialog"]');
const inDialog = (id: string) => dialog()!.querySelector<HTMLElement>(`[data-testid="${id}"]`);

describe('webcam photo (M3)', () => {
  it('[M3] a webcam photo is uploaded like any other image and sent with the caption; the camera is turned off', async () => {
    const camera = fakeCamera();
    const { view: v, uploads, socket } = await room();
    await fill(v.byTestId<HTMLTextAreaElement>('composer-input'), 'coucou');
    const open = v.byTestId('camera-open');
    expect(open.getAttribute('aria-label')).toBe('Prendre une photo');
    await click(open);
    await settle();
    expect(camera.getUserMedia).toHaveBeenCalledWith({ video: true, audio: false });
    expect(dialog()!.getAttribute('role')).toBe('dialog');
    expect(inDialog('camera-video')).not.toBeNull();

    await click(inDialog('camera-capture')!);
    expect(inDialog('camera-preview')!.hidden).toBe(false);
    expect(inDialog('camera-video')).toBeNull();
    // Take it again, then keep it.
    await click(inDialog('camera-retake')!);
    expect(inDialog('camera-video')).not.toBeNull();
    await click(inDialog('camera-capture')!);
    await click(inDialog('camera-send')!);
    await settle();

    expect(camera.toBlob).toHaveBeenCalledWith(expect.any(Function), 'image/jpeg', 0.9);
    expect(dialog()).toBeNull();
    expect(camera.stop).toHaveBeenCalled();
    const xhr = uploads.last;
    expect(xhr.url).toBe('/api/media?roomId=general');
    expect(xhr.body).toBe(camera.photo);
    expect(v.byTestId('upload').textContent).toContain('photo.jpg');
    const media = mediaRef();
    await act(async () => {
      xhr.respond(201, { media });
      await Promise.resolve();
    });
    await settle();
    expect(socket.last('msg.send')).toMatchObject({ roomId: 'general', text: 'coucou', mediaId: media.id });
  });

  it('[M3] closing the dialog without sending turns the camera off and sends nothing', async () => {
    const camera = fakeCamera();
    const { view: v, uploads } = await room();
    await click(v.byTestId('camera-open'));
    await settle();
    await click(inDialog('camera-cancel')!);
    expect(dialog()).toBeNull();
    expect(camera.stop).toHaveBeenCalled();
    expect(uploads.requests).toHaveLength(0);
  });

  it('[M3] a refused or missing camera is explained', async () => {
    fakeCamera('NotAllowedError');
    const { view: v } = await room();
    await click(v.byTestId('camera-open'));
    await settle();
    expect(inDialog('camera-error')!.textContent).toContain('L’accès à la caméra a été refusé');
    expect(inDialog('camera-capture')).toBeNull();
    await click(inDialog('camera-cancel')!);

    Reflect.deleteProperty(navigator, 'mediaDevices');
    fakeCamera('NotFoundError');
    await click(v.byTestId('camera-open'));
    await settle();
    expect(inDialog('camera-error')!.textContent).toBe('Aucune caméra n’a été trouvée sur cet appareil.');
    await click(inDialog('camera-cancel')!);

    Reflect.deleteProperty(navigator, 'mediaDevices');
    await click(v.byTestId('camera-open'));
    await settle();
    expect(inDialog('camera-error')!.dataset.problem).toBe('unsupported');
  });
});

describe('dialogs over the chat', () => {
  it('[M3][O5] the camera dialog makes the page behind it inert, and gives the focus back when closed', async () => {
    fakeCamera();
    const server = new SocketServer();
    const clock = new FakeClock();
    const ok = () => Promise.resolve({ ok: true as const, value: me });
    const api: SessionApi = {
      current: ok,
      enter: ok,
      login: ok,
      register: ok,
      leave: () => Promise.resolve({ ok: true, value: null }),
      entryOptions: () => Promise.resolve({ ok: true, value: { minAge: 18 } }),
    };
    const createConnection = () =>
      new Connection({ url: 'ws://t/ws', createSocket: server.create, timers: clock });
    const { api: media } = fakeMediaApi();
    view = await render(<App api={api} createConnection={createConnection} media={media} />);
    await settle();
    const socket = server.current;
    await act(async () => {
      socket.open();
      socket.receive({ type: 'welcome', id: socket.last('hello').id, v: PROTOCOL_VERSION, me });
      socket.receive({ type: 'rooms', id: socket.last('rooms.list').id, rooms: [general], mine: [] });
      await Promise.resolve();
    });
    await click(view.byTestId('room-item-general').querySelector('button')!);
    await act(async () => {
      socket.receive({
        type: 'room.joined',
        id: socket.last('room.join').id,
        room: general,
        members: [],
        messages: [],
        hasOlder: false,
        reset: false,
        unread: 0,
        lastReadSeq: 0,
      });
      await Promise.resolve();
    });
    await settle();
    const app = view.container.querySelector<HTMLElement>('.app')!;
    const open = view.byTestId('camera-open');
    open.focus();
    await click(open);
    await settle();
    expect(dialog()).not.toBeNull();
    expect(app.hasAttribute('inert')).toBe(true);
    await click(inDialog('camera-cancel')!);
    await settle();
    expect(dialog()).toBeNull();
    expect(app.hasAttribute('inert')).toBe(false);
    expect(document.activeElement).toBe(open);
  });
});
