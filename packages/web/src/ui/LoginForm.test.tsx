import { afterEach, describe, expect, it, vi } from 'vitest';
import type { Me } from '@salon/protocol';
import type { ApiFailure, ApiResult, SessionApi } from '../api/session.js';
import { click, fill, render, settle } from '../test/render.js';
import type { Rendered } from '../test/render.js';
import { EntryScreen } from './EntryScreen.js';

const me: Me = { userId: 'u1', nickname: 'Zoé', age: 30, gender: 'woman', region: null, registered: true };

function fakeApi(login: () => ApiResult<Me>, enter: () => ApiResult<Me> = () => ({ ok: true, value: me })) {
  const logins: [string, string][] = [];
  const api: SessionApi = {
    current: () => Promise.resolve({ ok: false, failure: { code: 'UNAUTHENTICATED' } }),
    enter: () => Promise.resolve(enter()),
    leave: () => Promise.resolve({ ok: true, value: null }),
    entryOptions: () => Promise.resolve({ ok: true, value: { minAge: 18 } }),
    register: () => Promise.resolve({ ok: true, value: me }),
    login: (nickname, password) => {
      logins.push([nickname, password]);
      return Promise.resolve(login());
    },
  };
  return { api, logins };
}

const refuse = (failure: ApiFailure) => (): ApiResult<Me> => ({ ok: false, failure });

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

async function logIn(v: Rendered, nickname: string, password: string) {
  await fill(v.byTestId<HTMLInputElement>('login-nickname'), nickname);
  await fill(v.byTestId<HTMLInputElement>('login-password'), password);
  await click(v.byTestId('login-submit'));
  await settle();
}

describe('EntryScreen: registered nickname login (E5)', () => {
  it('[E5] "J’ai un pseudo réservé" shows nickname and password, and logs in', async () => {
    const { api, logins } = fakeApi(() => ({ ok: true, value: me }));
    const onEntered = vi.fn();
    view = await render(<EntryScreen api={api} onEntered={onEntered} />);
    const toggle = view.byTestId('entry-login-toggle');
    expect(toggle.textContent).toBe('J’ai un pseudo réservé');
    await click(toggle);
    expect(view.queryByTestId('entry-form')).toBeNull();
    expect(view.byTestId<HTMLInputElement>('login-password').type).toBe('password');
    await logIn(view, ' Zoé ', 'un mot de passe solide');
    expect(logins).toEqual([['Zoé', 'un mot de passe solide']]);
    expect(onEntered).toHaveBeenCalledWith(me);
    await click(view.byTestId('entry-login-toggle'));
    expect(view.queryByTestId('entry-form')).not.toBeNull();
  });

  it.each([
    ['LOGIN_FAILED', 'fr', 'Pseudo ou mot de passe incorrect.'],
    ['LOGIN_FAILED', 'en', 'Wrong nickname or password.'],
    ['NETWORK', 'fr', 'Impossible de joindre le serveur'],
  ] as const)('[E5] %s is explained (%s)', async (code, language, words) => {
    const { api } = fakeApi(refuse({ code }));
    view = await render(<EntryScreen api={api} onEntered={() => undefined} />, language);
    await click(view.byTestId('entry-login-toggle'));
    await logIn(view, 'Zoé', 'pas le bon mot de passe');
    const error = view.byTestId('entry-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain(words);
    expect(view.byTestId<HTMLInputElement>('login-password').value).toBe('');
  });

  it('[E5] too many attempts: says when to try again', async () => {
    const until = new Date(2031, 4, 17, 14, 30).getTime();
    const { api } = fakeApi(refuse({ code: 'RATE_LIMITED', until }));
    view = await render(<EntryScreen api={api} onEntered={() => undefined} />);
    await click(view.byTestId('entry-login-toggle'));
    await logIn(view, 'Zoé', 'encore raté encore');
    const text = view.byTestId('entry-error').textContent;
    expect(text).toContain('Trop de demandes');
    expect(text).toContain('2031');
    expect(text).toContain('14:30');
  });

  it('[E3][E5] the age cool-down applies to a login too', async () => {
    const { api } = fakeApi(refuse({ code: 'AGE_COOLDOWN', until: Date.now() + 3_600_000 }));
    view = await render(<EntryScreen api={api} onEntered={() => undefined} />);
    await click(view.byTestId('entry-login-toggle'));
    await logIn(view, 'Zoé', 'un mot de passe solide');
    expect(view.byTestId('entry-error').textContent).toContain('refusée récemment');
  });

  it('[E5] a guest entering with a reserved nickname is told, and can switch to login with it', async () => {
    const { api } = fakeApi(() => ({ ok: true, value: me }), refuse({ code: 'NICK_REGISTERED' }));
    view = await render(<EntryScreen api={api} onEntered={() => undefined} />);
    await fill(view.byTestId<HTMLInputElement>('entry-nickname'), 'Zoé');
    await fill(view.byTestId<HTMLInputElement>('entry-age'), '30');
    await click(view.byTestId('entry-submit'));
    await settle();
    expect(view.byTestId('entry-error').textContent).toContain('Ce pseudo est réservé');
    expect(view.byTestId('entry-nickname').getAttribute('aria-invalid')).toBe('true');
    await click(view.byTestId('entry-use-login'));
    expect(view.byTestId<HTMLInputElement>('login-nickname').value).toBe('Zoé');
  });
});
