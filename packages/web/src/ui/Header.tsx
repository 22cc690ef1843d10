import { useTranslation } from 'react-i18next';
import type { ConnectionStatus } from '../net/connection.js';
import { LanguageSwitch } from './LanguageSwitch.js';

interface Props {
  nickname?: string;
  status?: ConnectionStatus;
  onLogout?: () => void;
  /** Opens the settings dialog (blocks, contact preferences, registered nickname). */
  onSettings?: () => void;
}

export function Header({ nickname, status, onLogout, onSettings }: Props) {
  const { t } = useTranslation();
  return (
    <header className="app-header">
      <h1 className="brand">{t('app.name')}</h1>
      {status && (
        <span
          className={`connection-status status-${status}`}
          data-testid="connection-status"
          data-status={status}
          role="status"
          title={t('status.label')}
        >
          <span className="status-dot" aria-hidden="true" />
          {t(`status.${status}`)}
        </span>
      )}
      <span className="header-spacer" />
      {nickname !== undefined && (
        <span className="me">
          <span className="sr-only">{t('header.you')} </span>
          <span data-testid="me-nickname">{nickname}</span>
        </span>
      )}
      <LanguageSwitch />
      {onSettings && (
        <button
          type="button"
          className="icon-button header-settings"
          data-testid="settings-open"
          aria-label={t('settings.open')}
          title={t('settings.open')}
          onClick={onSettings}
        >
          <span aria-hidden="true">⚙</span>
        </button>
      )}
      {onLogout && (
        <button type="button" data-testid="logout" onClick={onLogout}>
          {t('header.logout')}
        </button>
      )}
    </header>
  );
}
