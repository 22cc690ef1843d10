import { afterEach, describe, expect, it } from 'vitest';
import type { TFunction } from 'i18next';
import { httpTransparencyApi, readTransparencyReport, transparencyPath } from '../api/transparency.js';
import type { Fetch } from '../api/http.js';
import type { SessionApi } from '../api/session.js';
import { createI18n } from '../i18n/index.js';
import { FakeHttp, waitFor } from '../test/httpFakes.js';
import { click, fill, render, settle } from '../test/render.js';
import type { Rendered } from '../test/render.js';
import { EntryScreen } from '../ui/EntryScreen.js';
import { formatDuration } from './duration.js';
import { initialRange, TransparencyApp } from './TransparencyApp.js';

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

/** 2025-03-15T10:00:00Z */
const NOW = Date.UTC(2025, 2, 15, 10);
const HOUR = 3_600_000;

function report(change: Record<string, unknown> = {}) {
  return {
    from: Date.UTC(2025, 1, 13),
    to: Date.UTC(2025, 2, 15),
    notices: {
      total: 12,
      byCategory: {
        child_safety: 1,
        threat: 2,
        intimate_images: 0,
        hate: 3,
        harassment: 4,
        spam: 2,
        other: 0,
      },
    },
    actions: { human: { ban: 2, remove: 3, dismiss: 4 }, automated: { quarantine: 1, suspend: 1 } },
    medianTimeToActionMs: 2 * HOUR + 30 * 60_000,
    casesActedOn: 9,
    ...change,
  };
}

const DEFAULT_PATH = '/api/transparency?from=2025-02-13&to=2025-03-15';

async function page(http: FakeHttp, search = '') {
  view = await render(
    <TransparencyApp api={httpTransparencyApi(http.fetch)} now={() => NOW} search={search} />,
  );
  const v = view;
  await waitFor(() => v.queryByTestId('transparency-loading') === null);
  return v;
}

