import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { VirtuosoMockContext } from 'react-virtuoso';
import { PROTOCOL_VERSION, REPORT_CATEGORIES } from '@salon/protocol';
import type { ChatMessage, Member } from '@salon/protocol';
import type { ModerationApi } from '../api/moderation.js';
import type { SessionApi } from '../api/session.js';
import { Connection } from '../net/connection.js';
import { bob, general, me, msg } from '../test/chatHarness.js';
import { FakeClock, SocketServer } from '../test/fakes.js';
import type { FakeSocket } from '../test/fakes.js';
import { waitFor } from '../test/httpFakes.js';
import { fakeMediaApi, mediaRef } from '../test/mediaFakes.js';
import { click, fill, press, render, settle } from '../test/render.js';
import type { Rendered } from '../test/render.js';
import { App } from './App.js';

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

const self: Member = { ...bob, userId: 'me', nickname: 'Alice', gender: 'woman' };
const photo = mediaRef({ id: 'PHOTOPHOTOPHOTOPHOTO12' });
const messages: ChatMessage[] = [
  { ...msg(1), text: 'Donne-moi ton adresse' },
  msg(2, 'general', 'me'),
  { ...msg(3), text: '', media: photo },
];

const api: SessionApi = {
  current: () => Promise.resolve({ ok: true, value: me }),
  enter: () => Promise.resolve({ ok: true, value: me }),
  leave: () => Promise.resolve({ ok: true, value: null }),
  entryOptions: () => Promise.resolve({ ok: true, value: { minAge: 18 } }),
  register: () => Promise.resolve({ ok: true, value: me }),
  login: () => Promise.resolve({ ok: true, value: me }),
};
const moderation: ModerationApi = {
  statements: () => Promise.resolve({ ok: true, value: [] }),
  appeal: () => Promise.resolve({ ok: false, failure: { code: 'NOT_FOUND' } }),
};

async function receive(socket: FakeSocket, frame: Parameters<FakeSocket['receive']>[0]) {
  await act(async () => {
    socket.receive(frame);
    await Promise.resolve();
  });
  await settle();
}

/** The chat app, connected, in the room "Général" with Bob and three messages. */
async function inRoom() {
  const server = new SocketServer();
  const clock = new FakeClock();
  const createConnection = () =>
    new Connection({ url: 'ws://t/ws', createSocket: server.create, timers: clock });
  view = await render(
    <VirtuosoMockContext value={{ viewportHeight: 800, itemHeight: 60 }}>
      <App api={api} createConnection={createConnection} media={fakeMediaApi().api} moderation={moderation} />
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
    members: [self, bob],
    messages,
    hasOlder: false,
    reset: false,
    unread: 0,
    lastReadSeq: 0,
  });
  const v = view;
  await waitFor(() => v.container.querySelectorAll('[data-testid="message"]').length === 3);
  return { socket, view: v };
}

function row(v: Rendered, seq: number): HTMLElement {
  const found = v.container.querySelector<HTMLElement>(`[data-testid="message"][data-seq="${seq}"]`);
  if (!found) throw new Error(`no message ${seq}`);
  return found;
}

function reportButton(v: Rendered, seq: number): HTMLElement | null {
  return row(v, seq).querySelector<HTMLElement>('[data-testid="message-report"]');
}

