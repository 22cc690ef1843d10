import { afterEach, describe, expect, it } from 'vitest';
import { act } from 'react';
import { CLOSE_CODES, PROTOCOL_VERSION } from '@salon/protocol';
import type { Me, Statement } from '@salon/protocol';
import { httpModerationApi } from '../api/moderation.js';
import type { ApiResult, SessionApi } from '../api/session.js';
import { Connection } from '../net/connection.js';
import { general, me } from '../test/chatHarness.js';
import { FakeClock, SocketServer } from '../test/fakes.js';
import type { FakeSocket } from '../test/fakes.js';
import { FakeHttp } from '../test/httpFakes.js';
import { fakeMediaApi } from '../test/mediaFakes.js';
import { click, fill, render, settle } from '../test/render.js';
import type { Rendered } from '../test/render.js';
import { App } from './App.js';

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
  localStorage.clear();
});

const HOUR = 3_600_000;

function statement(change: Partial<Statement> = {}): Statement {
  return {
    id: 'st1',
    restriction: 'mute',
    roomId: 'general',
    facts: 'Insultes répétées envers Bob dans le salon Général.',
    rule: 'Harcèlement',
    automated: false,
    until: Date.now() + 24 * HOUR,
    at: Date.now() - 1000,
    appeal: 'open',
    ...change,
  };
}

const ban = statement({
  id: 'ban1',
  restriction: 'ban',
  roomId: null,
  facts: 'Propositions sexuelles à une personne de 15 ans.',
  rule: 'Protection des mineurs',
  until: null,
});

function setup(current: ApiResult<Me> = { ok: true, value: me }, stored: Statement[] = []) {
  const server = new SocketServer();
  const clock = new FakeClock();
  const http = new FakeHttp().on('GET', '/api/statements', { status: 200, body: { statements: stored } });
  const calls: string[] = [];
  const api: SessionApi = {
    current: () => {
      calls.push('current');
      return Promise.resolve(current);
    },
    enter: () => Promise.resolve({ ok: true, value: me }),
    leave: () => Promise.resolve({ ok: true, value: null }),
    entryOptions: () => Promise.resolve({ ok: true, value: { minAge: 18 } }),
    register: () => Promise.resolve({ ok: true, value: me }),
    login: () => Promise.resolve({ ok: true, value: me }),
  };
  const createConnection = () =>
    new Connection({ url: 'ws://t/ws', createSocket: server.create, timers: clock });
  const ui = (
    <App
      api={api}
      createConnection={createConnection}
      media={fakeMediaApi().api}
      moderation={httpModerationApi(http.fetch)}
    />
  );
  return { server, http, calls, ui };
}

async function online(server: SocketServer): Promise<FakeSocket> {
  const socket = server.current;
  await act(async () => {
    socket.open();
    socket.receive({ type: 'welcome', id: socket.last('hello').id, v: PROTOCOL_VERSION, me });
    socket.receive({ type: 'rooms', id: socket.last('rooms.list').id, rooms: [general], mine: [] });
    await Promise.resolve();
  });
  await settle();
  return socket;
}

async function push(socket: FakeSocket, frame: Parameters<FakeSocket['receive']>[0]) {
  await act(async () => {
    socket.receive(frame);
    await Promise.resolve();
  });
  await settle();
}

