import type { Config } from './config/schema.js';
import { buildApp, type App } from './app.js';

/** Starts Salon from a loaded config and prints where it listens. */
export async function start(config: Readonly<Config>): Promise<App> {
  const app = await buildApp({ config });
  const address = await app.http.listen({ host: config.http.host, port: config.http.port });
  const shown =
    config.http.host === '127.0.0.1' || config.http.host === '0.0.0.0'
      ? `http://localhost:${config.http.port}`
      : address;
  console.log(`Salon is running at ${shown} (storage: ${app.store.dialect})`);
  const stop = (signal: string) => {
    console.log(`${signal}: stopping`);
    app.close().then(
      () => process.exit(0),
      (error: unknown) => {
        console.error(error);
        process.exit(1);
      },
    );
  };
  // Operators replace list files, then send SIGHUP: the word, URL and hash lists reload (E4, S3, S1).
  process.on('SIGHUP', () => {
    try {
      const sizes = app.services.lists.reload();
      app.http.log.info(sizes, 'lists reloaded');
    } catch (error) {
      app.http.log.error({ err: error }, 'lists not reloaded; the previous ones stay in force');
    }
    // S1: hash lists reload in the background; a failed reload keeps the previous lists.
    app.services.media.hashLists.reload().then(
      (report) => app.http.log.info({ ...report, problems: report.problems.length }, 'hash lists reloaded'),
      (error: unknown) =>
        app.http.log.error({ err: error }, 'hash lists not reloaded; the previous ones stay in force'),
    );
  });
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
  return app;
}
