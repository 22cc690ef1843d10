import { expect } from 'vitest';
import type { Page } from 'playwright-core';
import { fillEntry } from './pages.js';

/** The part of a `data-testid` after `prefix`, on the first element whose id starts with it. */
export async function testIdSuffix(page: Page, prefix: string): Promise<string> {
  const element = page.locator(`[data-testid^="${prefix}"]`).first();
  await element.waitFor();
  const id = await element.getAttribute('data-testid');
  if (id === null) throw new Error(`no data-testid starting with ${prefix}`);
  return id.slice(prefix.length);
}

/** Opens `url` (an invite link, say), enters with a nickname and waits for the room list. */
export async function enterAt(page: Page, url: string, nickname: string, age = 30, gender = 'woman') {
  await page.goto(url);
  await page.getByTestId('entry-form').waitFor();
  await fillEntry(page, nickname, age, gender);
  await page.getByTestId('room-list').waitFor();
  expect(await page.getByTestId('me-nickname').textContent()).toContain(nickname);
}

/** R2: creates a private room from the room list; returns its id once its view is open. */
export async function createPrivateRoom(page: Page, name: string): Promise<string> {
  await page.getByTestId('create-room').click();
  await page.getByTestId('create-room-name').fill(name);
  await page.getByTestId('create-room-submit').click();
  const roomId = await testIdSuffix(page, 'private-room-item-');
  await page.getByTestId(`room-view-${roomId}`).waitFor();
  return roomId;
}

/** R2: makes a new invite link through the room menu and returns it (the dialog is closed again). */
export async function createInviteLink(page: Page): Promise<string> {
  await page.getByTestId('room-menu').click();
  await page.getByTestId('invite-link-create').click();
  const link = (await page.getByTestId('invite-link').textContent())?.trim() ?? '';
  await page.keyboard.press('Escape');
  await page.getByTestId('room-menu-dialog').waitFor({ state: 'detached' });
  return link;
}

/** Opens the menu of the member with this nickname in the member list. */
export async function openMemberMenu(page: Page, nickname: string): Promise<void> {
  const row = page.getByTestId('member').filter({ hasText: nickname });
  await row.locator('[data-testid^="member-menu-"]').click();
}

export async function waitForMember(page: Page, nickname: string): Promise<void> {
  await expect
    .poll(() => page.getByTestId('member').allTextContents(), { timeout: 5000 })
    .toEqual(expect.arrayContaining([expect.stringContaining(nickname)]));
}

export async function appError(page: Page): Promise<string> {
  const alert = page.getByTestId('app-error');
  await alert.waitFor();
  return (await alert.textContent()) ?? '';
}
