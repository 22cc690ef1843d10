import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import type { Member } from '@salon/protocol';
import { bob, setup } from '../test/chatHarness.js';
import { secret } from '../test/directFixtures.js';
import type { FakeSocket } from '../test/fakes.js';
import { click, render, settle } from '../test/render.js';
import type { Rendered } from '../test/render.js';
import { ChatContext } from './chatContext.js';
import { InviteNotice } from './InviteNotice.js';
import { RoomMenu } from './RoomMenu.js';

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

const owner: Member = { ...bob, userId: 'me', nickname: 'Alice', gender: 'woman', role: 'owner' };

async function receive(socket: FakeSocket, frame: Parameters<FakeSocket['receive']>[0]) {
  await act(async () => {
    socket.receive(frame);
    await Promise.resolve();
  });
  await settle();
}

describe('private room menu', () => {
  it('[R2] creates a link shown in full, lists live links and revokes them; keep is for the owner', async () => {
    const { client, connect } = setup();
    const socket = await connect({ mine: [secret] });
    client.joinRoom('p1');
    await receive(socket, {
      type: 'room.joined',
      id: socket.last('room.join').id,
      room: secret,
      members: [owner],
      messages: [],
      hasOlder: false,
      reset: false,
      unread: 0,
      lastReadSeq: 0,
    });
    view = await render(
      <ChatContext value={client}>
        <RoomMenu roomId="p1" onClose={() => undefined} />
      </ChatContext>,
    );
    await receive(socket, {
      type: 'room.links',
      id: socket.last('room.link.list').id,
      roomId: 'p1',
      links: [],
    });
    expect(view.queryByTestId('invite-link-item')).toBeNull();
    expect(view.queryByTestId('room-keep')).not.toBeNull();

    await click(view.byTestId('invite-link-create'));
    await receive(socket, {
      type: 'room.link',
      id: socket.last('room.link.create').id,
      roomId: 'p1',
      linkId: 'l1',
      token: 'T0k3n_x',
    });
    expect(view.byTestId('invite-link').textContent).toBe(`${window.location.origin}/#join=T0k3n_x`);
    await receive(socket, {
      type: 'room.links',
      id: socket.last('room.link.list').id,
      roomId: 'p1',
      links: [{ linkId: 'l1', createdAt: Date.now() }],
    });
    const item = view.byTestId('invite-link-item');
    await click(item.querySelector<HTMLElement>('[data-testid="invite-link-revoke"]')!);
    expect(socket.last('room.link.revoke')).toMatchObject({ roomId: 'p1', linkId: 'l1' });
    await receive(socket, { type: 'ok', id: socket.last('room.link.revoke').id });
    expect(view.queryByTestId('invite-link-item')).toBeNull();
  });

  it('[R2] an invitation is shown with Join, which joins the room', async () => {
    const { client, connect } = setup();
    const socket = await connect();
    view = await render(
      <ChatContext value={client}>
        <InviteNotice onJoined={() => undefined} />
      </ChatContext>,
    );
    expect(view.queryByTestId('invite-notice')).toBeNull();
    await receive(socket, { type: 'room.invited', room: secret, by: 'Bob' });
    expect(view.byTestId('invite-notice').textContent).toContain(
      'Bob vous invite dans le salon privé « Entre nous »',
    );
    await click(view.byTestId('invite-notice-join'));
    expect(socket.last('room.join')).toMatchObject({ roomId: 'p1' });
    expect(view.queryByTestId('invite-notice')).toBeNull();
  });
});
