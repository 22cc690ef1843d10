import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { byPeerNickname, conversationUnread, isIncomingRequest } from '../chat/conversations.js';
import { useChatClient, useChatState } from './chatContext.js';

/** P1: my conversations: accepted ones, and those I asked for (shown once there is one). */
export function ConversationList({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const client = useChatClient();
  const state = useChatState((s) => s);
  const messagesId = useId();
  const chats = Object.values(state.conversations)
    .filter((c) => !isIncomingRequest(c))
    .sort(byPeerNickname);

  function open(id: string) {
    client.openConversation(id);
    onOpen();
  }

  // Nothing to show before the first conversation: the room lists come first.
  if (chats.length === 0) return <ul className="room-list" data-testid="dm-list" />;
  return (
    <section className="rooms conversations" aria-labelledby={messagesId}>
      <h2 id={messagesId} className="panel-title">
        {t('dm.title')}
      </h2>
      <ul className="room-list" data-testid="dm-list">
        {chats.map((c) => {
          const unread = conversationUnread(state, c);
          const active = c.id === state.activeRoomId;
          return (
            <li
              key={c.id}
              className={active ? 'room-item room-active' : 'room-item'}
              data-testid={`dm-item-${c.id}`}
            >
              <button
                type="button"
                className="room-open"
                aria-current={active ? 'true' : undefined}
                onClick={() => open(c.id)}
              >
                <span className="room-line">
                  <span className="room-name">{c.peer.nickname}</span>
                  {c.state !== 'accepted' && <span className="muted small-text">{t('dm.waiting')}</span>}
                  {unread > 0 && (
                    <span className="badge badge-unread">
                      <span data-testid={`unread-${c.id}`} aria-hidden="true">
                        {unread}
                      </span>
                      <span className="sr-only">{t('rooms.unread', { count: unread })}</span>
                    </span>
                  )}
                </span>
              </button>
            </li>
          );
        })}
      </ul>
    </section>
  );
}
