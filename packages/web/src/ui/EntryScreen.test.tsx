import { afterEach, describe, expect, it, vi } from 'vitest';
import type { EntryRequest, Me } from '@salon/protocol';
import type { ApiFailure, ApiResult, SessionApi } from '../api/session.js';
import { blur, click, fill, render, settle } from '../test/render.js';
import type { Rendered } from '../test/render.js';
import { EntryScreen } from './EntryScreen.js';

const me: Me = { userId: 'u1', nickname: 'Zoé', age: 30, gender: 'woman', region: 'bre', registered: false };

function fakeApi(answer: (request: EntryRequest) => ApiResult<Me>) {
  const requests: EntryRequest[] = [];
  const api: SessionApi = {
    current: () => Promise.resolve({ ok: false, failure: { code: 'UNAUTHENTICATED' } }),
    enter: (request) => {
      requests.push(request);
      return Promise.resolve(answer(request));
    },
    leave: () => Promise.resolve({ ok: true, value: null }),
    entryOptions: () => Promise.resolve({ ok: true, value: { minAge: 18 } }),
    register: () => Promise.resolve({ ok: true, value: { ...me, registered: true } }),
    login: () => Promise.resolve({ ok: true, value: me }),
  };
  return { api, requests };
}

const refuse = (failure: ApiFailure) => (): ApiResult<Me> => ({ ok: false, failure });

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

async function fillForm(
  v: Rendered,
  values: { nickname: string; age: string; gender?: string; region?: string },
) {
  await fill(v.byTestId<HTMLInputElement>('entry-nickname'), values.nickname);
  await fill(v.byTestId<HTMLInputElement>('entry-age'), values.age);
  if (values.gender) await fill(v.byTestId<HTMLSelectElement>('entry-gender'), values.gender);
  if (values.region !== undefined) await fill(v.byTestId<HTMLSelectElement>('entry-region'), values.region);
  await click(v.byTestId('entry-submit'));
  await settle();
}

describe('EntryScreen', () => {
  it('[E1] asks only nickname, age, gender and an optional region, and sends them', async () => {
    const { api, requests } = fakeApi(() => ({ ok: true, value: me }));
    const onEntered = vi.fn();
    view = await render(<EntryScreen api={api} onEntered={onEntered} />);
    const form = view.byTestId('entry-form');
    expect([...form.querySelectorAll('input, select, textarea')].map((e) => e.id)).toEqual([
      'entry-nickname',
      'entry-age',
      'entry-gender',
      'entry-region',
    ]);
    for (const id of ['entry-nickname', 'entry-age', 'entry-gender', 'entry-region']) {
      expect(form.querySelector(`label[for="${id}"]`)).not.toBeNull();
    }
    const regions = [...view.byTestId<HTMLSelectElement>('entry-region').options].map((o) => o.textContent);
    expect(regions).toContain('Ne pas indiquer');
    expect(regions).toContain('Île-de-France');
    expect(regions).toContain('Ailleurs');
    await fillForm(view, { nickname: ' Zoé ', age: '30', gender: 'nonbinary', region: 'bre' });
    expect(requests).toEqual([{ nickname: 'Zoé', age: 30, gender: 'nonbinary', region: 'bre' }]);
    expect(onEntered).toHaveBeenCalledWith(me);
  });

  it('[E3] shows the translated cool-down message with its end time, and no form', async () => {
    const until = new Date(2031, 4, 17, 14, 30).getTime();
    const { api } = fakeApi(refuse({ code: 'AGE_COOLDOWN', until }));
    view = await render(<EntryScreen api={api} onEntered={() => undefined} />);
    await fillForm(view, { nickname: 'Zoé', age: '30' });
    const error = view.byTestId('entry-error');
    expect(error.getAttribute('role')).toBe('alert');
    expect(error.textContent).toContain('refusée récemment');
    expect(error.textContent).toContain('2031');
    expect(error.textContent).toContain('14:30');
    expect(view.queryByTestId('entry-form')).toBeNull();
  });

  it('[E3] in English too', async () => {
    const { api } = fakeApi(refuse({ code: 'AGE_COOLDOWN', until: Date.now() + 3_600_000 }));
    view = await render(<EntryScreen api={api} onEntered={() => undefined} />, 'en');
    await fillForm(view, { nickname: 'Zoe', age: '25' });
    expect(view.byTestId('entry-error').textContent).toContain('refused recently');
    expect(view.byTestId('entry-error').textContent).toContain('You can try again from');
  });

  it('[E3] an under-age declaration is refused with the minimum age', async () => {
    const { api, requests } = fakeApi(refuse({ code: 'AGE_REFUSED' }));
    view = await render(<EntryScreen api={api} onEntered={() => undefined} />);
    await fillForm(view, { nickname: 'Zoé', age: '15' });
    expect(requests[0]?.age).toBe(15);
    expect(view.byTestId('entry-error').textContent).toContain('18 ans et plus');
    expect(view.byTestId<HTMLInputElement>('entry-age').getAttribute('aria-invalid')).toBe('true');
  });

  it.each([
    ['NICK_TAKEN', 'déjà utilisé'],
    ['NICK_FORBIDDEN', 'pas autorisé'],
    ['NICK_INVALID', 'pas valide'],
    ['RATE_LIMITED', 'Trop de demandes'],
    ['NETWORK', 'Impossible de joindre'],
  ] as const)('[E1] error %s shows a clear message', async (code, words) => {
    const { api } = fakeApi(refuse({ code }));
    view = await render(<EntryScreen api={api} onEntered={() => undefined} />);
    await fillForm(view, { nickname: 'Zoé', age: '30' });
    expect(view.byTestId('entry-error').textContent).toContain(words);
    expect(view.queryByTestId('entry-form')).not.toBeNull();
  });

  it('[E1] an age that is not a whole number is not sent', async () => {
    const { api, requests } = fakeApi(() => ({ ok: true, value: me }));
    view = await render(<EntryScreen api={api} onEntered={() => undefined} />);
    await fillForm(view, { nickname: 'Zoé', age: '' });
    expect(requests).toHaveLength(0);
    expect(view.byTestId('entry-error').textContent).toContain('nombre entier');
  });

  it('[E1] hints at a nickname problem before the server is asked', async () => {
    const { api } = fakeApi(() => ({ ok: true, value: me }));
    view = await render(<EntryScreen api={api} onEntered={() => undefined} />);
    const input = view.byTestId<HTMLInputElement>('entry-nickname');
    await fill(input, 'a b');
    await blur(input);
    expect(view.container.querySelector('#entry-nickname-help')?.textContent).toContain('Seuls les lettres');
  });
});
