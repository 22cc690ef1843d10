import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { useChatState } from './chatContext.js';
import { LockIcon, PersonIcon } from './icons.js';

interface Props {
  onOpen: (roomId: string) => void;
  onCreate: () => void;
}

/** R2: the private rooms I belong to, and a button to create one. */
export function PrivateRoomList({ onOpen, onCreate }: Props) {
  const { t } = useTranslation();
  const mine = useChatState((s) => s.mine);
  const joined = useChatState((s) => s.joined);
  const activeRoomId = useChatState((s) => s.activeRoomId);
  const titleId = useId();

  return (
    <section className="rooms private-rooms" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel-title">
        {t('privateRooms.title')}
      </h2>
      <p className="panel-action">
        <button type="button" className="small" data-testid="create-room" onClick={onCreate}>
          <span aria-hidden="true">+ </span>
          {t('privateRooms.create')}
        </button>
      </p>
      <ul className="room-list" data-testid="private-room-list">
        {mine.map((room) => {
          const held = joined[room.id];
          const unread = held?.unread ?? 0;
          const active = room.id === activeRoomId;
          const classes = ['room-item', held ? 'room-joined' : '', active ? 'room-active' : ''];
          return (
            <li
              key={room.id}
              className={classes.filter(Boolean).join(' ')}
              data-testid={`private-room-item-${room.id}`}
            >
              <button
                type="button"
                className="room-open"
                aria-current={active ? 'true' : undefined}
                onClick={() => onOpen(room.id)}
              >
                <span className="room-line">
                  <LockIcon />
                  <span className="sr-only">{t('privateRooms.private')}, </span>
                  <span className="room-name">{room.name}</span>
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
                    <span aria-hidden="true">{room.members}</span>
                    <span className="sr-only">{t('rooms.members', { count: room.members })}</span>
                  </span>
                </span>
                {room.topic !== '' && <span className="room-topic">{room.topic}</span>}
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
