import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { httpTransparencyApi } from '../api/transparency.js';
import { TransparencyApp } from './TransparencyApp.js';
import '../transparency.css';

const api = httpTransparencyApi();

/** The `/transparency` page (T9): loaded on its own, public, no session needed. */
export default function TransparencyPage() {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.title = `${t('transparency.title')} · ${t('app.name')}`;
  }, [t, i18n.language]);
  return <TransparencyApp api={api} />;
}
