import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '@salon/protocol';
import type { MediaApi } from '../api/media.js';
import type { SessionApi } from '../api/session.js';
import type { Connection, StopReason } from '../net/connection.js';
import { ChatScreen } from './ChatScreen.js';
import { EntryScreen } from './EntryScreen.js';
import type { EntryNotice } from './entryMessages.js';
import { Header } from './Header.js';

type Screen =
  | { kind: 'loading' }
  | { kind: 'entry'; notice: EntryNotice | null }
  | { kind: 'chat'; me: Me }
  | { kind: 'reload' };

interface Props {
  api: SessionApi;
  createConnection: () => Connection;
  /** M1: uploads; the HTTP API when not given. */
  media?: MediaApi;
}

export function App({ api, createConnection, media }: Props) {
  const { t } = useTranslation();
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });

  /** E2: the session cookie restores the same identity; otherwise, the entry form. */
  const restore = useCallback(
    async (expired: boolean) => {
      setScreen({ kind: 'loading' });
      const result = await api.current();
      if (result.ok) setScreen({ kind: 'chat', me: result.value });
      else if (result.failure.code === 'UNAUTHENTICATED' && !expired)
        setScreen({ kind: 'entry', notice: null });
      else setScreen({ kind: 'entry', notice: result.failure });
    },
    [api],
  );

  useEffect(() => {
    void restore(false);
  }, [restore]);

  const onStopped = useCallback(
    (reason: Exclude<StopReason, 'closed'>) => {
      if (reason === 'version-mismatch') setScreen({ kind: 'reload' });
      else if (reason === 'session-ended') setScreen({ kind: 'entry', notice: { code: 'SESSION_ENDED' } });
      else void restore(true);
    },
    [restore],
  );

  const onLogout = useCallback(() => {
    setScreen({ kind: 'loading' });
    void api.leave().then(() => setScreen({ kind: 'entry', notice: null }));
  }, [api]);

  const onEntered = useCallback((me: Me) => setScreen({ kind: 'chat', me }), []);

  switch (screen.kind) {
    case 'loading':
      return (
        <div className="app app-simple">
          <Header />
          <p className="loading" role="status">
            {t('app.loading')}
          </p>
        </div>
      );
    case 'entry':
      return (
        <div className="app app-simple">
          <Header />
          <EntryScreen api={api} notice={screen.notice} onEntered={onEntered} />
        </div>
      );
    case 'chat':
      return (
        <ChatScreen
          me={screen.me}
          api={api}
          createConnection={createConnection}
          onStopped={onStopped}
          onLogout={onLogout}
          media={media}
        />
      );
    case 'reload':
      return (
        <div className="app app-simple">
          <Header />
          <main className="entry">
            <section className="entry-card">
              <h2>{t('version.title')}</h2>
              <p role="alert">{t('version.body')}</p>
              <button type="button" className="primary" onClick={() => window.location.reload()}>
                {t('version.reload')}
              </button>
            </section>
          </main>
        </div>
      );
    default:
      return assertScreen(screen);
  }
}

function assertScreen(screen: never): never {
  throw new Error(`unknown screen ${JSON.stringify(screen)}`);
}
