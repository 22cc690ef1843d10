import { afterEach, describe, expect, it, vi } from 'vitest';
import { act } from 'react';
import type { Me } from '@salon/protocol';
import type { ApiResult, SessionApi } from '../api/session.js';
import { me, setup } from '../test/chatHarness.js';
import type { FakeSocket } from '../test/fakes.js';
import { click, fill, render, settle } from '../test/render.js';
import type { Rendered } from '../test/render.js';
import { ChatContext } from './chatContext.js';
import { SettingsDialog } from './SettingsDialog.js';

let view: Rendered | null = null;
afterEach(async () => {
  await view?.unmount();
  view = null;
});

function api(register: (password: string) => ApiResult<Me>): SessionApi {
  const unused = () => Promise.resolve({ ok: false as const, failure: { code: 'UNKNOWN' as const } });
  return {
    current: unused,
    enter: unused,
    leave: unused,
    entryOptions: unused,
    login: unused,
    register: (password) => Promise.resolve(register(password)),
  };
}

async function receive(socket: FakeSocket, frame: Parameters<FakeSocket['receive']>[0]) {
  await act(async () => {
    socket.receive(frame);
    await Promise.resolve();
  });
  await settle();
}

async function open(register: (password: string) => ApiResult<Me> = () => ({ ok: true, value: me })) {
  const { client, connect } = setup();
  const socket = await connect();
  const onClose = vi.fn();
  view = await render(
    <ChatContext value={client}>
      <SettingsDialog api={api(register)} onClose={onClose} />
    </ChatContext>,
  );
  await receive(socket, {
    type: 'block.list',
    id: socket.last('block.list').id,
    users: [{ userId: 'bob', nickname: 'Bob' }],
  });
  await receive(socket, {
    type: 'contact',
    id: socket.last('contact.get').id,
    policy: { mode: 'everyone', genders: [], minAge: null, maxAge: null },
  });
  return { client, socket, view, onClose };
}

describe('settings', () => {
  it('[P3] lists blocked people with Unblock', async () => {
    const { socket, view: v } = await open();
    expect(v.byTestId('settings-dialog').getAttribute('role')).toBe('dialog');
    expect(v.byTestId('block-item-bob').textContent).toContain('Bob');
    await click(v.byTestId('block-item-bob').querySelector<HTMLElement>('[data-testid="unblock"]')!);
    expect(socket.last('unblock')).toMatchObject({ userId: 'bob' });
    await receive(socket, { type: 'ok', id: socket.last('unblock').id });
    expect(v.queryByTestId('block-item-bob')).toBeNull();
  });

  it('[P2] contact preferences: by gender and age range', async () => {
    const { socket, view: v } = await open();
    expect(v.byTestId<HTMLInputElement>('contact-mode-everyone').checked).toBe(true);
    await click(v.byTestId('contact-mode-filter'));
    await click(v.byTestId('contact-gender-woman'));
    await fill(v.byTestId<HTMLInputElement>('contact-min-age'), '25');
    await fill(v.byTestId<HTMLInputElement>('contact-max-age'), '20');
    await click(v.byTestId('contact-save'));
    expect(v.container.textContent).toContain('L’âge minimum doit être inférieur');
    expect(socket.ofType('contact.set')).toHaveLength(0);
    await fill(v.byTestId<HTMLInputElement>('contact-max-age'), '45');
    await click(v.byTestId('contact-save'));
    expect(socket.last('contact.set').policy).toEqual({
      mode: 'filter',
      genders: ['woman'],
      minAge: 25,
      maxAge: 45,
    });
    await receive(socket, { type: 'ok', id: socket.last('contact.set').id });
    expect(v.byTestId('contact-saved').textContent).toBe('Préférences enregistrées.');
  });

  it('[E5] reserves the nickname with a password of 10 to 128 characters', async () => {
    const passwords: string[] = [];
    const {
      client,
      view: v,
      onClose,
    } = await open((password) => {
      passwords.push(password);
      return password === 'refusé-refusé'
        ? { ok: false, failure: { code: 'PASSWORD_WEAK' } }
        : { ok: true, value: { ...me, registered: true } };
    });
    await fill(v.byTestId<HTMLInputElement>('register-password'), 'court');
    await click(v.byTestId('register-submit'));
    expect(passwords).toEqual([]);
    expect(v.byTestId('register-error').textContent).toContain('10 à 128 caractères');
    await fill(v.byTestId<HTMLInputElement>('register-password'), 'refusé-refusé');
    await click(v.byTestId('register-submit'));
    await settle();
    expect(v.byTestId('register-error').textContent).toContain('trop faible');
    await fill(v.byTestId<HTMLInputElement>('register-password'), 'un mot de passe solide');
    await click(v.byTestId('register-submit'));
    await settle();
    expect(client.getState().me.registered).toBe(true);
    expect(v.queryByTestId('register-password')).toBeNull();
    expect(v.byTestId('registered').textContent).toContain('Alice');
    // The button that had focus is gone: Escape still closes the dialog.
    await act(async () => {
      document.body.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true }));
      await Promise.resolve();
    });
    expect(onClose).toHaveBeenCalled();
  });
});
