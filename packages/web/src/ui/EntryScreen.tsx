import { useEffect, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GENDERS, nicknameProblem, REGIONS } from '@salon/protocol';
import type { Gender, Me, Region } from '@salon/protocol';
import type { SessionApi } from '../api/session.js';
import { TRANSPARENCY_PAGE } from '../api/transparency.js';
import { describeEntryNotice, fieldOf } from './entryMessages.js';
import type { EntryNotice } from './entryMessages.js';
import { LoginForm } from './LoginForm.js';

const DEFAULT_MIN_AGE = 18;

/** T9: a discreet link to the public transparency report. */
function EntryFooter() {
  const { t } = useTranslation();
  return (
    <footer className="entry-footer">
      <a href={TRANSPARENCY_PAGE} data-testid="transparency-link">
        {t('transparency.link')}
      </a>
    </footer>
  );
}

interface Props {
  api: SessionApi;
  notice?: EntryNotice | null;
  onEntered: (me: Me) => void;
}

/** E1–E3: nickname, age, gender and an optional region; nothing else is asked. */
export function EntryScreen({ api, notice: initialNotice = null, onEntered }: Props) {
  const { t, i18n } = useTranslation();
  const [nickname, setNickname] = useState('');
  const [age, setAge] = useState('');
  const [gender, setGender] = useState<Gender>('undisclosed');
  const [region, setRegion] = useState<Region | ''>('');
  const [touched, setTouched] = useState(false);
  const [submitting, setSubmitting] = useState(false);
  const [notice, setNotice] = useState<EntryNotice | null>(initialNotice);
  const [minAge, setMinAge] = useState(DEFAULT_MIN_AGE);
  // E5: a registered nickname comes back with its password instead.
  const [login, setLogin] = useState<{ nickname: string } | null>(null);

  useEffect(() => {
    let live = true;
    void api.entryOptions().then((result) => {
      if (live && result.ok) setMinAge(result.value.minAge);
    });
    return () => {
      live = false;
    };
  }, [api]);

  const message = notice ? describeEntryNotice(t, notice, i18n.language, minAge) : null;

  // E3: refused recently on this device or network: no form until the page is reloaded.
  if (notice?.code === 'AGE_COOLDOWN') {
    return (
      <main className="entry">
        <section className="entry-card">
          <h2>{t('entry.refusedTitle')}</h2>
          <p role="alert" className="error" data-testid="entry-error">
            {message}
          </p>
        </section>
      </main>
    );
  }

  const loginToggle = (
    <button
      type="button"
      className="link-button entry-toggle"
      data-testid="entry-login-toggle"
      aria-pressed={login !== null}
      onClick={() => setLogin(login ? null : { nickname: '' })}
    >
      {login ? t('login.back') : t('login.toggle')}
    </button>
  );

  if (login) {
    return (
      <main className="entry">
        <div className="entry-column">
          <LoginForm api={api} initialNickname={login.nickname} minAge={minAge} onEntered={onEntered} />
          {loginToggle}
          <EntryFooter />
        </div>
      </main>
    );
  }

  const problem = nickname === '' ? null : nicknameProblem(nickname.trim());
  const hint =
    touched && problem ? t(problem === 'length' ? 'entry.nicknameLength' : 'entry.nicknameCharacters') : null;
  const invalid = notice ? fieldOf(notice.code) : null;

  async function submit(event: FormEvent) {
    event.preventDefault();
    if (submitting) return;
    setTouched(true);
    const ageText = age.trim();
    const ageValue = /^\d{1,3}$/.test(ageText) ? Number(ageText) : Number.NaN;
    if (!(ageValue >= 0 && ageValue <= 150)) {
      setNotice({ code: 'AGE_INVALID' });
      return;
    }
    setSubmitting(true);
    const result = await api.enter({
      nickname: nickname.trim().normalize('NFC'),
      age: ageValue,
      gender,
      region: region === '' ? null : region,
    });
    if (result.ok) {
      onEntered(result.value);
      return;
    }
    setSubmitting(false);
    setNotice(result.failure);
  }

  return (
    <main className="entry">
      <div className="entry-column">
        <form className="entry-card" data-testid="entry-form" noValidate onSubmit={(e) => void submit(e)}>
          <h2>{t('entry.title')}</h2>
          <p className="muted">{t('entry.intro')}</p>

          <div className="field">
            <label htmlFor="entry-nickname">{t('entry.nickname')}</label>
            <input
              id="entry-nickname"
              data-testid="entry-nickname"
              name="nickname"
              autoComplete="off"
              autoCapitalize="none"
              spellCheck={false}
              maxLength={60}
              required
              value={nickname}
              aria-invalid={invalid === 'nickname' || hint !== null}
              aria-describedby="entry-nickname-help"
              onChange={(e) => setNickname(e.target.value)}
              onBlur={() => setTouched(true)}
            />
            <p id="entry-nickname-help" className={hint ? 'help help-warning' : 'help'}>
              {hint ?? t('entry.nicknameHelp')}
            </p>
          </div>

          <div className="field">
            <label htmlFor="entry-age">{t('entry.age')}</label>
            <input
              id="entry-age"
              data-testid="entry-age"
              name="age"
              type="number"
              inputMode="numeric"
              min={0}
              max={150}
              step={1}
              required
              value={age}
              aria-invalid={invalid === 'age'}
              aria-describedby="entry-age-help"
              onChange={(e) => setAge(e.target.value)}
            />
            <p id="entry-age-help" className="help">
              {t('entry.ageHelp', { minAge })}
            </p>
          </div>

          <div className="field">
            <label htmlFor="entry-gender">{t('entry.gender')}</label>
            <select
              id="entry-gender"
              data-testid="entry-gender"
              name="gender"
              value={gender}
              aria-invalid={invalid === 'gender'}
              onChange={(e) => setGender(GENDERS.find((g) => g === e.target.value) ?? 'undisclosed')}
            >
              {GENDERS.map((g) => (
                <option key={g} value={g}>
                  {t(`gender.${g}`)}
                </option>
              ))}
            </select>
          </div>

          <div className="field">
            <label htmlFor="entry-region">{t('entry.region')}</label>
            <select
              id="entry-region"
              data-testid="entry-region"
              name="region"
              value={region}
              aria-invalid={invalid === 'region'}
              aria-describedby="entry-region-help"
              onChange={(e) => setRegion(REGIONS.find((r) => r === e.target.value) ?? '')}
            >
              <option value="">{t('entry.regionNone')}</option>
              {REGIONS.map((r) => (
                <option key={r} value={r}>
                  {t(`region.${r}`)}
                </option>
              ))}
            </select>
            <p id="entry-region-help" className="help">
              {t('entry.regionHelp')}
            </p>
          </div>

          {message && (
            <p role="alert" className="error" data-testid="entry-error">
              {message}
            </p>
          )}
          {notice?.code === 'NICK_REGISTERED' && (
            <button
              type="button"
              data-testid="entry-use-login"
              onClick={() => setLogin({ nickname: nickname.trim() })}
            >
              {t('login.useLogin')}
            </button>
          )}

          <button type="submit" className="primary" data-testid="entry-submit" disabled={submitting}>
            {submitting ? t('entry.submitting') : t('entry.submit')}
          </button>
        </form>
        {loginToggle}
        <EntryFooter />
      </div>
    </main>
  );
}
