import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { StaffMe } from '@salon/protocol';
import type { ApiFailure } from '../api/session.js';
import type { StaffApi } from '../api/staff.js';
import { failureText } from '../ui/failureText.js';
import { totpCode } from './describe.js';
import { TotpField } from './TotpField.js';

type Problem = ApiFailure | { code: 'MISSING' | 'CODE_INVALID' };

/** O3: staff sign in with name, password and the code from their authenticator app (TOTP). */
export function StaffLogin({
  api,
  signedOut = false,
  onSignedIn,
}: {
  api: StaffApi;
  signedOut?: boolean;
  onSignedIn: (staff: StaffMe) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [name, setName] = useState('');
  const [password, setPassword] = useState('');
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [submitting, setSubmitting] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    if (name.trim() === '' || password === '' || code.trim() === '') {
      setProblem({ code: 'MISSING' });
      return;
    }
    const clean = totpCode(code);
    if (clean === null) {
      setProblem({ code: 'CODE_INVALID' });
      return;
    }
    setSubmitting(true);
    const result = await api.login(name.trim(), password, clean);
    if (result.ok) {
      onSignedIn(result.value);
      return;
    }
    setSubmitting(false);
    setCode('');
    setProblem(result.failure);
  }

  let message: string | null = null;
  if (problem?.code === 'MISSING') message = t('staff.login.missing');
  else if (problem?.code === 'CODE_INVALID') message = t('staff.login.codeInvalid');
  else if (problem?.code === 'LOGIN_FAILED' || problem?.code === 'UNAUTHENTICATED')
    message = t('staff.login.failed');
  else if (problem) message = failureText(t, problem, i18n.language);

  return (
    <form className="entry-card" data-testid="staff-login-form" noValidate onSubmit={(e) => void submit(e)}>
      <h2>{t('staff.login.title')}</h2>
      {signedOut && problem === null && (
        <p role="status" className="help help-warning" data-testid="staff-signed-out">
          {t('staff.signedOut')}
        </p>
      )}
      <div className="field">
        <label htmlFor={`${id}-name`}>{t('staff.login.name')}</label>
        <input
          id={`${id}-name`}
          data-testid="staff-login-name"
          name="username"
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          maxLength={100}
          value={name}
          onChange={(e) => setName(e.target.value)}
        />
      </div>
      <div className="field">
        <label htmlFor={`${id}-password`}>{t('staff.login.password')}</label>
        <input
          id={`${id}-password`}
          data-testid="staff-login-password"
          name="password"
          type="password"
          autoComplete="current-password"
          maxLength={1000}
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
      </div>
      <TotpField
        id={id}
        label={t('staff.login.code')}
        help={t('staff.login.codeHelp')}
        testId="staff-login-code"
        value={code}
        invalid={problem?.code === 'CODE_INVALID'}
        onChange={setCode}
      />
      {message !== null && (
        <p role="alert" className="error" data-testid="staff-login-error" data-code={problem?.code}>
          {message}
        </p>
      )}
      <button type="submit" className="primary" data-testid="staff-login-submit" disabled={submitting}>
        {submitting ? t('staff.login.submitting') : t('staff.login.submit')}
      </button>
    </form>
  );
}
