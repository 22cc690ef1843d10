import { existsSync } from 'node:fs';
import {
  chromium,
  type Browser,
  type BrowserContext,
  type BrowserContextOptions,
  type Page,
} from 'playwright-core';

const CANDIDATES = [process.env.SALON_CHROMIUM, '/usr/bin/chromium', '/usr/bin/chromium-browser'];

/** Debian's Chromium, or null when none is installed. */
export const CHROMIUM = CANDIDATES.find((path): path is string => !!path && existsSync(path)) ?? null;

if (!CHROMIUM) {
  if (process.env.CI === 'true') {
    throw new Error('Browser tests need Chromium under CI=true: install it (apt-get install chromium).');
  }
  console.warn(
    'Browser tests skipped: no Chromium found. Install it (sudo apt-get install chromium) or set SALON_CHROMIUM to its path.',
  );
}

/**
 * Chromium with the flags these machines need; `extraArgs` adds more, e.g. the fake camera
 * (`--use-fake-ui-for-media-stream --use-fake-device-for-media-stream`).
 */
export async function launchBrowser(
  extraArgs: readonly string[] = [],
  executablePath: string | null = CHROMIUM,
): Promise<Browser> {
  if (!executablePath) throw new Error('no Chromium');
  return chromium.launch({
    executablePath,
    args: [
      '--no-sandbox',
      '--disable-gpu',
      '--disable-quic',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
      '--no-first-run',
      ...extraArgs,
    ],
  });
}

/** Opens pages, each in its own browser context (a separate visitor), and closes them all at the end. */
export class Visitors {
  private readonly contexts: BrowserContext[] = [];

  constructor(private readonly browser: Browser) {}

  async page(options: BrowserContextOptions = { viewport: { width: 1280, height: 900 } }): Promise<Page> {
    const context = await this.browser.newContext(options);
    this.contexts.push(context);
    const page = await context.newPage();
    page.on('pageerror', (error) => console.error('page error:', error.message));
    return page;
  }

  async close(): Promise<void> {
    for (const context of this.contexts.splice(0)) await context.close();
  }
}
