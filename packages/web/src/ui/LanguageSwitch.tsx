import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { currentLanguage, isLanguage, LANGUAGES, rememberLanguage } from '../i18n/index.js';

/** O5: French by default, English available; the choice is remembered on this browser. */
export function LanguageSwitch() {
  const { t, i18n } = useTranslation();
  const id = useId();
  return (
    <span className="language">
      <label htmlFor={id} className="sr-only">
        {t('lang.label')}
      </label>
      <select
        id={id}
        value={currentLanguage(i18n)}
        onChange={(event) => {
          const value = event.target.value;
          if (!isLanguage(value)) return;
          rememberLanguage(value);
          void i18n.changeLanguage(value);
        }}
      >
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {t(`lang.${lang}`)}
          </option>
        ))}
      </select>
    </span>
  );
}
