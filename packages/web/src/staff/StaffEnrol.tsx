import { useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { LIMITS } from '@salon/protocol';
import type { StaffMe } from '@salon/protocol';
import type { ApiFailure } from '../api/session.js';
import type { EnrolSecret, StaffApi } from '../api/staff.js';
import { failureText } from '../ui/failureText.js';
import { groupSecret, totpCode } from './describe.js';
import { TotpField } from './TotpField.js';

type Problem = ApiFailure | { code: 'TOO_SHORT' | 'MISMATCH' | 'CODE_INVALID' };

/**
 * O3: an enrolment link (`/staff#enrol=<token>`) from `salon admin create`: a password (twice),
 * then the TOTP secret to type into an authenticator app, then a first code, and the staff member
 * is signed in.
 */
export function StaffEnrol({
  api,
  token,
  onEnrolled,
}: {
  api: StaffApi;
  token: string;
  onEnrolled: (staff: StaffMe) => void;
}) {
  const { t, i18n } = useTranslation();
  const id = useId();
  const [password, setPassword] = useState('');
  const [confirm, setConfirm] = useState('');
  const [secret, setSecret] = useState<EnrolSecret | null>(null);
  const [code, setCode] = useState('');
  const [problem, setProblem] = useState<Problem | null>(null);
  const [sending, setSending] = useState(false);

  async function choosePassword(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    if ([...password].length < LIMITS.passwordMin) {
      setProblem({ code: 'TOO_SHORT' });
      return;
    }
    if (password !== confirm) {
      setProblem({ code: 'MISMATCH' });
      return;
    }
    setSending(true);
    const result = await api.enrol(token, password);
    setSending(false);
    if (!result.ok) {
      setProblem(result.failure);
      return;
    }
    setProblem(null);
    setPassword('');
    setConfirm('');
    setSecret(result.value);
  }

  async function confirmCode(event: FormEvent) {
    event.preventDefault();
    if (sending) return;
    const clean = totpCode(code);
    if (clean === null) {
      setProblem({ code: 'CODE_INVALID' });
      return;
    }
    setSending(true);
    const result = await api.confirmEnrol(token, clean);
    setSending(false);
    if (result.ok) {
      onEnrolled(result.value);
      return;
    }
    setCode('');
    setProblem(result.failure);
  }

  let message: string | null = null;
  if (problem?.code === 'TOO_SHORT') message = t('staff.enrol.tooShort', { min: LIMITS.passwordMin });
  else if (problem?.code === 'MISMATCH') message = t('staff.enrol.mismatch');
  else if (problem?.code === 'CODE_INVALID') message = t('staff.login.codeInvalid');
  else if (problem) message = failureText(t, problem, i18n.language);
  const error = message !== null && (
    <p role="alert" className="error" data-testid="enrol-error" data-code={problem?.code}>
      {message}
    </p>
  );

  if (secret === null) {
    return (
      <form
        className="entry-card"
        data-testid="staff-enrol-form"
        noValidate
        onSubmit={(e) => void choosePassword(e)}
      >
        <h2>{t('staff.enrol.title')}</h2>
        <p>{t('staff.enrol.intro')}</p>
        <div className="field">
          <label htmlFor={`${id}-password`}>{t('staff.enrol.password')}</label>
          <input
            id={`${id}-password`}
            data-testid="enrol-password"
            type="password"
            autoComplete="new-password"
            maxLength={LIMITS.passwordMax}
            value={password}
            aria-describedby={`${id}-help`}
            aria-invalid={problem?.code === 'TOO_SHORT' || problem?.code === 'PASSWORD_WEAK'}
            onChange={(e) => setPassword(e.target.value)}
          />
          <p id={`${id}-help`} className="help">
            {t('staff.enrol.passwordHelp', { min: LIMITS.passwordMin })}
          </p>
        </div>
        <div className="field">
          <label htmlFor={`${id}-confirm`}>{t('staff.enrol.passwordConfirm')}</label>
          <input
            id={`${id}-confirm`}
            data-testid="enrol-password-confirm"
            type="password"
            autoComplete="new-password"
            maxLength={LIMITS.passwordMax}
            value={confirm}
            aria-invalid={problem?.code === 'MISMATCH'}
            onChange={(e) => setConfirm(e.target.value)}
          />
        </div>
        {error}
        <button type="submit" className="primary" data-testid="enrol-submit" disabled={sending}>
          {sending ? t('staff.enrol.sending') : t('staff.enrol.next')}
        </button>
      </form>
    );
  }

  return (
    <form
      className="entry-card"
      data-testid="staff-enrol-secret"
      noValidate
      onSubmit={(e) => void confirmCode(e)}
    >
      <h2>{t('staff.enrol.secretTitle')}</h2>
      <p id={`${id}-secret-help`}>{t('staff.enrol.secretHelp')}</p>
      <p className="enrol-secret" data-testid="enrol-secret" aria-describedby={`${id}-secret-help`}>
        {groupSecret(secret.secret)}
      </p>
      <p>{t('staff.enrol.uriHelp')}</p>
      <p className="leave-url" data-testid="enrol-uri">
        {secret.uri}
      </p>
      <TotpField
        id={id}
        label={t('staff.enrol.code')}
        help={t('staff.enrol.codeHelp')}
        testId="enrol-code"
        value={code}
        invalid={problem?.code === 'CODE_INVALID'}
        onChange={setCode}
      />
      {error}
      <button type="submit" className="primary" data-testid="enrol-confirm" disabled={sending}>
        {sending ? t('staff.enrol.sending') : t('staff.enrol.confirm')}
      </button>
    </form>
  );
}
