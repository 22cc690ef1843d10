import { expect } from 'vitest';
import type { Page } from 'playwright-core';

export async function fillEntry(page: Page, nickname: string, age: number, gender = 'woman'): Promise<void> {
  await page.getByTestId('entry-nickname').fill(nickname);
  await page.getByTestId('entry-age').fill(String(age));
  await page.getByTestId('entry-gender').selectOption(gender);
  await page.getByTestId('entry-submit').click();
}

/** Opens Salon, enters with a nickname and waits for the room list. */
export async function enterSalon(page: Page, url: string, nickname: string, age = 30): Promise<void> {
  await page.goto(url);
  await page.getByTestId('entry-form').waitFor();
  await fillEntry(page, nickname, age);
  await page.getByTestId('room-list').waitFor();
  expect(await page.getByTestId('me-nickname').textContent()).toContain(nickname);
}

export async function joinRoom(page: Page, roomId: string): Promise<void> {
  await page.getByTestId(`room-item-${roomId}`).click();
  await page.getByTestId(`room-view-${roomId}`).waitFor();
}

export async function sendMessage(page: Page, text: string): Promise<void> {
  await page.getByTestId('composer-input').fill(text);
  await page.getByTestId('composer-send').click();
}

export async function messageTexts(page: Page): Promise<string[]> {
  return page.getByTestId('message-text').allTextContents();
}
