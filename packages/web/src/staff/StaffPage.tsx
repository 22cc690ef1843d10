import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { httpStaffApi } from '../api/staff.js';
import { StaffApp } from './StaffApp.js';
import '../staff.css';

const api = httpStaffApi();

/** The `/staff` page: loaded on its own, so chat visitors never download the console. */
export default function StaffPage() {
  const { t, i18n } = useTranslation();
  useEffect(() => {
    document.title = `${t('staff.title')} · ${t('app.name')}`;
  }, [t, i18n.language]);
  return <StaffApp api={api} />;
}
