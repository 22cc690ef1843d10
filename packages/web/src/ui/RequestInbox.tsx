import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import { incomingRequests } from '../chat/conversations.js';
import { useChatClient, useChatState } from './chatContext.js';

/**
 * P1: requests waiting for my answer, with who they are from (R4: nickname, gender, age, region
 * if shared). Shown at the top of the side panel, and only while there are some.
 */
export function RequestInbox({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const client = useChatClient();
  const conversations = useChatState((s) => s.conversations);
  const blocked = useChatState((s) => s.blocked);
  const activeRoomId = useChatState((s) => s.activeRoomId);
  const titleId = useId();
  const requests = incomingRequests({ conversations, blocked });
  if (requests.length === 0) return <ul className="room-list" data-testid="request-inbox" />;
  return (
    <section className="rooms requests" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel-title">
        {t('dm.requests')}
        <span className="badge badge-unread">{requests.length}</span>
      </h2>
      <ul className="room-list" data-testid="request-inbox">
        {requests.map((c) => (
          <li
            key={c.id}
            className={c.id === activeRoomId ? 'room-item room-active' : 'room-item'}
            data-testid={`request-item-${c.id}`}
          >
            <button
              type="button"
              className="room-open"
              onClick={() => {
                client.openConversation(c.id);
                onOpen();
              }}
            >
              <span className="room-line">
                <span className="room-name">{c.peer.nickname}</span>
              </span>
              <span className="room-topic">
                {t(`gender.${c.peer.gender}`)} · {t('members.age', { age: c.peer.age })}
                {c.peer.region !== null && <> · {t(`region.${c.peer.region}`)}</>}
              </span>
            </button>
          </li>
        ))}
      </ul>
    </section>
  );
}
