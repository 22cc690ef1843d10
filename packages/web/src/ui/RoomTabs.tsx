import { useTranslation } from 'react-i18next';
import { useChatClient, useChatState } from './chatContext.js';

/** The rooms joined at the same time, to switch between them. */
export function RoomTabs() {
  const { t } = useTranslation();
  const client = useChatClient();
  const order = useChatState((s) => s.order);
  const joined = useChatState((s) => s.joined);
  const rooms = useChatState((s) => s.rooms);
  const activeRoomId = useChatState((s) => s.activeRoomId);
  if (order.length < 2) return null;
  return (
    <nav className="room-tabs" aria-label={t('rooms.open')}>
      <ul>
        {order.map((id) => {
          const room = joined[id];
          const name = room?.peer?.nickname ?? room?.info?.name ?? rooms.find((r) => r.id === id)?.name ?? id;
          const unread = room?.unread ?? 0;
          return (
            <li key={id}>
              <button
                type="button"
                className={id === activeRoomId ? 'tab tab-active' : 'tab'}
                aria-current={id === activeRoomId ? 'true' : undefined}
                onClick={() => client.setActive(id)}
              >
                {name}
                {unread > 0 && (
                  <span className="badge badge-unread">
                    <span aria-hidden="true">{unread}</span>
                    <span className="sr-only">{t('rooms.unread', { count: unread })}</span>
                  </span>
                )}
              </button>
            </li>
          );
        })}
      </ul>
    </nav>
  );
}
