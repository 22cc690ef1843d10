import { useTranslation } from 'react-i18next';
import { Dialog } from './Dialog.js';

/** R5: "You are leaving Salon": an outside link opens only after this confirmation. */
export function LeaveDialog({ url, onClose }: { url: string; onClose: () => void }) {
  const { t } = useTranslation();
  return (
    <Dialog title={t('leaveNotice.title')} onClose={onClose} testId="leave-notice">
      {({ descriptionId }) => (
        <>
          <div id={descriptionId}>
            <p>{t('leaveNotice.body')}</p>
            <p className="leave-url">{url}</p>
            <p className="muted">{t('leaveNotice.advice')}</p>
          </div>
          <div className="dialog-actions">
            <button type="button" data-autofocus onClick={onClose}>
              {t('leaveNotice.cancel')}
            </button>
            <button
              type="button"
              className="primary"
              onClick={() => {
                window.open(url, '_blank', 'noopener,noreferrer');
                onClose();
              }}
            >
              {t('leaveNotice.continue')}
            </button>
          </div>
        </>
      )}
    </Dialog>
  );
}
