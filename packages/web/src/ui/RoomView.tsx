import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { canManage, isMuted, roleIn } from '../chat/roles.js';
import { useChatClient, useChatState } from './chatContext.js';
import { Composer } from './Composer.js';
import { formatMessageTime } from './format.js';
import { LockIcon } from './icons.js';
import { MessageList } from './MessageList.js';
import { useReport } from './reportContext.js';
import { TypingIndicator } from './TypingIndicator.js';
import { RoomLive } from './live/RoomLive.js';

/** R5–R6: one joined room: its messages, who is typing, and the composer. */
export function RoomView({ roomId, onMenu }: { roomId: string; onMenu: (roomId: string) => void }) {
  const { t, i18n } = useTranslation();
  const client = useChatClient();
  const openReport = useReport();
  const room = useChatState((s) => s.joined[roomId]);
  const myUserId = useChatState((s) => s.me.userId);
  const listed = useChatState((s) => s.rooms.find((r) => r.id === roomId));
  const titleId = useId();
  if (!room) return null;
  const info = room.info ?? listed;
  const name = info?.name ?? roomId;
  const isPrivate = info?.kind === 'private';
  // R2, R3: owners and moderators manage a private room's invitations.
  const manager = isPrivate && canManage(roleIn(room, myUserId));
  const mine = room.members.find((m) => m.userId === myUserId);
  const mutedUntil = mine && isMuted(mine, Date.now()) ? mine.mutedUntil : null;
  return (
    <section className="room-view" data-testid={`room-view-${roomId}`} aria-labelledby={titleId}>
      <header className="room-header">
        <div className="room-heading">
          <h2 id={titleId} className="room-title">
            {isPrivate && (
              <>
                <LockIcon />
                <span className="sr-only">{t('privateRooms.private')}, </span>
              </>
            )}
            {name}
            {info?.adult && <span className="badge badge-adult">{t('rooms.adult')}</span>}
          </h2>
          {info && <p className="room-topic">{info.topic}</p>}
        </div>
        {manager && (
          <button type="button" className="small" data-testid="room-menu" onClick={() => onMenu(roomId)}>
            {t('privateRooms.menu')}
          </button>
        )}
        {openReport && (
          <button
            type="button"
            className="small"
            data-testid="room-report"
            onClick={() =>
              openReport({ target: { kind: 'room', roomId }, subject: t('report.subject.room', { name }) })
            }
          >
            {t('report.room')}
          </button>
        )}
        <button type="button" className="small" onClick={() => client.leaveRoom(roomId)}>
          {t('room.leave')}
        </button>
      </header>
      <RoomLive roomId={roomId} voice={info?.voice ?? false} members={room.members} />
      {room.phase === 'joining' && room.messages.length === 0 ? (
        <p className="room-joining" role="status">
          {t('room.joining')}
        </p>
      ) : (
        <MessageList room={room} name={name} />
      )}
      <TypingIndicator typing={room.typing} />
      {mutedUntil !== null && (
        <p className="room-muted" role="status" data-testid="room-muted">
          {t('roles.mutedUntil', { time: formatMessageTime(mutedUntil, i18n.language) })}
        </p>
      )}
      <Composer roomId={roomId} name={name} />
    </section>
  );
}
