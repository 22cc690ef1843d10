import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useChatClient, useChatState } from './chatContext.js';

const NOTICE_MS = 8000;

/** The last error the server reported outside a form (rate limit, room gone…). */
export function Notice() {
  const { t } = useTranslation();
  const client = useChatClient();
  const notice = useChatState((s) => s.notice);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => client.dismissNotice(), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [client, notice]);
  if (!notice) return null;
  return (
    <div className="toast" role="alert">
      <span>{t(`errors.${notice.code}`, { defaultValue: t('errors.UNKNOWN') })}</span>
      <button type="button" className="small" onClick={() => client.dismissNotice()}>
        {t('notice.dismiss')}
      </button>
    </div>
  );
}