describe('transparency report', () => {
  it('[T9] asks for the last 30 days by default and shows notices, actions, the median time and cases', async () => {
    const http = new FakeHttp().on('GET', DEFAULT_PATH, { status: 200, body: report() });
    const v = await page(http);
    expect(http.calls.map((c) => `${c.method} ${c.path}`)).toEqual([`GET ${DEFAULT_PATH}`]);
    expect(v.byTestId('transparency-page')).not.toBeNull();
    expect(v.byTestId<HTMLInputElement>('transparency-from').value).toBe('2025-02-13');
    expect(v.byTestId<HTMLInputElement>('transparency-to').value).toBe('2025-03-15');
    expect(v.byTestId('transparency-period').textContent).toBe('Du 13 février 2025 au 14 mars 2025 inclus');

    expect(v.byTestId('transparency-total').textContent).toBe('12');
    expect(v.byTestId('transparency-category-harassment').textContent).toBe('4');
    expect(v.byTestId('transparency-category-intimate_images').textContent).toBe('0');
    const childSafety = v.byTestId('transparency-category-child_safety');
    expect(childSafety.textContent).toBe('1');
    expect(childSafety.closest('tr')!.textContent).toContain('Protection de l’enfance');

    const rows = [...v.container.querySelectorAll<HTMLElement>('[data-testid^="transparency-action-"]')];
    expect(rows.map((r) => r.dataset.testid)).toEqual([
      'transparency-action-remove',
      'transparency-action-ban',
      'transparency-action-suspend',
      'transparency-action-quarantine',
      'transparency-action-dismiss',
    ]);
    const ban = v.byTestId('transparency-action-ban');
    expect([ban.dataset.human, ban.dataset.automated]).toEqual(['2', '0']);
    expect(ban.textContent).toContain('Bannissement');
    const quarantine = v.byTestId('transparency-action-quarantine');
    expect([quarantine.dataset.human, quarantine.dataset.automated]).toEqual(['0', '1']);

    expect(v.byTestId('transparency-median').textContent).toBe('2 heures 30 minutes');
    expect(v.byTestId('transparency-cases').textContent).toBe('9');
    expect(v.byTestId<HTMLAnchorElement>('transparency-json').getAttribute('href')).toBe(DEFAULT_PATH);
  });

  it('[T9] the chosen dates are fetched, kept in the address and in the JSON link', async () => {
    const path = '/api/transparency?from=2024-01-01&to=2024-07-01';
    const http = new FakeHttp().on('GET', DEFAULT_PATH, { status: 200, body: report() }).on('GET', path, {
      status: 200,
      body: report({
        from: Date.UTC(2024, 0, 1),
        to: Date.UTC(2024, 6, 1),
        notices: { total: 0, byCategory: {} },
        actions: { human: {}, automated: {} },
        medianTimeToActionMs: null,
        casesActedOn: 0,
      }),
    });
    const v = await page(http);
    await fill(v.byTestId<HTMLInputElement>('transparency-from'), '2024-01-01');
    await fill(v.byTestId<HTMLInputElement>('transparency-to'), '2024-07-01');
    await click(v.byTestId('transparency-submit'));
    await waitFor(() => v.queryByTestId('transparency-loading') === null);
    expect(http.last('GET', path)).toBeDefined();
    expect(window.location.search).toBe('?from=2024-01-01&to=2024-07-01');
    expect(v.byTestId('transparency-total').textContent).toBe('0');
    expect(v.byTestId('transparency-category-hate').textContent).toBe('0');
    expect(v.queryByTestId('transparency-no-actions')).not.toBeNull();
    expect(v.byTestId('transparency-median').textContent).toBe('Aucun cas traité sur cette période');
    expect(v.byTestId('transparency-median').dataset.ms).toBeUndefined();
    expect(v.byTestId<HTMLAnchorElement>('transparency-json').getAttribute('href')).toBe(path);
    window.history.replaceState(null, '', window.location.pathname);
  });

  it('[T9] dates the server cannot read are explained (400), and the form stays usable', async () => {
    const bad = '/api/transparency?from=2025-03-10&to=2025-03-01';
    const http = new FakeHttp()
      .on('GET', DEFAULT_PATH, { status: 200, body: report() })
      .on('GET', bad, { status: 400, body: { error: 'BAD_MESSAGE', message: 'Give "from" before "to".' } });
    const v = await page(http);
    await fill(v.byTestId<HTMLInputElement>('transparency-from'), '2025-03-10');
    await fill(v.byTestId<HTMLInputElement>('transparency-to'), '2025-03-01');
    await click(v.byTestId('transparency-submit'));
    await waitFor(() => v.queryByTestId('transparency-error') !== null);
    const error = v.byTestId('transparency-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.dataset.code).toBe('BAD_MESSAGE');
    expect(error.textContent).toContain('Ces dates ne conviennent pas');
    expect(v.queryByTestId('transparency-total')).toBeNull();

    await fill(v.byTestId<HTMLInputElement>('transparency-from'), '2025-02-13');
    await fill(v.byTestId<HTMLInputElement>('transparency-to'), '2025-03-15');
    await click(v.byTestId('transparency-submit'));
    await waitFor(() => v.queryByTestId('transparency-total') !== null);
    expect(v.queryByTestId('transparency-error')).toBeNull();
    window.history.replaceState(null, '', window.location.pathname);
  });

  it('[T9] an unreachable server or an unreadable answer says so', async () => {
    const http = new FakeHttp().on('GET', DEFAULT_PATH, { status: 200, body: { notices: 3 } });
    const v = await page(http);
    expect(v.byTestId('transparency-error').dataset.code).toBe('UNKNOWN');
    await v.unmount();
    view = null;

    const offline: Fetch = () => Promise.reject(new TypeError('offline'));
    view = await render(<TransparencyApp api={httpTransparencyApi(offline)} now={() => NOW} search="" />);
    const w = view;
    await waitFor(() => w.queryByTestId('transparency-loading') === null);
    expect(w.byTestId('transparency-error').dataset.code).toBe('NETWORK');
  });

  it('[T9][O5] the page speaks English; a period can come from the address', async () => {
    const path = '/api/transparency?from=2025-01-01&to=2025-02-01';
    const http = new FakeHttp().on('GET', path, {
      status: 200,
      body: report({
        from: Date.UTC(2025, 0, 1),
        to: Date.UTC(2025, 1, 1),
        medianTimeToActionMs: 40 * 60_000,
      }),
    });
    view = await render(
      <TransparencyApp
        api={httpTransparencyApi(http.fetch)}
        now={() => NOW}
        search="?from=2025-01-01&to=2025-02-01"
      />,
      'en',
    );
    const v = view;
    await waitFor(() => v.queryByTestId('transparency-loading') === null);
    expect(v.container.querySelector('h2')!.textContent).toBe('Transparency report');
    expect(v.byTestId('transparency-period').textContent).toBe(
      'From January 1, 2025 to January 31, 2025 inclusive',
    );
    expect(v.byTestId('transparency-median').textContent).toBe('40 minutes');
    expect(v.byTestId('transparency-category-spam').closest('tr')!.textContent).toContain('Spam or scam');
  });

  it('[T9] the entry screen links to the report', async () => {
    const api: SessionApi = {
      current: () => Promise.resolve({ ok: false, failure: { code: 'UNAUTHENTICATED' } }),
      enter: () => Promise.resolve({ ok: false, failure: { code: 'NETWORK' } }),
      leave: () => Promise.resolve({ ok: true, value: null }),
      entryOptions: () => Promise.resolve({ ok: true, value: { minAge: 18 } }),
      register: () => Promise.resolve({ ok: false, failure: { code: 'NETWORK' } }),
      login: () => Promise.resolve({ ok: false, failure: { code: 'NETWORK' } }),
    };
    view = await render(<EntryScreen api={api} onEntered={() => undefined} />);
    await settle();
    const link = view.byTestId<HTMLAnchorElement>('transparency-link');
    expect(link.getAttribute('href')).toBe('/transparency');
    expect(link.textContent).toBe('Rapport de transparence');
  });
});

describe('transparency helpers', () => {
  const fr = createI18n('fr').t as TFunction;
  const en = createI18n('en').t as TFunction;

  it('[T9] the median time reads in minutes, hours or days', () => {
    expect(formatDuration(fr, 20_000)).toBe('moins d’une minute');
    expect(formatDuration(fr, 60_000)).toBe('1 minute');
    expect(formatDuration(fr, 45 * 60_000)).toBe('45 minutes');
    expect(formatDuration(fr, HOUR)).toBe('1 heure');
    expect(formatDuration(fr, 59.7 * 60_000)).toBe('1 heure');
    expect(formatDuration(fr, 3 * HOUR + 20 * 60_000)).toBe('3 heures 20 minutes');
    expect(formatDuration(fr, 53 * HOUR)).toBe('2 jours 5 heures');
    expect(formatDuration(en, 24 * HOUR)).toBe('1 day');
    expect(formatDuration(en, 90 * 60_000)).toBe('1 hour 30 minutes');
  });

  it('[T9] periods: defaults, dates from the address, and the JSON address', () => {
    expect(initialRange('', NOW)).toEqual({ from: '2025-02-13', to: '2025-03-15' });
    expect(initialRange('?from=2024-05-01&to=nope', NOW)).toEqual({ from: '2024-05-01', to: '2025-03-15' });
    expect(transparencyPath({ from: '2024-05-01', to: '2024-06-01' })).toBe(
      '/api/transparency?from=2024-05-01&to=2024-06-01',
    );
    expect(transparencyPath({ from: '', to: '' })).toBe('/api/transparency');
    expect(readTransparencyReport(report())?.notices.byCategory.hate).toBe(3);
    expect(readTransparencyReport({ ...report(), casesActedOn: -1 })).toBeNull();
    expect(readTransparencyReport(null)).toBeNull();
  });
});
