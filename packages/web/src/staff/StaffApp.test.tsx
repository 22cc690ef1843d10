import { act } from 'react';
import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Alert, AppealSummary, CaseDetail, CaseSummary, StaffMe, Statement } from '@salon/protocol';
import { httpStaffApi } from '../api/staff.js';
import { FakeHttp } from '../test/httpFakes.js';
import { click, fill, render, settle } from '../test/render.js';
import type { Rendered } from '../test/render.js';
import { StaffApp } from './StaffApp.js';

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
  window.history.replaceState(null, '', '/');
  vi.useRealTimers();
});

const ana: StaffMe = { id: 's1', name: 'ana', role: 'moderator' };
const MINUTE = 60_000;

function summary(change: Partial<CaseSummary> = {}): CaseSummary {
  return {
    id: 'c1',
    category: 'threat',
    severity: 0,
    target: { kind: 'message', roomId: 'general', seq: 12 },
    subject: { userId: 'u9', nickname: 'Marc' },
    reports: 3,
    status: 'open',
    assignedTo: null,
    createdAt: Date.now() - 5 * MINUTE,
    ...change,
  };
}

const queue: CaseSummary[] = [
  summary(),
  summary({
    id: 'c2',
    category: 'hate',
    severity: 2,
    target: { kind: 'user', userId: 'u7', roomId: 'music' },
    subject: { userId: 'u7', nickname: 'Zed' },
    reports: 1,
    assignedTo: 's1',
    createdAt: Date.now() - 90 * MINUTE,
  }),
  summary({
    id: 'c3',
    category: 'spam',
    severity: 3,
    target: { kind: 'room', roomId: 'p9' },
    subject: null,
    reports: 2,
    assignedTo: 'bruno',
    createdAt: Date.now() - 2 * 86_400_000,
  }),
];

const detail: CaseDetail = {
  ...summary(),
  notes: [{ category: 'threat', text: 'Il donne rendez-vous dans un parking', at: Date.now() - 6 * MINUTE }],
  context: [
    {
      roomId: 'general',
      seq: 11,
      authorId: 'u3',
      nickname: 'Léa',
      text: 'On se voit où ?',
      at: Date.now() - 7 * MINUTE,
      mediaId: null,
      reported: false,
    },
    {
      roomId: 'general',
      seq: 12,
      authorId: 'u9',
      nickname: 'Marc',
      text: 'Viens seule au parking, tu vas voir',
      at: Date.now() - 6 * MINUTE,
      mediaId: null,
      reported: true,
    },
    {
      roomId: 'general',
      seq: 13,
      authorId: 'u3',
      nickname: 'Léa',
      text: '<b>non</b>',
      at: Date.now() - 5 * MINUTE,
      mediaId: null,
      reported: false,
    },
  ],
  history: [{ caseId: 'c0', category: 'harassment', outcome: 'warn', at: Date.now() - 30 * 86_400_000 }],
  decisions: [],
};

const statement: Statement = {
  id: 'st1',
  restriction: 'ban',
  roomId: 'general',
  facts: 'Insultes',
  rule: 'Harcèlement',
  automated: false,
  until: Date.now() + 86_400_000,
  at: Date.now() - 3_600_000,
  appeal: 'pending',
};

const appeal: AppealSummary = {
  id: 'a1',
  statement,
  userId: 'u9',
  nickname: 'Marc',
  text: 'Je ne faisais que répondre.',
  decidedBy: 's1',
  status: 'pending',
  at: Date.now() - 10 * MINUTE,
};

const alerts: Alert[] = [
  {
    id: 'al1',
    kind: 'hash_match',
    user: { userId: 'u9', nickname: 'Marc' },
    details: { match: 'pdq', distance: 12, roomId: 'general', mediaId: 'm42' },
    at: Date.now() - 20 * MINUTE,
  },
  {
    id: 'al2',
    kind: 'ban_evasion',
    user: { userId: 'u7', nickname: 'Zed' },
    details: { via: 'device', statementId: 'st1' },
    at: Date.now() - 15 * MINUTE,
  },
  {
    id: 'al3',
    kind: 'word_flag',
    user: { userId: 'u3', nickname: 'Léa' },
    details: { roomId: 'music', seq: 88, word: 'parking' },
    at: Date.now() - 10 * MINUTE,
  },
  {
    id: 'al4',
    kind: 'risk_signal',
    user: { userId: 'u5', nickname: 'Paul' },
    details: { conversationId: 'dm-7', seq: 3, signals: ['photo_request', 'meeting', 'unheard_of'] },
    at: Date.now() - 5 * MINUTE,
  },
  {
    id: 'al5',
    kind: 'spam_wave',
    user: { userId: 'u77', nickname: '' },
    details: { roomId: 'general', count: 40, nested: { deep: true } },
    at: Date.now() - 2 * MINUTE,
  },
];

