import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildApp, type App } from '../../packages/server/src/app.js';
import { parseConfig } from '../../packages/server/src/config/load.js';
import type { ConfigInput } from '../../packages/server/src/config/schema.js';

export const WEB_ROOT = fileURLToPath(new URL('../../packages/web/dist/', import.meta.url));

export interface RunningServer {
  app: App;
  url: string;
  close(): Promise<void>;
}

/** Salon on an ephemeral loopback port, SQLite in memory, a temporary data folder, serving the built web client. */
export async function startSalon(overrides: ConfigInput = {}): Promise<RunningServer> {
  if (!existsSync(`${WEB_ROOT}index.html`)) {
    throw new Error('The web client is not built: run "npm run build" first.');
  }
  const dataDir = await mkdtemp(join(tmpdir(), 'salon-e2e-'));
  const config = parseConfig({
    ...overrides,
    storage: { databaseUrl: null, dataDir },
    chat: { memberGrace: 2000, ...overrides.chat },
    // Live media has its own tests, inside a network namespace (live.e2e.ts).
    live: { mode: 'off', ...overrides.live },
  });
  const { openStore } = await import('../../packages/server/src/store/index.js');
  const store = await openStore({ sqlitePath: ':memory:' });
  const app = await buildApp({ config, store, logger: false, webRoot: WEB_ROOT });
  await app.http.listen({ host: '127.0.0.1', port: 0 });
  const address = app.http.server.address();
  if (typeof address !== 'object' || address === null) throw new Error('no address');
  return {
    app,
    url: `http://127.0.0.1:${address.port}`,
    async close() {
      await app.close();
      await store.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}
