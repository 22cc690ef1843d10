import { afterEach, describe, expect, it } from 'vitest';
import { REPORT_CATEGORIES } from '@salon/protocol';
import type { ChatMessage } from '@salon/protocol';
import { msg } from '../test/chatHarness.js';
import { mediaRef } from '../test/mediaFakes.js';
import { click, fill, press } from '../test/render.js';
import type { Rendered } from '../test/render.js';
import { openRoomApp, receive } from '../test/roomApp.js';

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

const photo = mediaRef({ id: 'PHOTOPHOTOPHOTOPHOTO12' });
const messages: ChatMessage[] = [
  { ...msg(1), text: 'Donne-moi ton adresse' },
  msg(2, 'general', 'me'),
  { ...msg(3), text: '', media: photo },
];

async function inRoom() {
  const opened = await openRoomApp(messages);
  view = opened.view;
  return opened;
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
