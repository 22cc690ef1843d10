import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import type { ReactNode } from 'react';
import type { ChatClient } from '../chat/client.js';
import { setup } from '../test/chatHarness.js';
import { answerOpen, bobCard, conversation } from '../test/directFixtures.js';
import type { FakeSocket } from '../test/fakes.js';
import { click, render, settle } from '../test/render.js';
import type { Rendered } from '../test/render.js';
import { ChatContext } from './chatContext.js';
import { DmView } from './DmView.js';
import { ReportContext } from './reportContext.js';
import type { ReportRequest } from './reportContext.js';

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

const withBob = conversation({ id: 'c1', state: 'accepted', direction: 'incoming', lastSeq: 1 });
const withCarol = conversation({
  id: 'c2',
  state: 'accepted',
  direction: 'outgoing',
  peer: { userId: 'carol', nickname: 'Carol', gender: 'woman', age: 33, region: null },
});

/** Two open conversations (Bob in c1, Carol in c2), both views on screen, reports collected. */
async function twoConversations(language: 'fr' | 'en' = 'fr') {
  const { client, connect } = setup();
  const socket = await connect({ conversations: [withBob, withCarol] });
  client.openConversation('c1');
  await answerOpen(socket, withBob, [1]);
  client.openConversation('c2');
  await answerOpen(socket, withCarol, []);
  const reports: ReportRequest[] = [];
  const ui = (c: ChatClient): ReactNode => (
    <ChatContext value={c}>
      <ReportContext value={(request) => reports.push(request)}>
        <DmView roomId="c1" />
        <DmView roomId="c2" />
      </ReportContext>
    </ChatContext>
  );
  view = await render(ui(client), language);
  return { client, socket, reports, view };
}

async function receive(socket: FakeSocket, frame: Parameters<FakeSocket['receive']>[0]) {
  await act(async () => {
    socket.receive(frame);
    await Promise.resolve();
  });
  await settle();
}

function noticeIn(v: Rendered, conversationId: string): HTMLElement | null {
  return v.byTestId(`dm-view-${conversationId}`).querySelector<HTMLElement>('[data-testid="risk-notice"]');
}

