import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Browser, Page } from 'playwright-core';
import { CHROMIUM, launchBrowser, Visitors } from './support/browser.js';
import { startSalon, type RunningServer } from './support/server.js';
import { enterSalon, joinRoom } from './support/pages.js';

const PHOTO = new URL('../../shared/testdata/pdq/images/aaa-orig.jpg', import.meta.url).pathname;

/** Chromium's fake camera (a moving test pattern) and no permission prompt. */
const FAKE_CAMERA = ['--use-fake-ui-for-media-stream', '--use-fake-device-for-media-stream'];

/** Waits until the message list shows an image whose thumbnail has actually loaded. */
async function loadedThumbnails(page: Page): Promise<number> {
  return page
    .locator('[data-testid="media"][data-kind="image"] img[data-testid="media-thumb"]')
    .evaluateAll((images) => images.filter((img) => (img as HTMLImageElement).naturalWidth > 0).length);
}

describe.skipIf(!CHROMIUM)('media in the browser', () => {
  let browser: Browser;
  let visitors: Visitors;

  beforeAll(async () => {
    browser = await launchBrowser(FAKE_CAMERA);
    visitors = new Visitors(browser);
  });
  afterAll(async () => {
    await visitors?.close();
    await browser?.close();
  });

  describe('ordinary photos', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startSalon();
    });
    afterAll(async () => {
      await server?.close();
    });

    it('[M1][M4] a photo sent in a room appears for the other user', async () => {
      const alice = await visitors.page();
      const bruno = await visitors.page();
      await enterSalon(alice, server.url, 'Alice_media');
      await enterSalon(bruno, server.url, 'Bruno_media');
      await joinRoom(alice, 'general');
      await joinRoom(bruno, 'general');
      await alice.getByTestId('composer-input').fill('Le pont');
      await alice.locator('input[type="file"][data-testid="attach-input"]').setInputFiles(PHOTO);
      await expect.poll(() => loadedThumbnails(bruno), { timeout: 10_000 }).toBe(1);
      await expect.poll(() => loadedThumbnails(alice), { timeout: 10_000 }).toBe(1);
      const message = bruno.getByTestId('message').filter({ has: bruno.getByTestId('media') });
      expect(await message.getByTestId('message-text').textContent()).toContain('Le pont');
      expect(await bruno.locator('[data-testid="media"]').getAttribute('data-explicit')).toBeNull();
      // The full image opens in the viewer and loads from the server.
      await bruno.getByTestId('media-open').click();
      await expect
        .poll(() => bruno.getByTestId('media-full').evaluate((img) => (img as HTMLImageElement).naturalWidth))
        .toBeGreaterThan(0);
    });

    it('[M3] a webcam photo goes through the same pipeline and reaches the room', async () => {
      const alice = await visitors.page();
      const bruno = await visitors.page();
      await enterSalon(alice, server.url, 'Alice_cam');
      await enterSalon(bruno, server.url, 'Bruno_cam');
      await joinRoom(alice, 'amitie');
      await joinRoom(bruno, 'amitie');
      await alice.getByTestId('camera-open').click();
      await alice.getByTestId('camera-dialog').waitFor();
      await expect
        .poll(() =>
          alice.getByTestId('camera-video').evaluate((video) => (video as HTMLVideoElement).videoWidth),
        )
        .toBeGreaterThan(0);
      await alice.getByTestId('camera-capture').click();
      await alice.getByTestId('camera-send').click();
      await expect.poll(() => loadedThumbnails(bruno), { timeout: 10_000 }).toBe(1);
      expect(await alice.getByTestId('camera-dialog').count()).toBe(0);
    });
  });

  describe('explicit images (classifier verdict forced by the documented test hook)', () => {
    let server: RunningServer;
    beforeAll(async () => {
      server = await startSalon({ media: { nudity: { force: 'explicit' } } });
    });
    afterAll(async () => {
      await server?.close();
    });

    it('[S2] an explicit image shows blurred until clicked; the setting hides it entirely', async () => {
      const alice = await visitors.page();
      const bruno = await visitors.page();
      await enterSalon(alice, server.url, 'Alice_adult');
      await enterSalon(bruno, server.url, 'Bruno_adult');
      await joinRoom(alice, 'adultes');
      await joinRoom(bruno, 'adultes');
      await alice.locator('input[type="file"][data-testid="attach-input"]').setInputFiles(PHOTO);
      const media = bruno.locator('[data-testid="media"][data-kind="image"]');
      await media.waitFor({ timeout: 10_000 });
      expect(await media.getAttribute('data-explicit')).toBe('blurred');
      const filter = await media
        .locator('img')
        .first()
        .evaluate((img) => getComputedStyle(img).filter);
      expect(filter).toContain('blur');
      await bruno.getByTestId('media-reveal').click();
      await expect.poll(() => media.getAttribute('data-explicit')).toBe('revealed');
      expect(
        await media
          .locator('img')
          .first()
          .evaluate((img) => getComputedStyle(img).filter),
      ).not.toContain('blur');

      // "Never show explicit images": no image element at all any more.
      await bruno.getByTestId('settings-open').click();
      await bruno.getByTestId('hide-explicit').check();
      await bruno.keyboard.press('Escape');
      await bruno.locator('[data-testid="media-hidden"][data-explicit="hidden"]').waitFor();
      expect(await bruno.locator('[data-testid="media"] img').count()).toBe(0);
    });
  });
});
