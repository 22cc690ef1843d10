import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CamAccess } from '@salon/protocol';
import { useLive, useLiveState } from './liveContext.js';
import { LiveVideo } from './LiveVideo.js';

/** V2: turning my camera on (choosing who may watch), its preview, requests and viewers. */
export function MyCam({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const live = useLive();
  const mine = useLiveState((s) => s.myCams[roomId]);
  useLiveState((s) => s.mediaVersion);
  const [access, setAccess] = useState<CamAccess>('approve');
  if (!live) return null;
  if (!mine) {
    return (
      <div className="cam-start">
        <label>
          {t('live.cam.access')}{' '}
          <select
            data-testid="cam-access"
            value={access}
            onChange={(event) => setAccess(event.target.value as CamAccess)}
          >
            <option value="approve">{t('live.cam.accessApprove')}</option>
            <option value="room">{t('live.cam.accessRoom')}</option>
          </select>
        </label>
        <button
          type="button"
          className="small"
          data-testid="cam-start"
          onClick={() => void live.startCam(roomId, access)}
        >
          {t('live.cam.start')}
        </button>
      </div>
    );
  }
  return (
    <div className="cam-mine" data-testid="cam-mine" data-phase={mine.phase}>
      <div className="cam-tile">
        <LiveVideo stream={live.localStream(roomId)} muted label={t('live.cam.mine')} testId="cam-preview" />
        <div className="cam-caption">
          {mine.phase === 'starting'
            ? t('live.cam.starting')
            : t('live.cam.watchers', { count: mine.viewers.length })}
          <button
            type="button"
            className="small"
            data-testid="cam-stop"
            onClick={() => void live.stopCam(roomId)}
          >
            {t('live.cam.stop')}
          </button>
        </div>
      </div>
      {mine.pending.length > 0 && (
        <ul className="cam-requests" data-testid="cam-requests">
          {mine.pending.map((viewer) => (
            <li key={viewer.userId} data-testid={`cam-request-${viewer.userId}`}>
              {t('live.cam.asks', { name: viewer.nickname })}{' '}
              <button
                type="button"
                className="small primary"
                data-testid={`cam-accept-${viewer.userId}`}
                onClick={() => void live.decide(roomId, viewer.userId, true)}
              >
                {t('live.cam.accept')}
              </button>
              <button
                type="button"
                className="small"
                data-testid={`cam-refuse-${viewer.userId}`}
                onClick={() => void live.decide(roomId, viewer.userId, false)}
              >
                {t('live.cam.refuse')}
              </button>
            </li>
          ))}
        </ul>
      )}
      {mine.viewers.length > 0 && (
        <ul className="cam-viewers" data-testid="cam-viewers">
          {mine.viewers.map((viewer) => (
            <li key={viewer.userId} data-testid={`cam-viewer-${viewer.userId}`}>
              {viewer.nickname}{' '}
              <button
                type="button"
                className="small"
                data-testid={`cam-remove-${viewer.userId}`}
                onClick={() => void live.removeViewer(roomId, viewer.userId)}
              >
                {t('live.cam.remove')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </div>
  );
}
