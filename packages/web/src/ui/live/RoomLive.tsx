import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '@salon/protocol';
import { LiveError } from './LiveError.js';
import { useLive, useLiveState } from './liveContext.js';
import { MyCam } from './MyCam.js';
import { VoiceBar } from './VoiceBar.js';
import { WatchedCams } from './WatchedCams.js';

/** V1, V2: the live part of a room: my camera, the cameras I watch, the voice of a voice room. */
export function RoomLive({
  roomId,
  voice,
  members,
}: {
  roomId: string;
  voice: boolean;
  members: readonly Member[];
}) {
  const { t } = useTranslation();
  const live = useLive();
  const config = useLiveState((s) => s.config);
  useEffect(() => {
    if (live && config?.available) void live.loadRoom(roomId);
  }, [live, roomId, config?.available]);
  if (!live || !config) return null;
  if (!config.available) {
    return (
      <p className="live-off muted" data-testid="live-unavailable">
        {t(`live.unavailable.${config.reason ?? 'media-server-down'}`, {
          defaultValue: t('live.unavailable.media-server-down'),
        })}
      </p>
    );
  }
  return (
    <div className="live-panel" data-testid="live-panel">
      <LiveError />
      {voice && <VoiceBar roomId={roomId} />}
      <MyCam roomId={roomId} />
      <WatchedCams roomId={roomId} members={members} />
    </div>
  );
}
