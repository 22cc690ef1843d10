import { useTranslation } from 'react-i18next';
import { useLive, useLiveState } from './liveContext.js';

/** Why the last live action failed (a refused camera, a full room…), until dismissed. */
export function LiveError() {
  const { t } = useTranslation();
  const live = useLive();
  const error = useLiveState((s) => s.error);
  if (!live || !error) return null;
  const own = error.code === 'DEVICE' || error.code === 'FORBIDDEN';
  const text = own
    ? t(`live.errors.${error.code as 'DEVICE' | 'FORBIDDEN'}`)
    : t(`errors.${error.code}`, { defaultValue: t('errors.UNKNOWN') });
  return (
    <p className="live-error" role="alert" data-testid="live-error" data-code={error.code}>
      {text}{' '}
      <button type="button" className="small" onClick={() => live.dismissError()}>
        {t('live.cam.close')}
      </button>
    </p>
  );
}
