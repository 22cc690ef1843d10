import { useTranslation } from 'react-i18next';
import type { Member } from '@salon/protocol';
import { useReport } from '../reportContext.js';
import { useLive, useLiveState } from './liveContext.js';
import { LiveVideo } from './LiveVideo.js';

/** V2: the cameras I watch (or asked to watch) in a room, each with Close and Report (V4). */
export function WatchedCams({ roomId, members }: { roomId: string; members: readonly Member[] }) {
  const { t } = useTranslation();
  const live = useLive();
  const openReport = useReport();
  const watching = useLiveState((s) => s.watching);
  useLiveState((s) => s.mediaVersion);
  if (!live) return null;
  const mine = Object.values(watching).filter((w) => w.roomId === roomId);
  if (mine.length === 0) return null;
  const nameOf = (userId: string) => members.find((m) => m.userId === userId)?.nickname ?? '…';
  return (
    <div className="cam-tiles">
      {mine.map((w) => {
        const name = nameOf(w.userId);
        return (
          <figure
            key={w.userId}
            className="cam-tile"
            data-testid={`cam-tile-${w.userId}`}
            data-phase={w.phase}
          >
            {(w.phase === 'on' || w.phase === 'connecting') && (
              <LiveVideo
                stream={live.remoteStream(roomId, w.userId)}
                label={t('live.cam.of', { name })}
                testId={`cam-video-${w.userId}`}
              />
            )}
            <figcaption className="cam-caption">
              <span role="status">
                {w.phase === 'asking' && t('live.cam.asking')}
                {w.phase === 'connecting' && t('live.cam.connecting')}
                {w.phase === 'on' && t('live.cam.of', { name })}
                {w.phase === 'refused' && t('live.cam.refused', { name })}
                {w.phase === 'ended' && t(`live.cam.endedBy.${w.reason ?? 'stopped'}`, { name })}
              </span>
              {openReport && w.phase === 'on' && (
                <button
                  type="button"
                  className="small"
                  data-testid={`cam-report-${w.userId}`}
                  onClick={() =>
                    openReport({
                      target: { kind: 'stream', roomId, userId: w.userId, media: 'cam' },
                      subject: t('live.cam.of', { name }),
                    })
                  }
                >
                  {t('live.cam.report')}
                </button>
              )}
              <button
                type="button"
                className="small"
                data-testid={`cam-close-${w.userId}`}
                onClick={() => void live.unwatch(roomId, w.userId)}
              >
                {t('live.cam.close')}
              </button>
            </figcaption>
          </figure>
        );
      })}
    </div>
  );
}