function server(signedIn: boolean) {
  return new FakeHttp()
    .on(
      'GET',
      '/api/staff/me',
      signedIn
        ? { status: 200, body: { staff: ana } }
        : { status: 401, body: { error: 'UNAUTHENTICATED', message: 'no staff session' } },
    )
    .on('GET', '/api/staff/cases', { status: 200, body: { cases: queue } })
    .on('GET', '/api/staff/cases/c1', { status: 200, body: { case: detail } })
    .on('GET', '/api/staff/appeals', { status: 200, body: { appeals: [appeal] } })
    .on('GET', '/api/staff/alerts', { status: 200, body: { alerts } });
}

async function start(http: FakeHttp, language: 'fr' | 'en' = 'fr') {
  view = await render(<StaffApp api={httpStaffApi(http.fetch)} />, language);
  await settle();
  return view;
}

const items = (v: Rendered) => [...v.container.querySelectorAll<HTMLElement>('[data-testid="case-item"]')];
const alertItems = (v: Rendered) => [
  ...v.container.querySelectorAll<HTMLElement>('[data-testid="alert-item"]'),
];
const alertItem = (v: Rendered, id: string) => {
  const found = alertItems(v).find((i) => i.dataset.alertId === id);
  if (!found) throw new Error(`no alert ${id}`);
  return found;
};
const resolveButton = (item: HTMLElement) =>
  item.querySelector<HTMLButtonElement>('[data-testid="alert-resolve"]')!;
/** An alert's facts by name: `{match: '…', room: '…'}`. */
const facts = (item: HTMLElement): Record<string, string> =>
  Object.fromEntries(
    [...item.querySelectorAll<HTMLElement>('[data-fact]')].map((f) => [
      f.dataset.fact ?? '',
      f.querySelector('dd')?.textContent ?? '',
    ]),
  );

