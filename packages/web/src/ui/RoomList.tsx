import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useChatClient, useChatState } from './chatContext.js';
import { PersonIcon } from './icons.js';

/** R1: public rooms with topic and live member count; R6: unread badges of joined rooms. */
export function RoomList({ onOpen }: { onOpen: (roomId: string) => void }) {
  const { t } = useTranslation();
  const client = useChatClient();
  const rooms = useChatState((s) => s.rooms);
  const loaded = useChatState((s) => s.roomsLoaded);
  const joined = useChatState((s) => s.joined);
  const activeRoomId = useChatState((s) => s.activeRoomId);
  const titleId = useId();

  return (
    <nav className="rooms" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel-title">
        {t('rooms.title')}
      </h2>
      {!loaded && rooms.length === 0 && <p className="muted pad">{t('rooms.loading')}</p>}
      {loaded && rooms.length === 0 && <p className="muted pad">{t('rooms.empty')}</p>}
      <ul className="room-list" data-testid="room-list">
        {rooms.map((room) => {
          const mine = joined[room.id];
          const unread = mine?.unread ?? 0;
          const classes = [
            'room-item',
            mine ? 'room-joined' : '',
            room.id === activeRoomId ? 'room-active' : '',
          ];
          return (
            <li
              key={room.id}
              className={classes.filter(Boolean).join(' ')}
              data-testid={`room-item-${room.id}`}
            >
              <button
                type="button"
                className="room-open"
                aria-current={room.id === activeRoomId ? 'true' : undefined}
                onClick={() => onOpen(room.id)}
              >
                <span className="room-line">
                  <span className="room-name">{room.name}</span>
                  {room.adult && (
                    <span className="badge badge-adult" title={t('rooms.adultLabel')}>
                      {t('rooms.adult')}
                      <span className="sr-only">, {t('rooms.adultLabel')}</span>
                    </span>
                  )}
                  {unread > 0 && (
                    <span className="badge badge-unread">
                      <span data-testid={`unread-${room.id}`} aria-hidden="true">
                        {unread}
                      </span>
                      <span className="sr-only">{t('rooms.unread', { count: unread })}</span>
                    </span>
                  )}
                  <span className="room-count">
                    <PersonIcon />
                    <span data-testid={`room-count-${room.id}`} aria-hidden="true">
                      {room.members}
                    </span>
                    <span className="sr-only">{t('rooms.members', { count: room.members })}</span>
                  </span>
                </span>
                <span className="room-topic">{room.topic}</span>
                {mine && <span className="sr-only">, {t('rooms.joined')}</span>}
              </button>
              {mine && (
                <button
                  type="button"
                  className="room-leave icon-button"
                  aria-label={t('rooms.leave', { name: room.name })}
                  title={t('rooms.leave', { name: room.name })}
                  onClick={() => client.leaveRoom(room.id)}
                >
                  ×
                </button>
              )}
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
