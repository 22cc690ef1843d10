import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { I18nextProvider } from 'react-i18next';
import { HTTP_PATHS } from '@salon/protocol';
import { httpSessionApi } from './api/session.js';
import { TRANSPARENCY_PAGE } from './api/transparency.js';
import { createI18n, currentLanguage, storedLanguage } from './i18n/index.js';
import { Connection } from './net/connection.js';
import { socketUrl } from './net/types.js';
import { App } from './ui/App.js';
import './base.css';
import './layout.css';
import './chat.css';
import './panels.css';
import './private.css';
import './forms.css';
import './media.css';
import './live.css';
import './moderation.css';

const i18n = createI18n(storedLanguage());
const syncLang = () => document.documentElement.setAttribute('lang', currentLanguage(i18n));
syncLang();
i18n.on('languageChanged', syncLang);

const api = httpSessionApi();

function createConnection(): Connection {
  return new Connection({
    url: socketUrl(HTTP_PATHS.socket, window.location.href),
    // A socket refused before `welcome` may mean the session is gone (E2).
    checkSession: async () => {
      const result = await api.current();
      return result.ok || (result.failure.code !== 'UNAUTHENTICATED' && result.failure.code !== 'NICK_TAKEN');
    },
  });
}

// T2: the moderation console (`/staff`) and T9: the transparency report (`/transparency`) are
// served by this same page, each in a chunk of its own: chat visitors download neither.
const path = window.location.pathname.replace(/(.)\/$/, '$1');
const SeparatePage =
  path === HTTP_PATHS.staffPage
    ? lazy(() => import('./staff/StaffPage.js'))
    : path === TRANSPARENCY_PAGE
      ? lazy(() => import('./transparency/TransparencyPage.js'))
      : null;

const root = document.getElementById('root');
if (!root) throw new Error('missing #root');
createRoot(root).render(
  <StrictMode>
    <I18nextProvider i18n={i18n}>
      {SeparatePage ? (
        <Suspense fallback={null}>
          <SeparatePage />
        </Suspense>
      ) : (
        <App api={api} createConnection={createConnection} />
      )}
    </I18nextProvider>
  </StrictMode>,
);
