import i18next from 'i18next';
import type { i18n } from 'i18next';
import { initReactI18next } from 'react-i18next';
import { en } from './en.js';
import { fr } from './fr.js';

export const LANGUAGES = ['fr', 'en'] as const;
export type Language = (typeof LANGUAGES)[number];

const STORAGE_KEY = 'salon.lang';

export function isLanguage(value: unknown): value is Language {
  return typeof value === 'string' && (LANGUAGES as readonly string[]).includes(value);
}

/** The language chosen earlier on this browser, French otherwise (O5). */
export function storedLanguage(): Language {
  try {
    const value = localStorage.getItem(STORAGE_KEY);
    return isLanguage(value) ? value : 'fr';
  } catch {
    return 'fr';
  }
}

export function rememberLanguage(language: Language): void {
  try {
    localStorage.setItem(STORAGE_KEY, language);
  } catch {
    // Storage may be unavailable (private mode): the choice lasts until reload.
  }
}

/** A ready-to-use i18next instance (resources are bundled, so it is usable at once). */
export function createI18n(language: Language = 'fr'): i18n {
  const instance = i18next.createInstance();
  void instance.use(initReactI18next).init({
    resources: { fr: { translation: fr }, en: { translation: en } },
    lng: language,
    fallbackLng: 'fr',
    supportedLngs: [...LANGUAGES],
    interpolation: { escapeValue: false }, // React escapes; text is never HTML (R5)
    initAsync: false,
    returnNull: false,
  });
  return instance;
}

export function currentLanguage(instance: i18n): Language {
  const lang = instance.resolvedLanguage ?? instance.language;
  return isLanguage(lang) ? lang : 'fr';
}
