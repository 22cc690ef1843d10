/** The whole chat app, connected to a fake socket and joined to "Général": for UI tests of a room. */
import { act } from 'react';
import { VirtuosoMockContext } from 'react-virtuoso';
import { PROTOCOL_VERSION } from '@salon/protocol';
import type { ChatMessage, Member } from '@salon/protocol';
import type { ModerationApi } from '../api/moderation.js';
import type { SessionApi } from '../api/session.js';
import { Connection } from '../net/connection.js';
import { App } from '../ui/App.js';
import { bob, general, me } from './chatHarness.js';
import { FakeClock, SocketServer } from './fakes.js';
import type { FakeSocket } from './fakes.js';
import { waitFor } from './httpFakes.js';
import { fakeMediaApi } from './mediaFakes.js';
import { click, render, settle } from './render.js';
import type { Rendered } from './render.js';

/** The signed-in user as a member of the room. */
export const selfMember: Member = { ...bob, userId: 'me', nickname: 'Alice', gender: 'woman' };

export const sessionApi: SessionApi = {
  current: () => Promise.resolve({ ok: true, value: me }),
  enter: () => Promise.resolve({ ok: true, value: me }),
  leave: () => Promise.resolve({ ok: true, value: null }),
  entryOptions: () => Promise.resolve({ ok: true, value: { minAge: 18 } }),
  register: () => Promise.resolve({ ok: true, value: me }),
  login: () => Promise.resolve({ ok: true, value: me }),
};

/** No statements of reasons; appeals answer NOT_FOUND. */
export const noStatements: ModerationApi = {
  statements: () => Promise.resolve({ ok: true, value: [] }),
  appeal: () => Promise.resolve({ ok: false, failure: { code: 'NOT_FOUND' } }),
};

/** Delivers a frame from the server and lets React settle. */
export async function receive(
  socket: FakeSocket,
  frame: Parameters<FakeSocket['receive']>[0],
): Promise<void> {
  await act(async () => {
    socket.receive(frame);
    await Promise.resolve();
  });
  await settle();
}

/** Renders the app, connects, joins "Général" with Bob and `messages`, and waits for them to show. */
export async function openRoomApp(messages: ChatMessage[]): Promise<{ socket: FakeSocket; view: Rendered }> {
  const server = new SocketServer();
  const clock = new FakeClock();
  const createConnection = () =>
    new Connection({ url: 'ws://t/ws', createSocket: server.create, timers: clock });
  const view = await render(
    <VirtuosoMockContext value={{ viewportHeight: 800, itemHeight: 60 }}>
      <App
        api={sessionApi}
        createConnection={createConnection}
        media={fakeMediaApi().api}
        moderation={noStatements}
      />
    </VirtuosoMockContext>,
  );
  await settle();
  const socket = server.current;
  await act(async () => {
    socket.open();
    socket.receive({ type: 'welcome', id: socket.last('hello').id, v: PROTOCOL_VERSION, me });
    await Promise.resolve();
  });
  await receive(socket, { type: 'rooms', id: socket.last('rooms.list').id, rooms: [general], mine: [] });
  await click(view.byTestId('room-item-general').querySelector('button')!);
  await receive(socket, {
    type: 'room.joined',
    id: socket.last('room.join').id,
    room: general,
    members: [selfMember, bob],
    messages,
    hasOlder: false,
    reset: false,
    unread: 0,
    lastReadSeq: 0,
  });
  await waitFor(() => view.container.querySelectorAll('[data-testid="message"]').length === messages.length);
  return { socket, view };
}
