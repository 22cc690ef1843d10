import { useTranslation } from 'react-i18next';
import type { Member } from '@salon/protocol';
import { watchKey } from '../../live/state.js';
import { HeadphonesIcon, MicIcon, VideoIcon } from '../icons.js';
import { useLive, useLiveState } from './liveContext.js';

/** V1, V2: on a member in the list: their camera (to watch) and their voice (speaking or not). */
export function MemberLive({ roomId, member, me }: { roomId: string; member: Member; me: boolean }) {
  const { t } = useTranslation();
  const live = useLive();
  const cam = useLiveState((s) => s.rooms[roomId]?.cams.find((c) => c.userId === member.userId));
  const voice = useLiveState((s) => s.rooms[roomId]?.voice.find((v) => v.userId === member.userId));
  const watching = useLiveState((s) => s.watching[watchKey(roomId, member.userId)]);
  if (!live) return null;
  return (
    <>
      {voice && (
        <span
          className={voice.talking ? 'voice-mark voice-talking' : 'voice-mark'}
          data-testid={`voice-member-${member.userId}`}
          data-speaking={voice.speaking}
          data-talking={voice.talking}
          title={voice.talking ? t('live.voice.talking') : t('live.voice.inVoice')}
        >
          {voice.speaking ? <MicIcon /> : <HeadphonesIcon />}
          <span className="sr-only">{voice.talking ? t('live.voice.talking') : t('live.voice.inVoice')}</span>
        </span>
      )}
      {cam && !me && (
        <button
          type="button"
          className="icon-button cam-mark"
          data-testid={`cam-watch-${member.userId}`}
          data-access={cam.access}
          aria-pressed={watching !== undefined}
          aria-label={t('live.cam.watch', { name: member.nickname })}
          title={t('live.cam.watch', { name: member.nickname })}
          onClick={() => void live.watch(roomId, member.userId)}
        >
          <VideoIcon />
        </button>
      )}
      {cam && me && (
        <span className="cam-mark" data-testid={`cam-on-${member.userId}`} title={t('live.cam.on')}>
          <VideoIcon />
        </span>
      )}
    </>
  );
}
