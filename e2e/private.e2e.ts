import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, launchBrowser, Visitors } from './support/browser.js';
import { enterSalon, joinRoom, messageTexts, sendMessage } from './support/pages.js';
import {
  appError,
  createInviteLink,
  createPrivateRoom,
  enterAt,
  openMemberMenu,
  testIdSuffix,
  waitForMember,
} from './support/private.js';
import { startSalon, type RunningServer } from './support/server.js';

describe.skipIf(!CHROMIUM)('private rooms and private messages in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let visitors: Visitors;
  const newPage = (options?: Parameters<Visitors['page']>[0]) => visitors.page(options);

  beforeAll(async () => {
    server = await startSalon();
    browser = await launchBrowser();
    visitors = new Visitors(browser);
  });
  afterAll(async () => {
    await visitors?.close();
    await browser?.close();
    await server?.close();
  });

  it('[R2] an invite link lets B in; once revoked it lets C nowhere near the room', async () => {
    const a = await newPage();
    const b = await newPage();
    const c = await newPage();
    await enterSalon(a, server.url, 'Ana_priv');
    const roomId = await createPrivateRoom(a, 'Cercle privé');
    expect(await a.getByTestId(`private-room-item-${roomId}`).textContent()).toContain('Cercle privé');
    const link = await createInviteLink(a);
    expect(link.startsWith(`${server.url}/#join=`)).toBe(true);

    // B opens the link before entering: the room opens right after the entry form.
    await enterAt(b, link, 'Ben_priv', 31, 'man');
    await b.getByTestId(`room-view-${roomId}`).waitFor();
    expect(await b.evaluate(() => window.location.hash)).toBe('');
    await b.getByTestId(`private-room-item-${roomId}`).waitFor();
    await sendMessage(b, 'Bonjour Ana');
    await expect.poll(() => messageTexts(a), { timeout: 3000 }).toContain('Bonjour Ana');
    await sendMessage(a, 'Bienvenue Ben');
    await expect.poll(() => messageTexts(b), { timeout: 3000 }).toContain('Bienvenue Ben');

    await a.getByTestId('room-menu').click();
    const item = a.getByTestId('invite-link-item');
    await item.first().waitFor();
    expect(await item.count()).toBe(1);
    await item.getByTestId('invite-link-revoke').click();
    await expect.poll(() => item.count(), { timeout: 3000 }).toBe(0);
    await a.keyboard.press('Escape');

    // C, already in, follows the revoked link.
    await enterSalon(c, server.url, 'Cleo_priv');
    await c.goto(link);
    expect(await appError(c)).toContain('invitation');
    expect(await c.getByTestId('app-error').getAttribute('data-code')).toBe('INVITE_INVALID');
    expect(await c.getByTestId(`private-room-item-${roomId}`).count()).toBe(0);
    expect(await c.getByTestId(`room-view-${roomId}`).count()).toBe(0);
    expect(await c.getByTestId('private-room-list').textContent()).not.toContain('Cercle privé');
  });

  let ava: Page;
  let bruno: Page;
  let conversationId = '';

  it('[P1][P4] a private message starts as a request; B sees who asks and a safety notice, accepts, they talk', async () => {
    ava = await newPage();
    bruno = await newPage();
    await enterSalon(ava, server.url, 'Ava_dm', 30);
    await enterAt(bruno, server.url, 'Bruno_dm', 34, 'man');
    await joinRoom(ava, 'general');
    await joinRoom(bruno, 'general');
    await waitForMember(ava, 'Bruno_dm');

    await openMemberMenu(ava, 'Bruno_dm');
    await ava.getByTestId('member-action-message').click();
    await ava.locator('[data-testid^="dm-view-"]').waitFor();
    await sendMessage(ava, 'Salut Bruno, on discute ?');
    conversationId = await testIdSuffix(ava, 'dm-item-');
    await ava.getByTestId(`dm-view-${conversationId}`).waitFor();

    const request = bruno.getByTestId(`request-item-${conversationId}`);
    await request.waitFor();
    const card = (await request.textContent()) ?? '';
    expect(card).toContain('Ava_dm');
    expect(card).toContain('Femme');
    expect(card).toContain('30 ans');
    await request.locator('button').first().click();
    await bruno.getByTestId(`dm-view-${conversationId}`).waitFor();
    const notice = (await bruno.getByTestId('safety-notice').textContent()) ?? '';
    expect(notice).toContain('téléphone');
    expect(notice).toContain('lieu public');
    // T1: the person who received the request can report it in two clicks.
    expect(await bruno.getByTestId('request-report').count()).toBe(1);
    await expect.poll(() => messageTexts(bruno), { timeout: 3000 }).toContain('Salut Bruno, on discute ?');

    await bruno.getByTestId('request-accept').click();
    await bruno.getByTestId('composer-input').waitFor();
    expect(await bruno.getByTestId('safety-notice').count()).toBe(0);
    await expect.poll(() => bruno.getByTestId(`request-item-${conversationId}`).count()).toBe(0);
    await sendMessage(bruno, 'Avec plaisir !');
    await expect.poll(() => messageTexts(ava), { timeout: 3000 }).toContain('Avec plaisir !');
    await sendMessage(ava, 'Super, merci');
    await expect.poll(() => messageTexts(bruno), { timeout: 3000 }).toContain('Super, merci');
  });

  it('[P3] once B blocks A, A’s next message is refused and B receives nothing', async () => {
    expect(conversationId).not.toBe('');
    await bruno.getByTestId('room-item-general').locator('button').first().click();
    await bruno.getByTestId('room-view-general').waitFor();
    await openMemberMenu(bruno, 'Ava_dm');
    await bruno.getByTestId('member-action-block').click();
    await openMemberMenu(bruno, 'Ava_dm');
    await bruno.getByTestId('member-action-unblock').waitFor();
    await bruno.keyboard.press('Escape');

    await ava.getByTestId(`dm-view-${conversationId}`).waitFor();
    await sendMessage(ava, 'Tu es encore là ?');
    const error = await appError(ava);
    expect(error).toContain('n’accepte pas de messages');
    expect(await ava.getByTestId('app-error').getAttribute('data-code')).toBe('CONTACT_REFUSED');

    await bruno.getByTestId(`dm-item-${conversationId}`).locator('button').click();
    await bruno.getByTestId(`dm-view-${conversationId}`).waitFor();
    await expect.poll(() => messageTexts(bruno), { timeout: 3000 }).toContain('Super, merci');
    await bruno.waitForTimeout(500);
    expect(await messageTexts(bruno)).not.toContain('Tu es encore là ?');
  });
});
