import { useTranslation } from 'react-i18next';
import { useChatClient, useChatState } from '../chatContext.js';
import { useLive, useLiveState } from './liveContext.js';

/** V2: a call proposed to me, wherever I am in the chat: open it, or decline. */
export function CallNotices({ onOpen }: { onOpen: () => void }) {
  const { t } = useTranslation();
  const live = useLive();
  const client = useChatClient();
  const me = useChatState((s) => s.me.userId);
  const conversations = useChatState((s) => s.conversations);
  const active = useChatState((s) => s.activeRoomId);
  const calls = useLiveState((s) => s.calls);
  if (!live) return null;
  const incoming = Object.entries(calls).filter(
    ([id, call]) => call.state === 'ringing' && call.from !== me && id !== active,
  );
  if (incoming.length === 0) return null;
  return (
    <div className="call-notices">
      {incoming.map(([id]) => (
        <p key={id} className="notice" role="alert" data-testid={`call-notice-${id}`}>
          {t('live.call.ringingIn', { name: conversations[id]?.peer.nickname ?? '…' })}{' '}
          <button
            type="button"
            className="small primary"
            data-testid="call-notice-open"
            onClick={() => {
              client.openConversation(id);
              onOpen();
            }}
          >
            {t('live.call.accept')}…
          </button>
          <button type="button" className="small" onClick={() => void live.respondCall(id, false)}>
            {t('live.call.decline')}
          </button>
        </p>
      ))}
    </div>
  );
}
