import { useTranslation } from 'react-i18next';
import type { Member } from '@salon/protocol';
import { useReport } from '../reportContext.js';
import { useLive, useLiveState } from './liveContext.js';

interface Props {
  roomId: string;
  member: Member;
  /** R3: I own or moderate this room. */
  moderator: boolean;
  onDone: () => void;
}

/** V1, V4: in a member's menu: report their voice; for moderators, mute it or end their streams. */
export function MemberLiveActions({ roomId, member, moderator, onDone }: Props) {
  const { t } = useTranslation();
  const live = useLive();
  const openReport = useReport();
  const cam = useLiveState((s) => s.rooms[roomId]?.cams.some((c) => c.userId === member.userId) ?? false);
  const voice = useLiveState((s) => s.rooms[roomId]?.voice.find((v) => v.userId === member.userId));
  if (!live || (!cam && !voice)) return null;
  return (
    <>
      {moderator && voice?.speaking && (
        <button
          type="button"
          className="small"
          data-testid="member-action-voice-mute"
          onClick={() => {
            void live.muteVoice(roomId, member.userId);
            onDone();
          }}
        >
          {t('live.moderation.mute')}
        </button>
      )}
      {moderator && (
        <button
          type="button"
          className="small danger"
          data-testid="member-action-end-stream"
          onClick={() => {
            void live.endStream(roomId, member.userId);
            onDone();
          }}
        >
          {t('live.moderation.end')}
        </button>
      )}
      {openReport && voice?.speaking && (
        <button
          type="button"
          className="small danger"
          data-testid="member-action-report-voice"
          onClick={() => {
            onDone();
            openReport({
              target: { kind: 'stream', roomId, userId: member.userId, media: 'voice' },
              subject: t('live.voice.report'),
            });
          }}
        >
          {t('live.voice.report')}
        </button>
      )}
    </>
  );
}
