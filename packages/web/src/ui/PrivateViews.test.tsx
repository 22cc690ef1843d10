import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import type { ReactNode } from 'react';
import type { Member } from '@salon/protocol';
import type { ChatClient } from '../chat/client.js';
import { bob, setup } from '../test/chatHarness.js';
import { answerOpen, conversation, secret } from '../test/directFixtures.js';
import { click, fill, render, settle } from '../test/render.js';
import type { Rendered } from '../test/render.js';
import { ChatContext } from './chatContext.js';
import { DmView } from './DmView.js';
import { MemberList } from './MemberList.js';

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

const inChat = (client: ChatClient, ui: ReactNode) => <ChatContext value={client}>{ui}</ChatContext>;

describe('conversation views', () => {
  it('[P1][P4] an incoming request shows who it is from, the safety notice, and Accept / Ignore / Block only', async () => {
    const { client, connect } = setup();
    const incoming = conversation({ direction: 'incoming', safetyNotice: true, lastSeq: 1 });
    const socket = await connect({ conversations: [incoming] });
    client.openConversation('c1');
    await answerOpen(socket, incoming, [1]);
    view = await render(inChat(client, <DmView roomId="c1" />));
    const dm = view.byTestId('dm-view-c1');
    expect(dm.textContent).toContain('Bob');
    expect(dm.textContent).toContain('Homme · 40 ans');
    expect(view.byTestId('safety-notice').textContent).toContain('lieu public');
    expect(view.byTestId('safety-notice').textContent).toContain('numéro de téléphone');
    const buttons = [...dm.querySelectorAll('.request-actions button')].map((b) => b.textContent);
    expect(buttons).toEqual(['Accepter', 'Ignorer', 'Bloquer']);
    expect(dm.textContent).not.toMatch(/signaler|report/i);
    expect(view.queryByTestId('composer-input')).toBeNull();

    await click(view.byTestId('request-accept'));
    expect(socket.last('dm.respond')).toMatchObject({ conversationId: 'c1', action: 'accept' });
    await act(async () => {
      socket.receive({ type: 'ok', id: socket.last('dm.respond').id });
      await Promise.resolve();
    });
    await settle();
    expect(view.queryByTestId('safety-notice')).toBeNull();
    expect(view.queryByTestId('composer-input')).not.toBeNull();
  });

  it('[P4] no safety notice when the server does not ask for one', async () => {
    const { client, connect } = setup();
    const incoming = conversation({ direction: 'incoming', safetyNotice: false });
    const socket = await connect({ conversations: [incoming] });
    client.openConversation('c1');
    await answerOpen(socket, incoming, []);
    view = await render(inChat(client, <DmView roomId="c1" />));
    expect(view.queryByTestId('safety-notice')).toBeNull();
    expect(view.queryByTestId('request-accept')).not.toBeNull();
  });

  it('[P1] the request composer warns about links and says how many messages are left', async () => {
    const { client, connect } = setup();
    await connect();
    client.messageUser(bob);
    view = await render(inChat(client, <DmView roomId="draft:bob" />), 'en');
    expect(view.byTestId('request-left').textContent).toContain('3 more messages');
    const input = view.byTestId<HTMLTextAreaElement>('composer-input');
    await fill(input, 'see www.example.com');
    expect(view.byTestId('request-text-only').textContent).toContain('No links');
    expect(view.byTestId<HTMLButtonElement>('composer-send').disabled).toBe(true);
    await fill(input, 'hello there');
    expect(view.queryByTestId('request-text-only')).toBeNull();
    expect(view.byTestId<HTMLButtonElement>('composer-send').disabled).toBe(false);
  });
});

describe('member menus', () => {
  const owner: Member = { ...bob, userId: 'me', nickname: 'Alice', gender: 'woman', role: 'owner' };

  async function privateRoom(myRole: Member['role'], bobRole: Member['role']) {
    const harness = setup();
    const socket = await harness.connect({ mine: [secret] });
    harness.client.joinRoom('p1');
    await act(async () => {
      socket.receive({
        type: 'room.joined',
        id: socket.last('room.join').id,
        room: secret,
        members: [
          { ...owner, role: myRole },
          { ...bob, role: bobRole },
        ],
        messages: [],
        hasOlder: false,
        reset: false,
        unread: 0,
        lastReadSeq: 0,
      });
      await Promise.resolve();
    });
    const members = harness.client.getState().joined.p1!.members;
    return { ...harness, socket, members };
  }

  const actionsShown = (v: Rendered) =>
    [...v.container.querySelectorAll('[data-testid^="member-action-"]')].map((e) =>
      e.getAttribute('data-testid')!.replace('member-action-', ''),
    );

  it('[R3] the owner sees moderation on a member; there is no menu on oneself', async () => {
    const { client, members, socket } = await privateRoom('owner', 'member');
    view = await render(inChat(client, <MemberList members={members} myUserId="me" roomId="p1" />));
    expect(view.queryByTestId('member-menu-me')).toBeNull();
    await click(view.byTestId('member-menu-bob'));
    expect(actionsShown(view)).toEqual(['message', 'block', 'kick', 'mute', 'ban', 'promote', 'transfer']);
    await fill(view.byTestId<HTMLSelectElement>('member-mute-minutes'), '60');
    await click(view.byTestId('member-action-mute'));
    expect(socket.last('room.moderate')).toMatchObject({
      roomId: 'p1',
      userId: 'bob',
      action: 'mute',
      minutes: 60,
    });
  });

  it('[R3] a moderator cannot act on another moderator; a member moderates nobody', async () => {
    const moderator = await privateRoom('moderator', 'moderator');
    view = await render(
      inChat(moderator.client, <MemberList members={moderator.members} myUserId="me" roomId="p1" />),
    );
    await click(view.byTestId('member-menu-bob'));
    expect(actionsShown(view)).toEqual(['message', 'block']);
    await view.unmount();
    const member = await privateRoom('member', 'member');
    view = await render(
      inChat(member.client, <MemberList members={member.members} myUserId="me" roomId="p1" />),
    );
    await click(view.byTestId('member-menu-bob'));
    expect(actionsShown(view)).toEqual(['message', 'block']);
  });

  it('[P1] "Message privé" opens a conversation draft with that member', async () => {
    const { client, members } = await privateRoom('member', 'member');
    view = await render(inChat(client, <MemberList members={members} myUserId="me" roomId="p1" />));
    await click(view.byTestId('member-menu-bob'));
    expect(view.byTestId('member-action-message').textContent).toBe('Message privé');
    await click(view.byTestId('member-action-message'));
    expect(client.getState().activeRoomId).toBe('draft:bob');
    expect(view.queryByTestId('member-action-message')).toBeNull();
  });
});
