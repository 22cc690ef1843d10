import { useEffect, useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { SessionApi } from '../api/session.js';
import { useStatementStore } from '../moderation/context.js';
import { useChatClient, useChatState } from './chatContext.js';
import { ContactPrefs } from './ContactPrefs.js';
import { Dialog } from './Dialog.js';
import { setHideExplicit, useHideExplicit } from './mediaPrefs.js';
import { RegisterNickname } from './RegisterNickname.js';
import { StatementList } from './StatementNotice.js';

/** P3: the people I blocked, each with Unblock. */
function BlockList() {
  const { t } = useTranslation();
  const client = useChatClient();
  const blocked = useChatState((s) => s.blocked);
  useEffect(() => {
    client.refreshBlocked();
  }, [client]);
  return (
    <>
      {blocked.length === 0 && <p className="muted">{t('settings.blockedEmpty')}</p>}
      <ul className="plain-list" data-testid="block-list">
        {blocked.map((user) => (
          <li key={user.userId} className="list-row" data-testid={`block-item-${user.userId}`}>
            <span>{user.nickname}</span>
            <button
              type="button"
              className="small"
              data-testid="unblock"
              aria-label={t('settings.unblock', { name: user.nickname })}
              onClick={() => void client.unblock(user.userId)}
            >
              {t('memberMenu.unblock')}
            </button>
          </li>
        ))}
      </ul>
    </>
  );
}

/** S2: never show explicit images (this browser). */
function ExplicitSetting() {
  const { t } = useTranslation();
  const id = useId();
  const hide = useHideExplicit();
  return (
    <>
      <label className="check" htmlFor={id}>
        <input
          id={id}
          type="checkbox"
          data-testid="hide-explicit"
          checked={hide}
          aria-describedby={`${id}-help`}
          onChange={(event) => setHideExplicit(event.target.checked)}
        />
        {t('media.hideExplicit')}
      </label>
      <p id={`${id}-help`} className="help">
        {t('media.hideExplicitHelp')}
      </p>
    </>
  );
}

/**
 * Settings: blocked people (P3), contact preferences (P2), explicit images (S2), reserving my
 * nickname (E5), and the moderation decisions about me (T3).
 */
export function SettingsDialog({ api, onClose }: { api: SessionApi; onClose: () => void }) {
  const { t } = useTranslation();
  const id = useId();
  const statements = useStatementStore();
  return (
    <Dialog title={t('settings.title')} onClose={onClose} testId="settings-dialog">
      {({ descriptionId }) => (
        <div id={descriptionId} className="dialog-body">
          <section className="dialog-section" aria-labelledby={`${id}-blocked`}>
            <h3 id={`${id}-blocked`}>{t('settings.blocked')}</h3>
            <BlockList />
          </section>
          <section className="dialog-section">
            <ContactPrefs />
          </section>
          <section className="dialog-section" aria-labelledby={`${id}-media`}>
            <h3 id={`${id}-media`}>{t('media.settings')}</h3>
            <ExplicitSetting />
          </section>
          <section className="dialog-section" aria-labelledby={`${id}-register`}>
            <h3 id={`${id}-register`}>{t('settings.register')}</h3>
            <RegisterNickname api={api} />
          </section>
          {statements && (
            <section className="dialog-section" aria-labelledby={`${id}-statements`}>
              <h3 id={`${id}-statements`}>{t('statement.listTitle')}</h3>
              <StatementList />
            </section>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              {t('settings.close')}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
