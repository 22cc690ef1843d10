import { afterEach, describe, expect, it } from 'vitest';
import { msg, setup } from '../test/chatHarness.js';
import { click, fill } from '../test/render.js';
import type { Rendered } from '../test/render.js';
import { openRoomApp, receive } from '../test/roomApp.js';

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
  localStorage.removeItem('salon.lang');
});

async function inRoom() {
  const opened = await openRoomApp([{ ...msg(1), text: 'On se voit ce soir ?' }]);
  view = opened.view;
  return opened;
}

const outcomes = (v: Rendered) => [
  ...v.container.querySelectorAll<HTMLElement>('[data-testid="report-outcome"]'),
];

describe('report outcomes', () => {
  it('[T1] after the receipt, the outcome of the case is told to the reporter, with the report number', async () => {
    const { socket, view: v } = await inRoom();
    await click(v.byTestId('message-report'));
    await click(v.byTestId('report-category-harassment'));
    await receive(socket, { type: 'report.received', id: socket.last('report').id, reportId: 'R-17' });
    await click(v.byTestId('report-close'));
    expect(outcomes(v)).toHaveLength(0);

    await receive(socket, { type: 'report.outcome', reportId: 'R-17', outcome: 'action_taken' });
    const notice = v.byTestId('report-outcome');
    expect(notice.dataset.outcome).toBe('action_taken');
    expect(notice.dataset.reportId).toBe('R-17');
    expect(notice.getAttribute('role')).toBe('status');
    expect(notice.textContent).toContain('Votre signalement a été examiné : des mesures ont été prises.');
    expect(notice.textContent).toContain('Numéro du signalement : R-17');

    await receive(socket, { type: 'report.outcome', reportId: 'R-18', outcome: 'no_action' });
    expect(outcomes(v).map((o) => o.dataset.outcome)).toEqual(['action_taken', 'no_action']);
    expect(outcomes(v)[1]!.textContent).toContain(
      'Votre signalement a été examiné : aucune mesure n’a été jugée nécessaire.',
    );

    // Dismissable, one at a time.
    const dismiss = outcomes(v)[0]!.querySelector<HTMLElement>('[data-testid="report-outcome-dismiss"]')!;
    expect(dismiss.getAttribute('aria-label')).toBe('Fermer l’avis sur le signalement R-17');
    await click(dismiss);
    expect(outcomes(v).map((o) => o.dataset.reportId)).toEqual(['R-18']);
    await click(v.byTestId('report-outcome-dismiss'));
    expect(outcomes(v)).toHaveLength(0);
  });

  it('[T1][O5] the outcome speaks English too', async () => {
    const { socket, view: v } = await inRoom();
    await fill(v.container.querySelector<HTMLSelectElement>('.language select')!, 'en');
    await receive(socket, { type: 'report.outcome', reportId: 'R-2', outcome: 'no_action' });
    expect(v.byTestId('report-outcome').textContent).toContain(
      'Your report has been reviewed: no action was found necessary.',
    );
    expect(v.byTestId('report-outcome').textContent).toContain('Report number: R-2');
  });

  it('[T1] an outcome sent again replaces its earlier copy; a malformed one is ignored', async () => {
    const { client, connect } = setup();
    const socket = await connect();
    socket.receive({ type: 'report.outcome', reportId: 'R1', outcome: 'no_action' });
    socket.receive({ type: 'report.outcome', reportId: 'R1', outcome: 'action_taken' });
    socket.receive({ type: 'report.outcome', reportId: 'R2', outcome: 'maybe' });
    expect(client.getState().closedReports).toEqual([{ reportId: 'R1', outcome: 'action_taken' }]);
    client.dismissClosedReport('R1');
    expect(client.getState().closedReports).toEqual([]);
  });
});
