import { useEffect, useId, useState } from 'react';
import type { FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { GENDERS } from '@salon/protocol';
import type { ContactPolicy } from '@salon/protocol';
import { formFromPolicy, policyFromForm } from '../chat/contactForm.js';
import type { ContactForm, ContactFormProblem } from '../chat/contactForm.js';
import { useChatClient } from './chatContext.js';

const MODES: readonly ContactPolicy['mode'][] = ['everyone', 'nobody', 'filter'];

/** P2: who may send me message requests: everyone, nobody, or by gender and age range. */
export function ContactPrefs() {
  const { t } = useTranslation();
  const client = useChatClient();
  const id = useId();
  const [form, setForm] = useState<ContactForm | null>(null);
  const [problem, setProblem] = useState<ContactFormProblem | null>(null);
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    let live = true;
    void client.contactPolicy().then((policy) => {
      if (live && policy) setForm(formFromPolicy(policy));
    });
    return () => {
      live = false;
    };
  }, [client]);

  if (!form) return <p className="muted">{t('settings.loading')}</p>;

  const change = (next: Partial<ContactForm>) => {
    setForm({ ...form, ...next });
    setProblem(null);
    setSaved(false);
  };

  async function save(event: FormEvent) {
    event.preventDefault();
    if (!form) return;
    const policy = policyFromForm(form);
    if ('problem' in policy) {
      setProblem(policy.problem);
      return;
    }
    setSaved(await client.setContactPolicy(policy));
  }

  return (
    <form className="contact-form" noValidate onSubmit={(e) => void save(e)}>
      <fieldset>
        <legend>{t('settings.contact')}</legend>
        {MODES.map((mode) => (
          <label key={mode} className="check">
            <input
              type="radio"
              name={`${id}-mode`}
              value={mode}
              data-testid={`contact-mode-${mode}`}
              checked={form.mode === mode}
              onChange={() => change({ mode })}
            />
            {t(`settings.${mode}`)}
          </label>
        ))}
      </fieldset>
      {form.mode === 'filter' && (
        <div className="contact-filter">
          <fieldset>
            <legend>{t('settings.genders')}</legend>
            {GENDERS.map((gender) => (
              <label key={gender} className="check">
                <input
                  type="checkbox"
                  data-testid={`contact-gender-${gender}`}
                  checked={form.genders.includes(gender)}
                  onChange={(e) =>
                    change({
                      genders: e.target.checked
                        ? [...form.genders, gender]
                        : form.genders.filter((g) => g !== gender),
                    })
                  }
                />
                {t(`gender.${gender}`)}
              </label>
            ))}
          </fieldset>
          <div className="age-range">
            {(['minAge', 'maxAge'] as const).map((key) => (
              <div key={key} className="field">
                <label htmlFor={`${id}-${key}`}>{t(`settings.${key}`)}</label>
                <input
                  id={`${id}-${key}`}
                  data-testid={`contact-${key === 'minAge' ? 'min' : 'max'}-age`}
                  type="number"
                  inputMode="numeric"
                  min={0}
                  max={150}
                  value={form[key]}
                  aria-invalid={problem !== null}
                  onChange={(e) => change({ [key]: e.target.value })}
                />
              </div>
            ))}
          </div>
        </div>
      )}
      {problem && (
        <p role="alert" className="error">
          {t(`settings.${problem}`)}
        </p>
      )}
      <div className="inline-form">
        <button type="submit" className="primary" data-testid="contact-save">
          {t('settings.save')}
        </button>
        <span role="status" className="muted" data-testid="contact-saved">
          {saved ? t('settings.saved') : ''}
        </span>
      </div>
    </form>
  );
}
