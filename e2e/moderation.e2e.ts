import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { createStaff, type TestStaff } from '../packages/server/test/support/staff.js';
import { CHROMIUM, launchBrowser, Visitors } from './support/browser.js';
import { startSalon, type RunningServer } from './support/server.js';
import { enterSalon, joinRoom, messageTexts, sendMessage } from './support/pages.js';

/** Opens the console and logs in with password and a TOTP code, as a moderator would. */
async function staffLogin(page: Page, url: string, staff: TestStaff): Promise<void> {
  await page.goto(`${url}/staff`);
  await page.getByTestId('staff-login-name').fill(staff.name);
  await page.getByTestId('staff-login-password').fill(staff.password);
  await page.getByTestId('staff-login-code').fill(staff.nextCode());
  await page.getByTestId('staff-login-submit').click();
  await page.getByTestId('staff-console').waitFor();
}

describe.skipIf(!CHROMIUM)('reports and moderation in the browser', () => {
  let server: RunningServer;
  let browser: Browser;
  let visitors: Visitors;

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

  it('[T1][T2][T3][O3] report → moderator bans from the top of the queue → statement and appeal → a second moderator decides', async () => {
    const first = await createStaff(server, { role: 'moderator' });
    const second = await createStaff(server, { role: 'moderator' });
    const author = await visitors.page();
    const reporter = await visitors.page();
    await enterSalon(author, server.url, 'Auteur_mod');
    await enterSalon(reporter, server.url, 'Temoin_mod');
    await joinRoom(author, 'general');
    await joinRoom(reporter, 'general');
    await sendMessage(author, 'Viens seule ce soir au parking, personne ne saura');
    await expect
      .poll(() => messageTexts(reporter))
      .toContain('Viens seule ce soir au parking, personne ne saura');

    // T1: two clicks — the report button, then the category.
    const message = reporter
      .getByTestId('message')
      .filter({ hasText: 'Viens seule ce soir au parking' })
      .first();
    await message.hover();
    await message.getByTestId('message-report').click();
    await reporter.getByTestId('report-category-threat').click();
    await reporter.getByTestId('report-receipt').waitFor();
    expect(await reporter.getByTestId('report-id').getAttribute('data-report-id')).toBeTruthy();

    // T2, O3: the moderator logs in with password + TOTP and finds it at the top of the queue.
    const mod1 = await visitors.page();
    await staffLogin(mod1, server.url, first);
    const top = mod1.getByTestId('case-item').first();
    await top.waitFor();
    expect(await top.getAttribute('data-severity')).toBe('0');
    await top.click();
    await mod1.getByTestId('case-view').waitFor();
    expect(
      await mod1.locator('[data-testid="context-message"][data-reported="true"]').textContent(),
    ).toContain('Viens seule ce soir au parking');
    await mod1.getByTestId('action-select').selectOption('ban');
    await mod1.getByTestId('action-duration').selectOption('d7');
    await mod1.getByTestId('action-scope').selectOption('platform');
    await mod1.getByTestId('action-rule').fill('T1 — menace, guet-apens');
    await mod1.getByTestId('action-facts').fill('Propose un rendez-vous isolé à une inconnue.');
    await mod1.getByTestId('action-submit').click();
    await mod1.getByTestId('case-closed-notice').waitFor();

    // T3: the author sees the statement of reasons and appeals.
    await author.getByTestId('statement-card').waitFor({ timeout: 10_000 });
    expect(await author.getByTestId('statement-facts').textContent()).toContain('rendez-vous isolé');
    expect(await author.getByTestId('statement-rule').textContent()).toContain('T1 — menace');
    expect(await author.getByTestId('statement-automated').getAttribute('data-automated')).toBe('false');
    await author.getByTestId('appeal-text').fill('Je parlais d’un covoiturage, pas d’un piège.');
    await author.getByTestId('appeal-send').click();
    await author.getByTestId('appeal-pending').waitFor();

    // The first moderator may not decide the appeal against their own decision.
    await mod1.getByTestId('tab-appeals').click();
    const own = mod1.getByTestId('appeal-item').first();
    await own.waitFor();
    await own.getByTestId('appeal-reason').fill('Je maintiens.');
    await own.getByTestId('appeal-uphold').click();
    const refused = mod1.getByTestId('appeal-decide-error');
    await refused.waitFor();
    expect(await refused.getAttribute('data-code')).toBe('FORBIDDEN');

    // A second moderator decides it.
    const mod2 = await visitors.page();
    await staffLogin(mod2, server.url, second);
    await mod2.getByTestId('tab-appeals').click();
    const item = mod2.getByTestId('appeal-item').first();
    await item.waitFor();
    expect(await item.getByTestId('appeal-user-text').textContent()).toContain('covoiturage');
    await item.getByTestId('appeal-reason').fill('Le contexte ne montre pas de menace claire.');
    await item.getByTestId('appeal-reverse').click();
    await expect.poll(() => mod2.getByTestId('appeal-item').count(), { timeout: 5000 }).toBe(0);

    // The ban is lifted: the author is back in the chat after a reload.
    await author.reload();
    await author.getByTestId('room-list').waitFor();
    expect(await author.getByTestId('ban-screen').count()).toBe(0);
  });
});