describe('reports', () => {
  it('[T1] a message is reported in two clicks: Report, then a category; the receipt follows', async () => {
    const { socket, view: v } = await inRoom();
    // Not on my own message.
    expect(reportButton(v, 2)).toBeNull();
    expect(reportButton(v, 1)!.getAttribute('aria-label')).toBe('Signaler le message de Bob');

    await click(reportButton(v, 1)!); // click 1
    const dialog = v.byTestId('report-dialog');
    expect(dialog.getAttribute('role')).toBe('dialog');
    expect(dialog.contains(document.activeElement)).toBe(true);
    expect(v.byTestId('report-subject').textContent).toBe('Message de Bob');
    expect(dialog.textContent).toContain('Donne-moi ton adresse');
    const categories = [...dialog.querySelectorAll<HTMLElement>('[data-category]')];
    expect(categories.map((c) => c.dataset.category)).toEqual([...REPORT_CATEGORIES]);
    expect(v.byTestId('report-category-child_safety').textContent).toContain('Protection de l’enfance');
    expect(v.byTestId('report-category-child_safety').textContent).toContain('pédopiégeage');
    expect(v.byTestId('report-category-threat').textContent).toContain('faux rendez-vous');
    expect(socket.ofType('report')).toHaveLength(0);

    await fill(v.byTestId<HTMLTextAreaElement>('report-text'), '  Il insiste depuis une heure  ');
    await click(v.byTestId('report-category-harassment')); // click 2
    expect(socket.ofType('report')).toHaveLength(1);
    expect(socket.last('report')).toEqual({
      type: 'report',
      id: socket.last('report').id,
      target: { kind: 'message', roomId: 'general', seq: 1 },
      category: 'harassment',
      text: 'Il insiste depuis une heure',
    });
    expect(v.byTestId('report-status').textContent).toBe('Envoi du signalement…');

    await receive(socket, { type: 'report.received', id: socket.last('report').id, reportId: 'R-2024-17' });
    const receipt = v.byTestId('report-receipt');
    expect(receipt.getAttribute('role')).toBe('status');
    expect(receipt.textContent).toContain('Signalement reçu — merci. Notre équipe va l’examiner.');
    expect(v.byTestId('report-id').dataset.reportId).toBe('R-2024-17');
    expect(v.byTestId('report-id').textContent).toContain('R-2024-17');
    expect(document.activeElement).toBe(v.byTestId('report-close'));
    await click(v.byTestId('report-close'));
    expect(document.querySelector('[data-testid="report-dialog"]')).toBeNull();
  });

  it('[T1] a message with a file reports the file; without details no text is sent', async () => {
    const { socket, view: v } = await inRoom();
    expect(reportButton(v, 3)!.getAttribute('aria-label')).toBe('Signaler le fichier envoyé par Bob');
    await click(reportButton(v, 3)!);
    await click(v.byTestId('report-category-intimate_images'));
    expect(socket.last('report')).toEqual({
      type: 'report',
      id: socket.last('report').id,
      target: { kind: 'media', mediaId: photo.id },
      category: 'intimate_images',
    });
  });

  it('[T1] a member is reported from the member menu, a room from its header', async () => {
    const { socket, view: v } = await inRoom();
    await click(v.byTestId('member-menu-bob'));
    await click(v.byTestId('member-action-report'));
    expect(v.byTestId('report-subject').textContent).toBe('Le membre Bob');
    await click(v.byTestId('report-category-threat'));
    expect(socket.last('report')).toMatchObject({
      target: { kind: 'user', userId: 'bob', roomId: 'general' },
      category: 'threat',
    });
    await receive(socket, { type: 'report.received', id: socket.last('report').id, reportId: 'R1' });
    // Someone may be in danger: the emergency number is given with the receipt.
    expect(v.byTestId('report-receipt').textContent).toContain('17');
    await click(v.byTestId('report-close'));

    await click(v.byTestId('room-report'));
    expect(v.byTestId('report-subject').textContent).toBe('Le salon Général');
    await click(v.byTestId('report-category-spam'));
    expect(socket.last('report')).toMatchObject({
      target: { kind: 'room', roomId: 'general' },
      category: 'spam',
    });
    await receive(socket, { type: 'report.received', id: socket.last('report').id, reportId: 'R2' });
    expect(v.byTestId('report-id').textContent).toContain('R2');
  });

  it('[T1] a refused report is explained; choosing a category again retries; Escape closes', async () => {
    const { socket, view: v } = await inRoom();
    await click(reportButton(v, 1)!);
    await click(v.byTestId('report-category-hate'));
    await receive(socket, {
      type: 'error',
      id: socket.last('report').id,
      code: 'REPORT_TARGET',
      message: 'x',
    });
    const error = v.byTestId('report-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.dataset.code).toBe('REPORT_TARGET');
    expect(error.textContent).toContain('n’existe plus');
    await click(v.byTestId('report-category-hate'));
    expect(socket.ofType('report')).toHaveLength(2);
    await receive(socket, { type: 'report.received', id: socket.last('report').id, reportId: 'R3' });
    expect(v.queryByTestId('report-receipt')).not.toBeNull();
    await press(v.byTestId('report-close'), 'Escape');
    expect(v.queryByTestId('report-dialog')).toBeNull();
  });

  it('[O5] the report dialog speaks English too', async () => {
    const { socket, view: v } = await inRoom();
    await fill(v.container.querySelector<HTMLSelectElement>('.language select')!, 'en');
    await click(reportButton(v, 1)!);
    expect(v.byTestId('report-category-spam').textContent).toContain('Spam or scam');
    await click(v.byTestId('report-category-spam'));
    await receive(socket, { type: 'report.received', id: socket.last('report').id, reportId: 'R9' });
    expect(v.byTestId('report-receipt').textContent).toContain(
      'Report received — thank you. Our team will review it.',
    );
    localStorage.removeItem('salon.lang');
  });
});
