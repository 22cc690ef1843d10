import { useCallback, useEffect, useState } from 'react';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffMe } from '@salon/protocol';
import type { StaffApi } from '../api/staff.js';
import { LanguageSwitch } from '../ui/LanguageSwitch.js';
import { AlertsPanel, useAlerts } from './AlertsPanel.js';
import { AppealsPanel } from './AppealsPanel.js';
import { LivePanel } from './LivePanel.js';
import { CaseQueue } from './CaseQueue.js';
import { parseEnrolHash } from './describe.js';
import { StaffEnrol } from './StaffEnrol.js';
import { StaffLogin } from './StaffLogin.js';

type Phase =
  | { kind: 'loading' }
  | { kind: 'enrol'; token: string }
  | { kind: 'login'; signedOut: boolean }
  | { kind: 'console'; staff: StaffMe };

type Tab = 'queue' | 'appeals' | 'alerts' | 'live';

/** Takes the enrolment token out of the address bar (and history) once it is used. */
function clearHash(): void {
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}`);
}

function StaffHeader({ staff, onLogout }: { staff?: StaffMe; onLogout?: () => void }) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <h1 className="brand">{t('app.name')}</h1>
      <span className="staff-title">{t('staff.title')}</span>
      <span className="header-spacer" />
      {staff && (
        <span className="me" data-testid="staff-me" title={t('staff.signedIn', { name: staff.name })}>
          <span className="sr-only">{t('staff.signedIn', { name: '' })}</span>
          {staff.name} <span className="muted">({t(`staff.roles.${staff.role}`)})</span>
        </span>
      )}
      <LanguageSwitch />
      {onLogout && (
        <button type="button" data-testid="staff-logout" onClick={onLogout}>
          {t('staff.logout')}
        </button>
      )}
    </header>
  );
}

function StaffConsole({
  api,
  staff,
  onLogout,
  onSignedOut,
}: {
  api: StaffApi;
  staff: StaffMe;
  onLogout: () => void;
  onSignedOut: () => void;
}) {
  const { t } = useTranslation();
  const [tab, setTab] = useState<Tab>('queue');
  // Polled whichever tab is open, so the tab can say how many alerts wait.
  const alerts = useAlerts(api, onSignedOut);
  const openAlerts = alerts.alerts?.length;
  let panel: ReactNode;
  if (tab === 'queue') panel = <CaseQueue api={api} me={staff} onSignedOut={onSignedOut} />;
  else if (tab === 'appeals') panel = <AppealsPanel api={api} me={staff} onSignedOut={onSignedOut} />;
  else if (tab === 'live') panel = <LivePanel api={api} onSignedOut={onSignedOut} />;
  else panel = <AlertsPanel api={api} state={alerts} onSignedOut={onSignedOut} />;
  return (
    <div className="app staff-app" data-testid="staff-console">
      <StaffHeader staff={staff} onLogout={onLogout} />
      <nav className="staff-tabs" aria-label={t('staff.tabs.label')}>
        {(['queue', 'appeals'] as const).map((name) => (
          <button
            key={name}
            type="button"
            data-testid={`tab-${name}`}
            aria-pressed={tab === name}
            onClick={() => setTab(name)}
          >
            {t(`staff.tabs.${name}`)}
          </button>
        ))}
        <button
          type="button"
          data-testid="tab-alerts"
          data-count={openAlerts}
          className={openAlerts ? 'tab-pending' : undefined}
          aria-pressed={tab === 'alerts'}
          onClick={() => setTab('alerts')}
        >
          {openAlerts === undefined
            ? t('staff.tabs.alerts')
            : t('staff.tabs.alertsCount', { count: openAlerts })}
        </button>
        <button
          type="button"
          data-testid="tab-live"
          aria-pressed={tab === 'live'}
          onClick={() => setTab('live')}
        >
          {t('staff.tabs.live')}
        </button>
      </nav>
      <main className="staff-main">{panel}</main>
    </div>
  );
}

/**
 * The moderation console at `/staff` (O3, T2, T3): enrolment through a one-time link, sign-in
 * with password and TOTP code, then the report queue, the appeals and the automated alerts.
 */
export function StaffApp({ api }: { api: StaffApi }) {
  const { t } = useTranslation();
  const [phase, setPhase] = useState<Phase>(() => {
    const token = parseEnrolHash(window.location.hash);
    return token === null ? { kind: 'loading' } : { kind: 'enrol', token };
  });

  const checking = phase.kind === 'loading';
  useEffect(() => {
    if (!checking) return;
    let live = true;
    void api.me().then((result) => {
      if (!live) return;
      setPhase(result.ok ? { kind: 'console', staff: result.value } : { kind: 'login', signedOut: false });
    });
    return () => {
      live = false;
    };
  }, [api, checking]);

  const signedIn = useCallback((staff: StaffMe) => setPhase({ kind: 'console', staff }), []);
  const enrolled = useCallback((staff: StaffMe) => {
    clearHash();
    setPhase({ kind: 'console', staff });
  }, []);
  const signedOut = useCallback(() => setPhase({ kind: 'login', signedOut: true }), []);
  const logout = useCallback(() => {
    void api.logout().then(() => setPhase({ kind: 'login', signedOut: false }));
  }, [api]);

  switch (phase.kind) {
    case 'loading':
      return (
        <div className="app app-simple staff-app">
          <StaffHeader />
          <p className="loading" role="status">
            {t('staff.loading')}
          </p>
        </div>
      );
    case 'enrol':
      return (
        <div className="app app-simple staff-app">
          <StaffHeader />
          <main className="entry">
            <StaffEnrol api={api} token={phase.token} onEnrolled={enrolled} />
          </main>
        </div>
      );
    case 'login':
      return (
        <div className="app app-simple staff-app">
          <StaffHeader />
          <main className="entry">
            <StaffLogin api={api} signedOut={phase.signedOut} onSignedIn={signedIn} />
          </main>
        </div>
      );
    case 'console':
      return <StaffConsole api={api} staff={phase.staff} onLogout={logout} onSignedOut={signedOut} />;
    default:
      return assertPhase(phase);
  }
}

function assertPhase(phase: never): never {
  throw new Error(`unknown phase ${JSON.stringify(phase)}`);
}
