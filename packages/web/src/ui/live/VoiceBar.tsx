import { useTranslation } from 'react-i18next';
import { useLive, useLiveState } from './liveContext.js';
import { LiveAudio } from './LiveVideo.js';

/** V1: join the voice to listen, unmute to speak (within the room's speaker limit). */
export function VoiceBar({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const live = useLive();
  const mine = useLiveState((s) => s.voice[roomId]);
  const participants = useLiveState((s) => s.rooms[roomId]?.voice);
  useLiveState((s) => s.mediaVersion);
  if (!live) return null;
  const count = participants?.length ?? 0;
  return (
    <div className="voice-bar" data-testid="voice-bar" data-phase={mine?.phase ?? 'out'}>
      <strong>{t('live.voice.title')}</strong>
      <span className="muted">{t('live.voice.participants', { count })}</span>
      {!mine && (
        <button
          type="button"
          className="small primary"
          data-testid="voice-join"
          onClick={() => void live.joinVoice(roomId)}
        >
          {t('live.voice.join')}
        </button>
      )}
      {mine && (
        <>
          <span role="status">{mine.speaking ? t('live.voice.speaking') : t('live.voice.listening')}</span>
          <button
            type="button"
            className="small"
            data-testid={mine.speaking ? 'voice-mute' : 'voice-speak'}
            disabled={mine.phase !== 'on'}
            onClick={() => void live.setSpeaking(roomId, !mine.speaking)}
          >
            {mine.speaking ? t('live.voice.mute') : t('live.voice.speak')}
          </button>
          <button
            type="button"
            className="small"
            data-testid="voice-leave"
            onClick={() => void live.leaveVoice(roomId)}
          >
            {t('live.voice.leave')}
          </button>
          <LiveAudio stream={live.voiceStream(roomId)} testId="voice-audio" />
        </>
      )}
    </div>
  );
}
