import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@salon/protocol';
import type { ApiFailure, SessionApi } from '../api/session.js';
import { useChatClient, useChatState } from './chatContext.js';

/** E5: reserve my nickname with a password (never required to chat; no e-mail). */
export function RegisterNickname({ api }: { api: SessionApi }) {
  const { t } = useTranslation();
  const client = useChatClient();
  const me = useChatState((s) => s.me);
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<ApiFailure['code'] | null>(null);
  const [busy, setBusy] = useState(false);

  if (me.registered) {
    return (
      <p className="success" data-testid="registered">
        {t('settings.registered', { nickname: me.nickname })}
      </p>
    );
  }

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (busy) return;
    const length = [...password].length;
    if (length < LIMITS.passwordMin || length > LIMITS.passwordMax) {
      setFailure('PASSWORD_WEAK');
      return;
    }
    setBusy(true);
    const result = await api.register(password);
    setBusy(false);
    if (result.ok) {
      setPassword('');
      client.updateMe(result.value);
    } else setFailure(result.failure.code);
  }

  return (
    <form className="register-form" noValidate onSubmit={(e) => void submit(e)}>
      <p className="help">{t('settings.registerHelp', { nickname: me.nickname })}</p>
      <div className="field">
        <label htmlFor="register-password">{t('settings.password')}</label>
        <input
          id="register-password"
          data-testid="register-password"
          type="password"
          autoComplete="new-password"
          minLength={LIMITS.passwordMin}
          maxLength={LIMITS.passwordMax}
          value={password}
          aria-invalid={failure === 'PASSWORD_WEAK'}
          aria-describedby="register-password-help"
          onChange={(e) => {
            setPassword(e.target.value);
            setFailure(null);
          }}
        />
        <p id="register-password-help" className="help">
          {t('settings.passwordHelp')}
        </p>
      </div>
      {failure && (
        <p role="alert" className="error" data-testid="register-error">
          {t(`errors.${failure}`, { defaultValue: t('errors.UNKNOWN') })}
        </p>
      )}
      <button type="submit" className="primary" data-testid="register-submit" disabled={busy}>
        {t('settings.registerSubmit')}
      </button>
    </form>
  );
}
