import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { PROTOCOL_VERSION } from '@salon/protocol';
import type { Me, RoomInfo } from '@salon/protocol';
import type { ModerationApi } from '../api/moderation.js';
import type { ApiResult, SessionApi } from '../api/session.js';
import { Connection } from '../net/connection.js';
import { FakeClock, SocketServer } from '../test/fakes.js';
import { fakeMediaApi } from '../test/mediaFakes.js';
import { click, fill, press, render, settle } from '../test/render.js';
import type { Rendered } from '../test/render.js';
import { App } from './App.js';

const me: Me = { userId: 'me', nickname: 'Alice', age: 30, gender: 'woman', region: null, registered: false };
const rooms: RoomInfo[] = [
  {
    id: 'general',
    kind: 'public',
    name: 'Général',
    topic: 'On parle de tout',
    adult: false,
    members: 2,
    keep: false,
    voice: false,
  },
  {
    id: 'adults',
    kind: 'public',
    name: 'Adultes',
    topic: 'Entre adultes',
    adult: true,
    members: 0,
    keep: false,
    voice: false,
  },
];

/** Uploads and media options never reach the network. */
const media = fakeMediaApi().api;
/** No statements of reasons here (see Statements.test.tsx). */
const moderation: ModerationApi = {
  statements: () => Promise.resolve({ ok: true, value: [] }),
  appeal: () => Promise.resolve({ ok: false, failure: { code: 'NOT_FOUND' } }),
};

function setup(current: ApiResult<Me>) {
  const server = new SocketServer();
  const clock = new FakeClock();
  const calls: string[] = [];
  const api: SessionApi = {
    current: () => {
      calls.push('current');
      return Promise.resolve(current);
    },
    enter: () => Promise.resolve({ ok: true, value: me }),
    leave: () => {
      calls.push('leave');
      return Promise.resolve({ ok: true, value: null });
    },
    entryOptions: () => Promise.resolve({ ok: true, value: { minAge: 18 } }),
    register: () => Promise.resolve({ ok: true, value: { ...me, registered: true } }),
    login: () => Promise.resolve({ ok: true, value: me }),
  };
  const createConnection = () =>
    new Connection({ url: 'ws://t/ws', createSocket: server.create, timers: clock });
  return { server, api, calls, createConnection };
}

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

