import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '@salon/protocol';
import type { MediaApi } from '../api/media.js';
import { httpModerationApi } from '../api/moderation.js';
import type { ModerationApi } from '../api/moderation.js';
import type { SessionApi } from '../api/session.js';
import { StatementsContext, useStatements } from '../moderation/context.js';
import { shownStatement, StatementStore } from '../moderation/statements.js';
import type { Connection, StopReason } from '../net/connection.js';
import { BanScreen } from './BanScreen.js';
import { ChatScreen } from './ChatScreen.js';
import { EntryScreen } from './EntryScreen.js';
import type { EntryNotice } from './entryMessages.js';
import { Header } from './Header.js';
import { StatementNotice } from './StatementNotice.js';

type Screen =
  | { kind: 'loading' }
  | { kind: 'entry'; notice: EntryNotice | null }
  | { kind: 'chat'; me: Me }
  | { kind: 'banned'; statementId: string }
  | { kind: 'reload' };

interface Props {
  api: SessionApi;
  createConnection: () => Connection;
  /** M1: uploads; the HTTP API when not given. */
  media?: MediaApi;
  /** T3: statements of reasons and appeals; the HTTP API when not given. */
  moderation?: ModerationApi;
}

export function App({ moderation, ...props }: Props) {
  const [store] = useState(() => new StatementStore(moderation ?? httpModerationApi()));
  return (
    <StatementsContext value={store}>
      <Screens {...props} store={store} />
    </StatementsContext>
  );
}

/** Longest wait for the statements before the entry form is shown anyway. */
const STATEMENTS_WAIT_MS = 5000;

/** T3: fetches my statements, giving up waiting (not fetching) after STATEMENTS_WAIT_MS. */
function readStatements(store: StatementStore): Promise<unknown> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise((resolve) => {
    timer = setTimeout(resolve, STATEMENTS_WAIT_MS);
  });
  return Promise.race([store.refresh(), late]).finally(() => clearTimeout(timer));
}

/** The page behind the statement notice is inert while it is open. */
function Behind({ children }: { children: ReactNode }) {
  const state = useStatements();
  return (
    <div className="app-frame" inert={shownStatement(state) !== null}>
      {children}
    </div>
  );
}

function Screens({
  api,
  createConnection,
  media,
  store,
}: Omit<Props, 'moderation'> & { store: StatementStore }) {
  const { t } = useTranslation();
  const [screen, setScreen] = useState<Screen>({ kind: 'loading' });
  const statements = useStatements();

  /** T3: statements pushed on the socket are kept by the app: they outlive the chat session. */
  const connect = useCallback(() => {
    const connection = createConnection();
    connection.on('push', (message) => {
      if (message.type === 'statement') store.add(message.statement);
    });
    return connection;
  }, [createConnection, store]);

  /** T3, T4: a platform ban in force shows its statement instead of the entry form. */
  const outside = useCallback(
    (otherwise: Screen) => {
      const ban = store.platformBan();
      setScreen(ban ? { kind: 'banned', statementId: ban.id } : otherwise);
    },
    [store],
  );

  /** E2: the session cookie restores the same identity; otherwise, the entry form. */
  const restore = useCallback(
    async (expired: boolean) => {
      setScreen({ kind: 'loading' });
      const reading = readStatements(store);
      const result = await api.current();
      if (result.ok) {
        setScreen({ kind: 'chat', me: result.value });
        return;
      }
      // No session: a ban may be why. Its statement is read before the entry form is shown.
      await reading;
      if (result.failure.code === 'UNAUTHENTICATED' && !expired) outside({ kind: 'entry', notice: null });
      else outside({ kind: 'entry', notice: result.failure });
    },
    [api, store, outside],
  );

  useEffect(() => {
    void restore(false);
  }, [restore]);

  const onStopped = useCallback(
    (reason: Exclude<StopReason, 'closed'>) => {
      if (reason === 'version-mismatch') setScreen({ kind: 'reload' });
      else if (reason === 'session-ended') {
        // T3: a ban ends the session; its statement is read with the same cookie before anything else.
        setScreen({ kind: 'loading' });
        void readStatements(store).then(() => outside({ kind: 'entry', notice: { code: 'SESSION_ENDED' } }));
      } else void restore(true);
    },
    [restore, store, outside],
  );

  const onLogout = useCallback(() => {
    setScreen({ kind: 'loading' });
    void api.leave().then(() => setScreen({ kind: 'entry', notice: null }));
  }, [api]);

  const onEntered = useCallback((me: Me) => setScreen({ kind: 'chat', me }), []);

  let page: ReactNode;
  switch (screen.kind) {
    case 'loading':
      page = (
        <div className="app app-simple">
          <Header />
          <p className="loading" role="status">
            {t('app.loading')}
          </p>
        </div>
      );
      break;
    case 'entry':
      page = (
        <div className="app app-simple">
          <Header />
          <EntryScreen api={api} notice={screen.notice} onEntered={onEntered} />
        </div>
      );
      break;
    case 'chat':
      page = (
        <ChatScreen
          me={screen.me}
          api={api}
          createConnection={connect}
          onStopped={onStopped}
          onLogout={onLogout}
          media={media}
        />
      );
      break;
    case 'banned': {
      const ban = statements.statements.find((s) => s.id === screen.statementId);
      page = (
        <div className="app app-simple">
          <Header />
          {ban && <BanScreen statement={ban} />}
        </div>
      );
      break;
    }
    case 'reload':
      page = (
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
      break;
    default:
      return assertScreen(screen);
  }
  // The ban screen shows its statement itself; elsewhere unread statements come up as a notice.
  if (screen.kind === 'banned' || screen.kind === 'loading') return page;
  return (
    <>
      <Behind>{page}</Behind>
      <StatementNotice />
    </>
  );
}

function assertScreen(screen: never): never {
  throw new Error(`unknown screen ${JSON.stringify(screen)}`);
}
