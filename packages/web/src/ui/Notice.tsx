import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import { useChatClient, useChatState } from './chatContext.js';
import { formatMoment } from './format.js';

const NOTICE_MS = 8000;
const REMOVAL_MS = 20_000;

/**
 * The last error the server reported outside a form (rate limit, room gone, message refused…),
 * and why I was removed from a room (R3).
 */
export function Notice() {
  const { t, i18n } = useTranslation();
  const client = useChatClient();
  const notice = useChatState((s) => s.notice);
  const removal = useChatState((s) => s.removal);
  useEffect(() => {
    if (!notice) return;
    const timer = setTimeout(() => client.dismissNotice(), NOTICE_MS);
    return () => clearTimeout(timer);
  }, [client, notice]);
  useEffect(() => {
    if (!removal) return;
    const timer = setTimeout(() => client.dismissRemoval(), REMOVAL_MS);
    return () => clearTimeout(timer);
  }, [client, removal]);
  if (!notice && !removal) return null;

  let removed = '';
  if (removal) {
    const { name, reason, until } = removal;
    removed =
      reason === 'banned' && until !== null
        ? t('removed.bannedUntil', { name, time: formatMoment(until, i18n.language) })
        : t(`removed.${reason}`, { name });
  }
  return (
    <div className="toasts">
      {removal && (
        <div className="toast" key={`r${removal.key}`}>
          <p role="alert" data-testid="room-removed">
            {removed}
          </p>
          <button type="button" className="small" onClick={() => client.dismissRemoval()}>
            {t('notice.dismiss')}
          </button>
        </div>
      )}
      {notice && (
        <div className="toast" key={`n${notice.key}`}>
          <p role="alert" data-testid="app-error" data-code={notice.code}>
            {t(`errors.${notice.code}`, { defaultValue: t('errors.UNKNOWN') })}
          </p>
          <button type="button" className="small" onClick={() => client.dismissNotice()}>
            {t('notice.dismiss')}
          </button>
        </div>
      )}
    </div>
  );
}