describe('statements of reasons', () => {
  it('[T3] a pushed statement shows what, where, the facts, the rule, who decided and until when', async () => {
    const { server, ui } = setup();
    view = await render(ui);
    await settle();
    const socket = await online(server);
    expect(view.queryByTestId('statement-notice')).toBeNull();

    await push(socket, { type: 'statement', statement: statement() });
    const notice = view.byTestId('statement-notice');
    expect(notice.getAttribute('role')).toBe('dialog');
    expect(notice.contains(document.activeElement)).toBe(true);
    expect(view.byTestId('statement-restriction').textContent).toBe('Écriture suspendue');
    expect(view.byTestId('statement-where').textContent).toBe('Dans le salon Général');
    expect(view.byTestId('statement-facts').textContent).toBe(
      'Insultes répétées envers Bob dans le salon Général.',
    );
    expect(view.byTestId('statement-rule').textContent).toBe('Harcèlement');
    const automated = view.byTestId('statement-automated');
    expect(automated.dataset.automated).toBe('false');
    expect(automated.textContent).toBe('Décision d’un modérateur');
    expect(view.byTestId('statement-until').textContent).toMatch(/^Jusqu’au /);
    // The chat behind the notice cannot be reached meanwhile.
    expect(view.container.querySelector('.app-frame')!.hasAttribute('inert')).toBe(true);
    expect(view.queryByTestId('appeal-text')).not.toBeNull();

    await click(view.byTestId('statement-dismiss'));
    expect(view.queryByTestId('statement-notice')).toBeNull();
    expect(view.container.querySelector('.app-frame')!.hasAttribute('inert')).toBe(false);
    // Read: the same statement pushed again does not come back by itself.
    await push(socket, { type: 'statement', statement: statement() });
    expect(view.queryByTestId('statement-notice')).toBeNull();

    await push(socket, {
      type: 'statement',
      statement: statement({ id: 'st2', restriction: 'remove', automated: true, until: null, rule: 'S3' }),
    });
    expect(view.byTestId('statement-automated').textContent).toBe('Décision automatique');
    expect(view.byTestId('statement-automated').dataset.automated).toBe('true');
    expect(view.byTestId('statement-until').textContent).toBe('Effet immédiat');
  });

  it('[T3] the appeal form posts to /api/appeals, then the appeal is shown as pending', async () => {
    const { server, http, ui } = setup();
    http.on('POST', '/api/appeals', (body) => ({
      status: 201,
      body: {
        statement: statement({ id: (body as { statementId: string }).statementId, appeal: 'pending' }),
      },
    }));
    view = await render(ui);
    await settle();
    const socket = await online(server);
    await push(socket, { type: 'statement', statement: statement() });

    // Nothing to send yet.
    await click(view.byTestId('appeal-send'));
    expect(http.sent('POST', '/api/appeals')).toHaveLength(0);
    expect(view.byTestId('appeal-error').textContent).toContain('Expliquez');

    await fill(view.byTestId<HTMLTextAreaElement>('appeal-text'), 'Je répondais à ses insultes.');
    await click(view.byTestId('appeal-send'));
    await settle();
    expect(http.last('POST', '/api/appeals').body).toEqual({
      statementId: 'st1',
      text: 'Je répondais à ses insultes.',
    });
    expect(view.byTestId('appeal-pending').textContent).toContain('une autre personne de l’équipe');
    expect(view.queryByTestId('appeal-text')).toBeNull();
  });

  it('[T3] a refused appeal is explained', async () => {
    const { server, http, ui } = setup();
    http.on('POST', '/api/appeals', {
      status: 409,
      body: { error: 'APPEAL_CLOSED', message: 'already appealed' },
    });
    view = await render(ui);
    await settle();
    const socket = await online(server);
    await push(socket, { type: 'statement', statement: statement() });
    await fill(view.byTestId<HTMLTextAreaElement>('appeal-text'), 'Erreur');
    await click(view.byTestId('appeal-send'));
    await settle();
    expect(view.byTestId('appeal-error').dataset.code).toBe('APPEAL_CLOSED');
    expect(view.byTestId('appeal-error').textContent).toContain('ne peut plus être contestée');
  });

  it('[T3][T4] after a ban closes the session, the ban statement stays on screen with its appeal form', async () => {
    const { server, http, calls, ui } = setup({ ok: true, value: me }, [ban]);
    http.on('POST', '/api/appeals', { status: 201, body: { statement: { ...ban, appeal: 'pending' } } });
    view = await render(ui);
    await settle();
    const socket = await online(server);
    await push(socket, { type: 'statement', statement: ban });
    await act(async () => {
      socket.drop(CLOSE_CODES.SESSION_ENDED);
      await Promise.resolve();
    });
    await settle();
    // The statements are read again with the cookie before anything else.
    expect(http.sent('GET', '/api/statements').length).toBeGreaterThanOrEqual(2);
    const screen = view.byTestId('ban-screen');
    expect(screen.textContent).toContain('Vous avez été banni·e de Salon');
    expect(view.byTestId('statement-where').textContent).toBe('Sur tout Salon');
    expect(view.byTestId('statement-facts').textContent).toBe(ban.facts);
    expect(view.byTestId('statement-until').textContent).toBe('Sans date de fin');
    expect(view.queryByTestId('entry-form')).toBeNull();
    expect(view.queryByTestId('statement-notice')).toBeNull();

    await settle();
    expect(view.queryByTestId('ban-screen')).not.toBeNull();
    expect(calls).toEqual(['current']);
    await fill(view.byTestId<HTMLTextAreaElement>('appeal-text'), 'Ce n’était pas moi.');
    await click(view.byTestId('appeal-send'));
    await settle();
    expect(http.last('POST', '/api/appeals').body).toEqual({
      statementId: 'ban1',
      text: 'Ce n’était pas moi.',
    });
    expect(view.byTestId('appeal-pending')).not.toBeNull();
    expect(view.queryByTestId('ban-screen')).not.toBeNull();
  });

  it('[T3][T4] coming back with a platform ban in force shows its statement, not the entry form', async () => {
    const { ui } = setup({ ok: false, failure: { code: 'UNAUTHENTICATED' } }, [
      ban,
      statement({ id: 'old', at: Date.now() - 10 * HOUR }),
    ]);
    view = await render(ui);
    await settle();
    expect(view.queryByTestId('ban-screen')).not.toBeNull();
    expect(view.byTestId('statement-card').dataset.statementId).toBe('ban1');
    expect(view.queryByTestId('entry-form')).toBeNull();
  });

  it('[T3] a ban that is over, or a session that ended without one, leads back to the entry form', async () => {
    const over = setup({ ok: false, failure: { code: 'UNAUTHENTICATED' } }, [
      { ...ban, until: Date.now() - 1000 },
    ]);
    view = await render(over.ui);
    await settle();
    expect(view.queryByTestId('ban-screen')).toBeNull();
    expect(view.queryByTestId('entry-form')).not.toBeNull();
    await view.unmount();

    const ended = setup();
    view = await render(ended.ui);
    await settle();
    const socket = await online(ended.server);
    await act(async () => {
      socket.drop(CLOSE_CODES.SESSION_ENDED);
      await Promise.resolve();
    });
    await settle();
    expect(view.queryByTestId('ban-screen')).toBeNull();
    expect(view.queryByTestId('entry-form')).not.toBeNull();
    expect(view.byTestId('entry-error').textContent).toContain('Votre session a pris fin');
  });

  it('[T3] unread statements fetched at start are shown; read ones can be opened again from the settings', async () => {
    const { server, ui } = setup({ ok: true, value: me }, [statement({ restriction: 'warn', until: null })]);
    view = await render(ui);
    await settle();
    await online(server);
    expect(view.byTestId('statement-restriction').textContent).toBe('Avertissement');
    await click(view.byTestId('statement-dismiss'));
    expect(view.queryByTestId('statement-notice')).toBeNull();

    await click(view.byTestId('settings-open'));
    const item = view.byTestId('statement-item');
    expect(item.textContent).toContain('Avertissement');
    await click(item.querySelector<HTMLElement>('[data-testid="statement-open"]')!);
    expect(view.byTestId('statement-notice').textContent).toContain('Harcèlement');
  });
});
