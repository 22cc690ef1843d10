import { useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@salon/protocol';
import type { Me } from '@salon/protocol';
import type { ApiFailure, SessionApi } from '../api/session.js';
import { describeEntryNotice } from './entryMessages.js';

interface Props {
  api: SessionApi;
  initialNickname?: string;
  minAge: number;
  onEntered: (me: Me) => void;
}

/** E5: come back as a registered nickname, with its password. */
export function LoginForm({ api, initialNickname = '', minAge, onEntered }: Props) {
  const { t, i18n } = useTranslation();
  const [nickname, setNickname] = useState(initialNickname);
  const [password, setPassword] = useState('');
  const [failure, setFailure] = useState<ApiFailure | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    if (nickname.trim() === '' || password === '') {
      setFailure({ code: 'LOGIN_FAILED' });
      return;
    }
    setSubmitting(true);
    const result = await api.login(nickname.trim().normalize('NFC'), password);
    if (result.ok) {
      onEntered(result.value);
      return;
    }
    setSubmitting(false);
    setPassword('');
    setFailure(result.failure);
  }

  const message = failure ? describeEntryNotice(t, failure, i18n.language, minAge) : null;
  return (
    <form className="entry-card" data-testid="login-form" noValidate onSubmit={(e) => void submit(e)}>
      <h2>{t('login.title')}</h2>
      <div className="field">
        <label htmlFor="login-nickname">{t('login.nickname')}</label>
        <input
          id="login-nickname"
          data-testid="login-nickname"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={60}
          required
          value={nickname}
          onChange={(e) => setNickname(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor="login-password">{t('login.password')}</label>
        <input
          id="login-password"
          data-testid="login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          maxLength={LIMITS.passwordMax}
          required
          value={password}
          aria-invalid={failure?.code === 'LOGIN_FAILED'}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      {message && (
        <p role="alert" className="error" data-testid="entry-error">
          {message}
        </p>
      )}
      <button type="submit" className="primary" data-testid="login-submit" disabled={submitting}>
        {submitting ? t('login.submitting') : t('login.submit')}
      </button>
    </form>
  );
}
