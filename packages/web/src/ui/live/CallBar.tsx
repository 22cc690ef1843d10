import { useTranslation } from 'react-i18next';
import type { UserCard } from '@salon/protocol';
import { useChatState } from '../chatContext.js';
import { useReport } from '../reportContext.js';
import { useLive, useLiveState } from './liveContext.js';
import { LiveVideo } from './LiveVideo.js';

/** V2: a video call in an accepted private conversation: propose, answer, both cameras, hang up. */
export function CallBar({ conversationId, peer }: { conversationId: string; peer: UserCard }) {
  const { t } = useTranslation();
  const live = useLive();
  const openReport = useReport();
  const me = useChatState((s) => s.me.userId);
  const accepted = useChatState((s) => s.conversations[conversationId]?.state === 'accepted');
  const available = useLiveState((s) => s.config?.available === true);
  const call = useLiveState((s) => s.calls[conversationId]);
  const theirs = useLiveState((s) => s.watching[`${conversationId}\n${peer.userId}`]);
  useLiveState((s) => s.mediaVersion);
  if (!live || !available || !accepted) return null;
  if (!call) {
    return (
      <button
        type="button"
        className="small"
        data-testid="call-start"
        onClick={() => void live.proposeCall(conversationId)}
      >
        {t('live.call.start')}
      </button>
    );
  }
  if (call.state === 'ringing') {
    const incoming = call.from !== me;
    return (
      <div className="call-bar" data-testid="call-ringing" role="status">
        {incoming ? t('live.call.ringingIn', { name: peer.nickname }) : t('live.call.ringingOut')}
        {incoming && (
          <>
            <button
              type="button"
              className="small primary"
              data-testid="call-accept"
              onClick={() => void live.respondCall(conversationId, true)}
            >
              {t('live.call.accept')}
            </button>
            <button
              type="button"
              className="small"
              data-testid="call-decline"
              onClick={() => void live.respondCall(conversationId, false)}
            >
              {t('live.call.decline')}
            </button>
          </>
        )}
        {!incoming && (
          <button
            type="button"
            className="small"
            data-testid="call-end"
            onClick={() => void live.endCall(conversationId)}
          >
            {t('live.call.end')}
          </button>
        )}
      </div>
    );
  }
  return (
    <div className="call-active" data-testid="call-active">
      <div className="cam-tiles">
        <figure className="cam-tile">
          <LiveVideo
            stream={live.localStream(conversationId)}
            muted
            label={t('live.call.mine')}
            testId="call-local"
          />
          <figcaption className="cam-caption">{t('live.call.mine')}</figcaption>
        </figure>
        <figure className="cam-tile" data-phase={theirs?.phase ?? 'connecting'}>
          <LiveVideo
            stream={live.remoteStream(conversationId, peer.userId)}
            label={t('live.call.peer', { name: peer.nickname })}
            testId="call-remote"
          />
          <figcaption className="cam-caption">{peer.nickname}</figcaption>
        </figure>
      </div>
      <button
        type="button"
        className="small danger"
        data-testid="call-end"
        onClick={() => void live.endCall(conversationId)}
      >
        {t('live.call.end')}
      </button>
      {openReport && (
        <button
          type="button"
          className="small"
          data-testid="call-report"
          onClick={() =>
            openReport({
              target: { kind: 'stream', roomId: conversationId, userId: peer.userId, media: 'cam' },
              subject: t('live.cam.of', { name: peer.nickname }),
            })
          }
        >
          {t('live.call.report')}
        </button>
      )}
    </div>
  );
}