describe('risk notices', () => {
  it('[T7][P4] a meeting proposal shows the recipient plain safety advice, in that conversation only', async () => {
    const { socket, view: v } = await twoConversations();
    expect(v.queryByTestId('risk-notice')).toBeNull();

    await receive(socket, { type: 'safety.notice', conversationId: 'c1', signals: ['meeting'] });
    const notice = noticeIn(v, 'c1')!;
    expect(notice).not.toBeNull();
    expect(noticeIn(v, 'c2')).toBeNull();
    expect(notice.dataset.signals).toBe('meeting');
    expect(notice.textContent).toContain('Bob propose de vous rencontrer.');
    expect(notice.textContent).toContain('lieu public et fréquenté');
    expect(notice.textContent).toContain('personne de confiance');
    expect(notice.textContent).toContain('voiture d’un inconnu');
    expect(notice.textContent).toContain('bloquer ou signaler cette personne à tout moment');
    expect(notice.textContent).toContain('17');
    expect(notice.getAttribute('aria-labelledby')).toBe(notice.querySelector('h3')!.id);
    // Only what was signalled is explained.
    expect([...notice.querySelectorAll<HTMLElement>('[data-signal]')].map((s) => s.dataset.signal)).toEqual([
      'meeting',
    ]);
    expect(notice.textContent).not.toContain('photos');
  });

  it('[T7] later signals merge into the notice, which stays until dismissed and comes back with new ones', async () => {
    const { client, socket, view: v } = await twoConversations();
    await receive(socket, { type: 'safety.notice', conversationId: 'c1', signals: ['move_platform'] });
    await receive(socket, {
      type: 'safety.notice',
      conversationId: 'c1',
      signals: ['photo_request', 'move_platform'],
    });
    await receive(socket, { type: 'safety.notice', conversationId: 'c2', signals: ['age_gap'] });
    const bobs = noticeIn(v, 'c1')!;
    expect(bobs.dataset.signals).toBe('move_platform,photo_request');
    // Most pressing first.
    expect([...bobs.querySelectorAll<HTMLElement>('[data-signal]')].map((s) => s.dataset.signal)).toEqual([
      'photo_request',
      'move_platform',
    ]);
    expect(bobs.textContent).toContain('Bob vous demande des photos ou une vidéo.');
    expect(bobs.textContent).toContain('vous pouvez toujours refuser');
    expect(bobs.textContent).toContain('Bob propose de continuer ailleurs');
    expect(noticeIn(v, 'c2')!.dataset.signals).toBe('age_gap');
    expect(noticeIn(v, 'c2')!.textContent).toContain('grande différence d’âge avec Carol');

    await click(bobs.querySelector<HTMLElement>('[data-testid="risk-dismiss"]')!);
    expect(noticeIn(v, 'c1')).toBeNull();
    expect(noticeIn(v, 'c2')).not.toBeNull();
    expect(client.getState().riskNotices).toEqual({ c2: ['age_gap'] });

    await receive(socket, { type: 'safety.notice', conversationId: 'c1', signals: ['address_question'] });
    expect(noticeIn(v, 'c1')!.dataset.signals).toBe('address_question');
    expect(noticeIn(v, 'c1')!.textContent).toContain('Ne donnez jamais votre adresse');
  });

  it('[T7][T1][P3] Report and Block are at hand in the notice', async () => {
    const { socket, reports, view: v } = await twoConversations();
    await receive(socket, {
      type: 'safety.notice',
      conversationId: 'c1',
      signals: ['phone_number', 'some_future_signal'],
    });
    const notice = noticeIn(v, 'c1')!;
    expect(notice.dataset.signals).toBe('phone_number,some_future_signal');
    expect(notice.textContent).toContain('Ne donnez pas votre numéro');

    await click(notice.querySelector<HTMLElement>('[data-testid="risk-report"]')!);
    expect(reports).toEqual([
      {
        target: { kind: 'user', userId: 'bob', roomId: 'c1' },
        subject: 'Le membre Bob',
      },
    ]);

    await click(notice.querySelector<HTMLElement>('[data-testid="risk-block"]')!);
    expect(socket.last('block')).toMatchObject({ userId: bobCard.userId });
    await receive(socket, { type: 'ok', id: socket.last('block').id });
    expect(noticeIn(v, 'c1')!.querySelector('[data-testid="risk-block"]')).toBeNull();
    expect(noticeIn(v, 'c1')!.querySelector('[data-testid="risk-blocked"]')!.textContent).toBe(
      'Vous avez bloqué Bob.',
    );
  });

  it('[T7] signals this page does not know still bring general advice', async () => {
    const { socket, view: v } = await twoConversations();
    await receive(socket, { type: 'safety.notice', conversationId: 'c2', signals: ['something_new'] });
    const notice = noticeIn(v, 'c2')!;
    expect(notice.dataset.signals).toBe('something_new');
    expect(notice.querySelectorAll('[data-signal]')).toHaveLength(0);
    expect(notice.textContent).toContain('Ne partagez pas d’informations personnelles');
  });

  it('[T7][O5] the notice speaks English too', async () => {
    const { socket, view: v } = await twoConversations('en');
    await receive(socket, { type: 'safety.notice', conversationId: 'c1', signals: ['meeting'] });
    const notice = noticeIn(v, 'c1')!;
    expect(notice.textContent).toContain('Bob suggests meeting you.');
    expect(notice.textContent).toContain('Only meet in a busy public place');
    expect(notice.textContent).toContain('Never get into a stranger’s car');
    expect(notice.querySelector('[data-testid="risk-dismiss"]')!.textContent).toBe('Got it');
  });
});