describe('App', () => {
  it('[E2] a valid session cookie skips the entry form; [R1] rooms show live counts', async () => {
    const { server, api, createConnection } = setup({ ok: true, value: me });
    view = await render(
      <App api={api} createConnection={createConnection} media={media} moderation={moderation} />,
    );
    await settle();
    expect(view.queryByTestId('entry-form')).toBeNull();
    expect(view.byTestId('me-nickname').textContent).toBe('Alice');
    expect(view.byTestId('connection-status').dataset.status).toBe('connecting');

    const socket = server.current;
    await act(async () => {
      socket.open();
      socket.receive({ type: 'welcome', id: socket.last('hello').id, v: PROTOCOL_VERSION, me });
      socket.receive({ type: 'rooms', id: socket.last('rooms.list').id, rooms, mine: [] });
      await Promise.resolve();
    });
    expect(view.byTestId('connection-status').dataset.status).toBe('online');
    expect(view.byTestId('room-list').querySelectorAll('li')).toHaveLength(2);
    expect(view.byTestId('room-count-general').textContent).toBe('2');
    expect(view.byTestId('room-item-adults').textContent).toContain('Adultes');
    expect(view.byTestId('room-item-adults').querySelector('.badge-adult')).not.toBeNull();
    await act(async () => {
      socket.receive({ type: 'room.count', roomId: 'general', members: 5 });
      await Promise.resolve();
    });
    expect(view.byTestId('room-count-general').textContent).toBe('5');

    // Join, then a second room: messages in the first one count as unread (R6).
    await click(view.byTestId('room-item-general').querySelector('button')!);
    await act(async () => {
      socket.receive({
        type: 'room.joined',
        id: socket.last('room.join').id,
        room: rooms[0]!,
        members: [
          {
            userId: 'me',
            nickname: 'Alice',
            gender: 'woman',
            age: 30,
            region: null,
            status: 'online',
            role: 'member',
            mutedUntil: null,
          },
        ],
        messages: [],
        hasOlder: false,
        reset: false,
        unread: 0,
        lastReadSeq: 0,
      });
      await Promise.resolve();
    });
    expect(view.queryByTestId('room-view-general')).not.toBeNull();
    const members = view.byTestId('member-list').querySelectorAll('[data-testid="member"]');
    expect(members).toHaveLength(1);
    expect(members[0]!.textContent).toContain('Femme');
    expect(members[0]!.textContent).toContain('30 ans');

    const input = view.byTestId<HTMLTextAreaElement>('composer-input');
    await fill(input, 'bonjour');
    await press(input, 'Enter');
    expect(socket.last('msg.send')).toMatchObject({ roomId: 'general', text: 'bonjour' });
    expect(input.value).toBe('');

    await act(async () => {
      socket.receive({ type: 'typing', roomId: 'general', userId: 'bob', nickname: 'Bob' });
      await Promise.resolve();
    });
    expect(view.byTestId('typing-indicator').textContent).toBe('Bob est en train d’écrire…');
  });

  it('[E2] without a session the entry form is shown', async () => {
    const { api, createConnection } = setup({ ok: false, failure: { code: 'UNAUTHENTICATED' } });
    view = await render(
      <App api={api} createConnection={createConnection} media={media} moderation={moderation} />,
    );
    await settle();
    expect(view.queryByTestId('entry-form')).not.toBeNull();
    expect(view.queryByTestId('entry-error')).toBeNull();
  });

  it('[E1] a nickname taken meanwhile shows the form with a message', async () => {
    const { api, createConnection } = setup({ ok: false, failure: { code: 'NICK_TAKEN' } });
    view = await render(
      <App api={api} createConnection={createConnection} media={media} moderation={moderation} />,
    );
    await settle();
    expect(view.byTestId('entry-error').textContent).toContain('déjà utilisé');
  });

  it('Quitter ends the session and goes back to the entry form', async () => {
    const { api, calls, createConnection, server } = setup({ ok: true, value: me });
    view = await render(
      <App api={api} createConnection={createConnection} media={media} moderation={moderation} />,
    );
    await settle();
    await click(view.byTestId('logout'));
    await settle();
    expect(calls).toContain('leave');
    expect(server.current.closedWith).toBe(1000);
    expect(view.queryByTestId('entry-form')).not.toBeNull();
  });

  it('[R7] a version mismatch asks to reload; an ended session goes back to entry', async () => {
    const { api, createConnection, server } = setup({ ok: true, value: me });
    view = await render(
      <App api={api} createConnection={createConnection} media={media} moderation={moderation} />,
    );
    await settle();
    await act(async () => {
      server.current.drop(4001);
      await Promise.resolve();
    });
    expect(view.container.textContent).toContain('Rechargez la page');
  });
  it('[R2] an invite link in the address joins its private room once connected, then leaves the URL', async () => {
    window.history.replaceState(null, '', '/#join=tok3n');
    const { server, api, createConnection } = setup({ ok: true, value: me });
    view = await render(
      <App api={api} createConnection={createConnection} media={media} moderation={moderation} />,
    );
    await settle();
    const socket = server.current;
    await act(async () => {
      socket.open();
      socket.receive({ type: 'welcome', id: socket.last('hello').id, v: PROTOCOL_VERSION, me });
      await Promise.resolve();
    });
    await settle();
    expect(socket.last('room.join.link')).toMatchObject({ token: 'tok3n' });
    expect(window.location.hash).toBe('');
    const secret: RoomInfo = { ...rooms[0]!, id: 'p1', kind: 'private', name: 'Entre nous' };
    await act(async () => {
      socket.receive({
        type: 'room.joined',
        id: socket.last('room.join.link').id,
        room: secret,
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
    expect(view.queryByTestId('room-view-p1')).not.toBeNull();
    expect(view.queryByTestId('private-room-item-p1')).not.toBeNull();
    expect(view.queryByTestId('room-menu')).toBeNull();
  });

  it('[R2] a refused invite link is explained in app-error', async () => {
    window.history.replaceState(null, '', '/#join=revoked');
    const { server, api, createConnection } = setup({ ok: true, value: me });
    view = await render(
      <App api={api} createConnection={createConnection} media={media} moderation={moderation} />,
    );
    await settle();
    const socket = server.current;
    await act(async () => {
      socket.open();
      socket.receive({ type: 'welcome', id: socket.last('hello').id, v: PROTOCOL_VERSION, me });
      await Promise.resolve();
    });
    await settle();
    await act(async () => {
      socket.receive({
        type: 'error',
        id: socket.last('room.join.link').id,
        code: 'INVITE_INVALID',
        message: 'x',
      });
      await Promise.resolve();
    });
    await settle();
    const alert = view.byTestId('app-error');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(alert.textContent).toBe('Ce lien d’invitation n’est pas (ou plus) valide.');
    expect(view.byTestId('settings-open').getAttribute('aria-label')).toBe('Réglages');
    await click(view.byTestId('settings-open'));
    expect(view.queryByTestId('settings-dialog')).not.toBeNull();
  });
});