describe('moderation console', () => {
  it('[O3] staff sign in with name, password and a 6-digit code', async () => {
    const http = server(false);
    http.on('POST', '/api/staff/login', { status: 401, body: { error: 'LOGIN_FAILED', message: 'no' } });
    const v = await start(http);
    expect(v.queryByTestId('staff-console')).toBeNull();
    await fill(v.byTestId<HTMLInputElement>('staff-login-name'), 'ana');
    await fill(v.byTestId<HTMLInputElement>('staff-login-password'), 'correct horse battery');
    await fill(v.byTestId<HTMLInputElement>('staff-login-code'), '12345');
    await click(v.byTestId('staff-login-submit'));
    expect(http.sent('POST', '/api/staff/login')).toHaveLength(0);
    expect(v.byTestId('staff-login-error').textContent).toBe('Le code compte 6 chiffres.');

    await fill(v.byTestId<HTMLInputElement>('staff-login-code'), '123 456');
    await click(v.byTestId('staff-login-submit'));
    await settle();
    expect(http.last('POST', '/api/staff/login').body).toEqual({
      name: 'ana',
      password: 'correct horse battery',
      code: '123456',
    });
    expect(v.byTestId('staff-login-error').textContent).toBe('Nom, mot de passe ou code incorrect.');
    expect(v.byTestId<HTMLInputElement>('staff-login-code').value).toBe('');

    http.on('POST', '/api/staff/login', { status: 200, body: { staff: ana } });
    await fill(v.byTestId<HTMLInputElement>('staff-login-code'), '654321');
    await click(v.byTestId('staff-login-submit'));
    await settle();
    expect(v.byTestId('staff-me').textContent).toContain('ana');
    expect(items(v)).toHaveLength(3);

    http.on('POST', '/api/staff/logout', { status: 204 });
    await click(v.byTestId('staff-logout'));
    await settle();
    expect(http.sent('POST', '/api/staff/logout')).toHaveLength(1);
    expect(v.queryByTestId('staff-login-form')).not.toBeNull();
  });

  it('[T2] the queue keeps the server’s order, with severity, target, subject, reports, age and assignee', async () => {
    const v = await start(server(true));
    const list = items(v);
    expect(list.map((i) => i.dataset.caseId)).toEqual(['c1', 'c2', 'c3']);
    expect(list.map((i) => i.dataset.severity)).toEqual(['0', '2', '3']);
    expect(list[0]!.textContent).toContain('Urgent');
    expect(list[0]!.querySelector('.severity-critical')).not.toBeNull();
    expect(list[0]!.textContent).toContain('Menace ou violence');
    expect(list[0]!.textContent).toContain('Message n° 12 dans general');
    expect(list[0]!.textContent).toContain('Marc');
    expect(list[0]!.textContent).toContain('3 signalements');
    expect(list[0]!.textContent).toContain('il y a 5 minutes');
    expect(list[0]!.textContent).toContain('Non attribué');
    expect(list[1]!.textContent).toContain('Membre Zed dans music');
    expect(list[1]!.textContent).toContain('Attribué à vous');
    expect(list[2]!.textContent).toContain('Salon p9');
    expect(list[2]!.textContent).toContain('Attribué à bruno');
    expect(list[2]!.textContent).toContain('avant-hier');
  });

  it('[T2] a case shows the frozen context with the reported message marked, notes and history; assign', async () => {
    const http = server(true);
    http.on('POST', '/api/staff/cases/c1/assign', {
      status: 200,
      body: { case: { ...detail, assignedTo: 's1' } },
    });
    const v = await start(http);
    await click(items(v)[0]!);
    await settle();
    const caseView = v.byTestId('case-view');
    expect(caseView.dataset.caseId).toBe('c1');
    const context = [...caseView.querySelectorAll<HTMLElement>('[data-testid="context-message"]')];
    expect(context.map((m) => m.dataset.seq)).toEqual(['11', '12', '13']);
    const reported = context.filter((m) => m.dataset.reported === 'true');
    expect(reported).toHaveLength(1);
    expect(reported[0]!.textContent).toContain('Viens seule au parking');
    expect(reported[0]!.classList.contains('context-reported')).toBe(true);
    // Never rendered as HTML.
    expect(context[2]!.querySelector('b')).toBeNull();
    expect(context[2]!.textContent).toContain('<b>non</b>');
    expect(v.byTestId('case-notes').textContent).toContain('parking');
    expect(v.byTestId('case-history').textContent).toContain('Harcèlement');

    await click(v.byTestId('case-assign'));
    await settle();
    expect(http.sent('POST', '/api/staff/cases/c1/assign')).toHaveLength(1);
    expect(v.byTestId('case-assigned').textContent).toBe('Attribué à vous');
  });

  it('[T2] the action form posts the decision; a closed case leaves the queue', async () => {
    const http = server(true);
    http.on('POST', '/api/staff/cases/c1/action', {
      status: 200,
      body: { case: summary({ status: 'closed' }) },
    });
    const v = await start(http);
    await click(items(v)[0]!);
    await settle();
    expect(v.byTestId<HTMLInputElement>('action-rule').value).toContain('Menaces et violences');
    expect(v.queryByTestId('action-duration')).toBeNull();

    // Facts are required, and an action must be chosen.
    await click(v.byTestId('action-submit'));
    expect(v.byTestId('action-error').textContent).toBe('Choisissez une action.');
    await fill(v.byTestId<HTMLSelectElement>('action-select'), 'ban');
    await click(v.byTestId('action-submit'));
    expect(v.byTestId('action-error').textContent).toBe('Décrivez les faits.');
    expect(http.sent('POST', '/api/staff/cases/c1/action')).toHaveLength(0);

    const durations = [...v.byTestId<HTMLSelectElement>('action-duration').options].map((o) => o.value);
    expect(durations).toEqual(['h1', 'h24', 'd7', 'd30', 'permanent']);
    expect(v.byTestId<HTMLSelectElement>('action-scope').value).toBe('room');
    await fill(v.byTestId<HTMLSelectElement>('action-duration'), 'd7');
    await fill(v.byTestId<HTMLSelectElement>('action-scope'), 'platform');
    await fill(v.byTestId<HTMLInputElement>('action-rule'), 'Menaces');
    await fill(v.byTestId<HTMLTextAreaElement>('action-facts'), 'Menace un membre de le retrouver.');
    http.on('GET', '/api/staff/cases', { status: 200, body: { cases: queue.slice(1) } });
    await click(v.byTestId('action-submit'));
    await settle();
    expect(http.last('POST', '/api/staff/cases/c1/action').body).toEqual({
      action: 'ban',
      durationMs: 7 * 86_400_000,
      scope: 'platform',
      rule: 'Menaces',
      facts: 'Menace un membre de le retrouver.',
    });
    expect(v.queryByTestId('case-view')).toBeNull();
    expect(items(v).map((i) => i.dataset.caseId)).toEqual(['c2', 'c3']);
    expect(v.byTestId('case-closed-notice').textContent).toContain('Dossier clos');
  });

  it('[T2] mute has durations but no "permanent"; a permanent ban sends no duration', async () => {
    const http = server(true);
    http.on('POST', '/api/staff/cases/c1/action', { status: 200, body: { case: summary() } });
    const v = await start(http);
    await click(items(v)[0]!);
    await settle();
    await fill(v.byTestId<HTMLSelectElement>('action-select'), 'mute');
    const durations = [...v.byTestId<HTMLSelectElement>('action-duration').options].map((o) => o.value);
    expect(durations).toEqual(['h1', 'h24', 'd7', 'd30']);
    expect(v.queryByTestId('action-scope')).toBeNull();
    await fill(v.byTestId<HTMLSelectElement>('action-duration'), 'h1');
    await fill(v.byTestId<HTMLTextAreaElement>('action-facts'), 'Flood');
    await click(v.byTestId('action-submit'));
    await settle();
    expect(http.last('POST', '/api/staff/cases/c1/action').body).toMatchObject({
      action: 'mute',
      durationMs: 3_600_000,
    });
    expect(http.last('POST', '/api/staff/cases/c1/action').body).not.toHaveProperty('scope');
    // Still open: the case stays, with its decision recorded.
    expect(v.byTestId('case-recorded').textContent).toBe('Décision enregistrée.');

    await fill(v.byTestId<HTMLSelectElement>('action-select'), 'ban');
    await fill(v.byTestId<HTMLSelectElement>('action-duration'), 'permanent');
    await fill(v.byTestId<HTMLTextAreaElement>('action-facts'), 'Récidive');
    await click(v.byTestId('action-submit'));
    await settle();
    const body = http.last('POST', '/api/staff/cases/c1/action').body;
    expect(body).toMatchObject({ action: 'ban', scope: 'room', facts: 'Récidive' });
    expect(body).not.toHaveProperty('durationMs');
  });

  it('[T3] an appeal decided by the moderator who took the decision shows the FORBIDDEN message', async () => {
    const http = server(true);
    http.on('POST', '/api/staff/appeals/a1/decide', {
      status: 403,
      body: { error: 'FORBIDDEN', message: 'A different moderator must decide this appeal' },
    });
    const v = await start(http);
    await click(v.byTestId('tab-appeals'));
    await settle();
    const item = v.byTestId('appeal-item');
    expect(item.dataset.appealId).toBe('a1');
    expect(v.byTestId('appeal-user-text').textContent).toBe('Je ne faisais que répondre.');
    expect(v.byTestId('appeal-statement').textContent).toContain('Insultes');
    expect(v.byTestId('appeal-own-decision')).not.toBeNull();

    await click(v.byTestId('appeal-uphold'));
    expect(v.byTestId('appeal-decide-error').textContent).toBe('Indiquez la raison de votre décision.');
    expect(http.sent('POST', '/api/staff/appeals/a1/decide')).toHaveLength(0);

    await fill(v.byTestId<HTMLTextAreaElement>('appeal-reason'), 'Les faits sont établis.');
    await click(v.byTestId('appeal-uphold'));
    await settle();
    expect(http.last('POST', '/api/staff/appeals/a1/decide').body).toEqual({
      decision: 'upheld',
      reason: 'Les faits sont établis.',
    });
    const error = v.byTestId('appeal-decide-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.dataset.code).toBe('FORBIDDEN');
    expect(error.textContent).toContain('Une autre personne de l’équipe doit décider de cette contestation.');
    expect(error.textContent).toContain('A different moderator must decide this appeal');
    expect(v.queryByTestId('appeal-item')).not.toBeNull();
  });

  it('[T3] in English the FORBIDDEN answer reads as the server’s sentence, once', async () => {
    const http = server(true);
    http.on('POST', '/api/staff/appeals/a1/decide', {
      status: 403,
      body: { error: 'FORBIDDEN', message: 'A different moderator must decide this appeal' },
    });
    const v = await start(http, 'en');
    await click(v.byTestId('tab-appeals'));
    await settle();
    await fill(v.byTestId<HTMLTextAreaElement>('appeal-reason'), 'Facts established.');
    await click(v.byTestId('appeal-reverse'));
    await settle();
    expect(v.byTestId('appeal-decide-error').textContent).toBe(
      'A different moderator must decide this appeal.',
    );
    expect(v.queryByTestId('appeal-decide-server-message')).toBeNull();
  });

  it('[T3] reversing an appeal removes it from the list (in English)', async () => {
    const http = server(true);
    http.on('POST', '/api/staff/appeals/a1/decide', {
      status: 200,
      body: { appeal: { ...appeal, status: 'reversed' } },
    });
    const v = await start(http, 'en');
    await click(v.byTestId('tab-appeals'));
    await settle();
    await fill(v.byTestId<HTMLTextAreaElement>('appeal-reason'), 'Self-defence');
    await click(v.byTestId('appeal-reverse'));
    await settle();
    expect(http.last('POST', '/api/staff/appeals/a1/decide').body).toEqual({
      decision: 'reversed',
      reason: 'Self-defence',
    });
    expect(v.queryByTestId('appeal-item')).toBeNull();
    expect(v.byTestId('appeal-decided').textContent).toBe('Decision reversed.');
  });

  it('[O3] an enrolment link: password twice, then the secret and URI as text, then a first code', async () => {
    window.history.replaceState(null, '', '/staff#enrol=tok%2Ben');
    const http = new FakeHttp()
      .on('POST', '/api/staff/enrol', {
        status: 200,
        body: {
          secret: 'jbswy3dpehpk3pxp',
          uri: 'otpauth://totp/Salon:ana?secret=JBSWY3DPEHPK3PXP&issuer=Salon',
        },
      })
      .on('POST', '/api/staff/enrol/confirm', { status: 200, body: { staff: ana } })
      .on('GET', '/api/staff/cases', { status: 200, body: { cases: [] } });
    const v = await start(http);
    expect(http.sent('GET', '/api/staff/me')).toHaveLength(0);
    await fill(v.byTestId<HTMLInputElement>('enrol-password'), 'a long pass phrase');
    await fill(v.byTestId<HTMLInputElement>('enrol-password-confirm'), 'a long pass phrasE');
    await click(v.byTestId('enrol-submit'));
    expect(v.byTestId('enrol-error').textContent).toBe('Les deux mots de passe ne sont pas identiques.');
    expect(http.sent('POST', '/api/staff/enrol')).toHaveLength(0);

    await fill(v.byTestId<HTMLInputElement>('enrol-password-confirm'), 'a long pass phrase');
    await click(v.byTestId('enrol-submit'));
    await settle();
    expect(http.last('POST', '/api/staff/enrol').body).toEqual({
      token: 'tok+en',
      password: 'a long pass phrase',
    });
    expect(v.byTestId('enrol-secret').textContent).toBe('JBSW Y3DP EHPK 3PXP');
    expect(v.byTestId('enrol-uri').textContent).toBe(
      'otpauth://totp/Salon:ana?secret=JBSWY3DPEHPK3PXP&issuer=Salon',
    );

    await fill(v.byTestId<HTMLInputElement>('enrol-code'), '246810');
    await click(v.byTestId('enrol-confirm'));
    await settle();
    expect(http.last('POST', '/api/staff/enrol/confirm').body).toEqual({ token: 'tok+en', code: '246810' });
    expect(v.queryByTestId('staff-console')).not.toBeNull();
    expect(v.byTestId('queue-empty').textContent).toContain('Aucun dossier');
    expect(window.location.hash).toBe('');
  });

  it('[O3] a used enrolment link is explained', async () => {
    window.history.replaceState(null, '', '/staff#enrol=old');
    const http = new FakeHttp().on('POST', '/api/staff/enrol', {
      status: 400,
      body: { error: 'ENROL_INVALID', message: 'bad token' },
    });
    const v = await start(http);
    await fill(v.byTestId<HTMLInputElement>('enrol-password'), 'a long pass phrase');
    await fill(v.byTestId<HTMLInputElement>('enrol-password-confirm'), 'a long pass phrase');
    await click(v.byTestId('enrol-submit'));
    await settle();
    expect(v.byTestId('enrol-error').textContent).toContain('lien d’activation');
  });

  it('[O3] an expired staff session goes back to the sign-in form', async () => {
    const http = server(true);
    http.on('GET', '/api/staff/appeals', { status: 401, body: { error: 'UNAUTHENTICATED', message: 'x' } });
    const v = await start(http);
    await click(v.byTestId('tab-appeals'));
    await settle();
    expect(v.queryByTestId('staff-login-form')).not.toBeNull();
    expect(v.byTestId('staff-signed-out').textContent).toContain('reconnectez-vous');
  });

  it('[S1][T4][T6][T7] the alerts tab counts open alerts and states each one’s facts in plain words', async () => {
    const v = await start(server(true));
    // Counted from the start, whichever tab is open.
    expect(v.byTestId('tab-alerts').textContent).toBe('Alertes (5)');
    expect(v.byTestId('tab-alerts').dataset.count).toBe('5');
    await click(v.byTestId('tab-alerts'));
    await settle();
    expect(v.byTestId('tab-alerts').getAttribute('aria-pressed')).toBe('true');
    const list = alertItems(v);
    expect(list.map((i) => i.dataset.alertId)).toEqual(['al1', 'al2', 'al3', 'al4', 'al5']);
    expect(list.map((i) => i.dataset.kind)).toEqual([
      'hash_match',
      'ban_evasion',
      'word_flag',
      'risk_signal',
      'spam_wave',
    ]);
    expect(list.map((i) => i.querySelector('[data-testid="alert-title"]')!.textContent)).toEqual([
      'Image connue comme abusive',
      'Retour d’une personne bannie',
      'Mot surveillé dans un message',
      'Signaux de risque en message privé',
      'Alerte automatique',
    ]);
    for (const item of list) {
      // Facts are sentences, never the raw record.
      expect(item.textContent).not.toMatch(/[{}"[\]]/);
      expect(item.textContent).not.toContain('undefined');
    }

    const hash = alertItem(v, 'al1');
    expect(hash.querySelector('[data-testid="alert-user"]')!.textContent).toBe('Compte concerné : Marc');
    expect(hash.querySelector('time')!.textContent).toBe('Levée il y a 20 minutes');
    expect(facts(hash)).toEqual({
      match: 'Image visuellement presque identique (PDQ, écart de 12 sur 256)',
      room: 'Salon general',
      media: 'm42',
    });
    expect(hash.querySelector('[data-testid="alert-note"]')!.textContent).toContain(
      'Le compte est suspendu en attendant votre examen.',
    );

    const evasion = alertItem(v, 'al2');
    expect(evasion.textContent).toContain('Zed');
    expect(facts(evasion)).toEqual({
      via: 'Le même appareil (navigateur) que le compte banni',
      statement: 'Décision motivée st1',
    });
    expect(evasion.querySelector('[data-testid="alert-note"]')!.textContent).toContain(
      'l’entrée a été refusée',
    );

    const word = alertItem(v, 'al3');
    expect(word.textContent).toContain('Léa');
    expect(facts(word)).toEqual({ word: '« parking »', message: 'Message n° 88 dans music' });

    const risk = alertItem(v, 'al4');
    expect(risk.textContent).toContain('Paul');
    // The most pressing signal first, the unknown one last, by its name.
    expect([...risk.querySelectorAll('[data-fact="signals"] li')].map((li) => li.textContent)).toEqual([
      'Propose une rencontre',
      'Demande des photos ou une vidéo',
      'Autre signal : unheard_of',
    ]);
    expect(facts(risk).message).toBe('Message n° 3 de la conversation dm-7');

    // An unknown kind still shows, its plain details named, nested ones left out.
    const other = alertItem(v, 'al5');
    expect(other.querySelector('[data-testid="alert-user"]')!.textContent).toBe(
      'Compte concerné : compte u77',
    );
    expect(facts(other)).toEqual({ roomId: 'general', count: '40' });
    expect(other.querySelector('[data-testid="alert-note"]')).toBeNull();
  });

  it('[S1][T7] alerts read in English too', async () => {
    const http = server(true);
    http.on('GET', '/api/staff/alerts', {
      status: 200,
      body: {
        alerts: [
          { ...alerts[0]!, details: { match: 'sha256', distance: 0, roomId: 'general', mediaId: 'm42' } },
          { ...alerts[1]!, details: { via: 'address', statementId: 'st1' } },
          ...alerts.slice(2),
        ],
      },
    });
    const v = await start(http, 'en');
    expect(v.byTestId('tab-alerts').textContent).toBe('Alerts (5)');
    await click(v.byTestId('tab-alerts'));
    await settle();
    const list = alertItems(v);
    expect(list.map((i) => i.querySelector('[data-testid="alert-title"]')!.textContent)).toEqual([
      'Known abusive image',
      'Banned user coming back',
      'Watched word in a message',
      'Risk signals in a private conversation',
      'Automated alert',
    ]);
    expect(facts(list[0]!).match).toBe('Same SHA-256 fingerprint as an image on the list');
    expect(list[0]!.textContent).toContain('suspended pending your review');
    expect(facts(list[1]!).via).toBe('The same network (address) as the banned account');
    expect(facts(list[2]!).word).toBe('“parking”');
    expect(facts(list[3]!).signals).toBe(
      'Suggests meetingAsks for photos or a videoOther signal: unheard_of',
    );
    expect(list[0]!.querySelector('time')!.textContent).toBe('Raised 20 minutes ago');
    expect(resolveButton(list[0]!).textContent).toBe('Seen, mark as handled');
  });

  it('[S1][T4] "Vu" posts the resolution and removes the alert; one already handled goes too', async () => {
    const http = server(true);
    http.on('POST', '/api/staff/alerts/al1/resolve', { status: 204 });
    http.on('POST', '/api/staff/alerts/al2/resolve', {
      status: 404,
      body: { error: 'NOT_FOUND', message: 'No such open alert.' },
    });
    http.on('POST', '/api/staff/alerts/al3/resolve', {
      status: 500,
      body: { error: 'INTERNAL', message: 'boom' },
    });
    const v = await start(http);
    await click(v.byTestId('tab-alerts'));
    await settle();

    const first = resolveButton(alertItem(v, 'al1'));
    expect(first.textContent).toBe('Vu, marquer comme traitée');
    await click(first);
    await settle();
    expect(http.sent('POST', '/api/staff/alerts/al1/resolve')).toHaveLength(1);
    expect(alertItems(v).map((i) => i.dataset.alertId)).toEqual(['al2', 'al3', 'al4', 'al5']);
    expect(v.byTestId('alert-resolved').textContent).toBe('Alerte marquée comme traitée.');
    expect(v.byTestId('tab-alerts').textContent).toBe('Alertes (4)');
    // Focus moves on to the alert that took its place.
    expect(document.activeElement).toBe(resolveButton(alertItem(v, 'al2')));

    await click(resolveButton(alertItem(v, 'al2')));
    await settle();
    expect(http.sent('POST', '/api/staff/alerts/al2/resolve')).toHaveLength(1);
    expect(alertItems(v).map((i) => i.dataset.alertId)).toEqual(['al3', 'al4', 'al5']);
    expect(v.byTestId('alert-resolved').dataset.outcome).toBe('already');
    expect(v.byTestId('alert-resolved').textContent).toBe('Cette alerte avait déjà été traitée.');

    // Any other failure keeps the alert, says so, and lets the button be tried again.
    await click(resolveButton(alertItem(v, 'al3')));
    await settle();
    const error = alertItem(v, 'al3').querySelector<HTMLElement>('[data-testid="alert-resolve-error"]')!;
    expect(error.getAttribute('role')).toBe('alert');
    expect(alertItems(v)).toHaveLength(3);
    expect(resolveButton(alertItem(v, 'al3')).disabled).toBe(false);

    // A refresh answered before the server caught up does not bring handled alerts back.
    await click(v.byTestId('alerts-refresh'));
    await settle();
    expect(alertItems(v).map((i) => i.dataset.alertId)).toEqual(['al3', 'al4', 'al5']);
    expect(v.byTestId('tab-alerts').textContent).toBe('Alertes (3)');

    http.on('GET', '/api/staff/alerts', { status: 200, body: { alerts: [] } });
    await click(v.byTestId('alerts-refresh'));
    await settle();
    expect(v.byTestId('alerts-empty').textContent).toBe('Aucune alerte ouverte.');
    expect(v.byTestId('tab-alerts').textContent).toBe('Alertes (0)');
  });

  it('[S1][T6] alerts are polled like the queue, and not while the page is hidden', async () => {
    vi.useFakeTimers({ toFake: ['setInterval', 'clearInterval'] });
    const http = server(true);
    http.on('GET', '/api/staff/alerts', { status: 200, body: { alerts: alerts.slice(0, 1) } });
    const v = await start(http);
    expect(v.byTestId('tab-alerts').textContent).toBe('Alertes (1)');
    const before = http.sent('GET', '/api/staff/alerts').length;

    http.on('GET', '/api/staff/alerts', { status: 200, body: { alerts: alerts.slice(0, 3) } });
    await act(async () => {
      vi.advanceTimersByTime(30_000);
      await Promise.resolve();
    });
    await settle();
    expect(http.sent('GET', '/api/staff/alerts')).toHaveLength(before + 1);
    expect(v.byTestId('tab-alerts').textContent).toBe('Alertes (3)');

    const hidden = vi.spyOn(document, 'visibilityState', 'get').mockReturnValue('hidden');
    await act(async () => {
      vi.advanceTimersByTime(30_000);
      await Promise.resolve();
    });
    await settle();
    hidden.mockRestore();
    expect(http.sent('GET', '/api/staff/alerts')).toHaveLength(before + 1);

    await click(v.byTestId('tab-alerts'));
    await settle();
    expect(alertItems(v)).toHaveLength(3);
  });

  it('[O3] an expired staff session on the alerts goes back to the sign-in form', async () => {
    const http = server(true);
    http.on('POST', '/api/staff/alerts/al1/resolve', {
      status: 401,
      body: { error: 'UNAUTHENTICATED', message: 'x' },
    });
    const v = await start(http);
    await click(v.byTestId('tab-alerts'));
    await settle();
    await click(resolveButton(alertItem(v, 'al1')));
    await settle();
    expect(v.queryByTestId('staff-login-form')).not.toBeNull();
    expect(v.byTestId('staff-signed-out').textContent).toContain('reconnectez-vous');

    http.on('GET', '/api/staff/alerts', { status: 401, body: { error: 'UNAUTHENTICATED', message: 'x' } });
    http.on('POST', '/api/staff/login', { status: 200, body: { staff: ana } });
    await fill(v.byTestId<HTMLInputElement>('staff-login-name'), 'ana');
    await fill(v.byTestId<HTMLInputElement>('staff-login-password'), 'correct horse battery');
    await fill(v.byTestId<HTMLInputElement>('staff-login-code'), '654321');
    await click(v.byTestId('staff-login-submit'));
    await settle();
    // Refused again when fetching the alerts, even before their tab is opened.
    expect(v.queryByTestId('staff-console')).toBeNull();
    expect(v.queryByTestId('staff-login-form')).not.toBeNull();
  });

  it('[V4] the live tab lists the streams on now; "Arrêter" ends one and the list follows', async () => {
    const stream = {
      roomId: 'general',
      roomName: 'Général',
      userId: 'u9',
      nickname: 'Zoé',
      media: 'cam',
      viewers: 3,
      startedAt: Date.now() - 5 * MINUTE,
    };
    const http = server(true)
      .on('GET', '/api/staff/streams', { status: 200, body: { streams: [stream] } })
      .on('POST', '/api/staff/streams/end', { status: 200, body: { ended: true } });
    const v = await start(http);
    await click(v.byTestId('tab-live'));
    await settle();
    const item = v.byTestId('live-stream');
    expect(item.textContent).toContain('Zoé');
    expect(item.textContent).toContain('caméra');
    expect(item.textContent).toContain('Général');
    expect(item.textContent).toContain('3 spectateurs');

    http.on('GET', '/api/staff/streams', { status: 200, body: { streams: [] } });
    await click(v.byTestId('live-end'));
    await settle();
    expect(http.sent('POST', '/api/staff/streams/end').map((c) => c.body)).toEqual([
      { roomId: 'general', userId: 'u9' },
    ]);
    expect(v.byTestId('live-ended').textContent).toBe('Les directs de Zoé ont été arrêtés.');
    expect(v.byTestId('live-empty').textContent).toBe('Personne n’est en direct en ce moment.');
  });
});
