import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { Upload } from '../chat/state.js';
import { useChatClient, useChatState } from './chatContext.js';

function UploadItem({ upload }: { upload: Upload }) {
  const { t } = useTranslation();
  const client = useChatClient();
  const { name } = upload;
  if (upload.status === 'failed') {
    const code = upload.error?.code ?? 'UNKNOWN';
    const reason = t(`errors.${code}`, { defaultValue: t('errors.UNKNOWN') });
    return (
      <li className="upload upload-failed" data-testid="upload" data-status="failed">
        <p role="alert" className="upload-error" data-testid="upload-error" data-code={code}>
          {t('media.failed', { name, reason })}
        </p>
        <button type="button" className="small" onClick={() => client.dismissUpload(upload.id)}>
          {t('media.dismiss')}
        </button>
      </li>
    );
  }
  const percent = upload.total > 0 ? Math.floor((upload.loaded * 100) / upload.total) : 0;
  // Every byte is sent: the server is checking the file (S1, S2) before it answers.
  const checking = upload.total > 0 && upload.loaded >= upload.total;
  const label = checking ? t('media.checking') : t('media.percent', { percent });
  return (
    <li className="upload" data-testid="upload" data-status="uploading">
      <span className="upload-name">{name}</span>
      <div
        className="upload-bar"
        role="progressbar"
        data-testid="upload-progress"
        aria-label={t('media.uploading', { name })}
        aria-valuemin={0}
        aria-valuemax={100}
        aria-valuenow={percent}
        aria-valuetext={label}
      >
        <span className="upload-fill" style={{ width: `${percent}%` }} />
      </div>
      <span className="upload-percent" aria-hidden="true">
        {label}
      </span>
      <button
        type="button"
        className="small"
        data-testid="upload-cancel"
        aria-label={t('media.cancelLabel', { name })}
        onClick={() => client.cancelUpload(upload.id)}
      >
        {t('media.cancel')}
      </button>
    </li>
  );
}

/** M1: files on their way to this room, with their progress; failed ones with the reason. */
export function UploadList({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const uploads = useChatState((s) => s.uploads);
  const here = useMemo(() => uploads.filter((u) => u.roomId === roomId), [uploads, roomId]);
  if (here.length === 0) return null;
  return (
    <ul className="uploads" data-testid="uploads" aria-label={t('media.uploads')}>
      {here.map((upload) => (
        <UploadItem key={upload.id} upload={upload} />
      ))}
    </ul>
  );
}
