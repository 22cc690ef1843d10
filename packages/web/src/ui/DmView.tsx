import type { TFunction } from 'i18next';
import { useTranslation } from 'react-i18next';
import type { Conversation, UserCard } from '@salon/protocol';
import { isDraft, isIncomingRequest } from '../chat/conversations.js';
import { useChatClient, useChatState } from './chatContext.js';
import { Composer } from './Composer.js';
import { MessageList } from './MessageList.js';
import { ReportPeer } from './ReportPeer.js';
import { RiskNotice } from './RiskNotice.js';
import { TypingIndicator } from './TypingIndicator.js';
import { CallBar } from './live/CallBar.js';

function describe(t: TFunction, peer: UserCard): string {
  const parts = [t(`gender.${peer.gender}`), t('members.age', { age: peer.age })];
  if (peer.region !== null) parts.push(t(`region.${peer.region}`));
  return parts.join(' · ');
}

/** P4: shown to the recipient of a first request from a stranger. */
export function SafetyNotice() {
  const { t } = useTranslation();
  return (
    <aside className="safety-notice" data-testid="safety-notice" role="note">
      <h3>{t('safety.title')}</h3>
      <ul>
        <li>{t('safety.block')}</li>
        <li>{t('safety.private')}</li>
        <li>{t('safety.meet')}</li>
      </ul>
    </aside>
  );
}

/** P1: an incoming request: who it is from, and Accept / Ignore / Block. */
export function RequestPanel({ conversation }: { conversation: Conversation }) {
  const { t } = useTranslation();
  const client = useChatClient();
  const peer = conversation.peer;
  return (
    <div className="request-panel">
      {conversation.safetyNotice && <SafetyNotice />}
      <div className="request-card">
        <p className="request-from">
          {conversation.state === 'ignored' ? t('dm.ignored') : t('dm.requestFrom', { name: peer.nickname })}
        </p>
        <p className="request-peer">
          <strong>{peer.nickname}</strong> <span className="muted">{describe(t, peer)}</span>
        </p>
        <div className="request-actions">
          <button
            type="button"
            className="primary"
            data-testid="request-accept"
            onClick={() => void client.respond(conversation.id, 'accept')}
          >
            {t('dm.accept')}
          </button>
          {conversation.state === 'pending' && (
            <button
              type="button"
              data-testid="request-ignore"
              onClick={() => void client.respond(conversation.id, 'ignore')}
            >
              {t('dm.ignore')}
            </button>
          )}
          <button
            type="button"
            className="danger"
            data-testid="request-block"
            onClick={() => void client.block(peer)}
          >
            {t('dm.block')}
          </button>
          <ReportPeer peer={peer} conversationId={conversation.id} testId="request-report" />
        </div>
      </div>
    </div>
  );
}

/** P1: a private conversation (or a request), shown like a room with the same message list. */
export function DmView({ roomId }: { roomId: string }) {
  const { t } = useTranslation();
  const client = useChatClient();
  const room = useChatState((s) => s.joined[roomId]);
  const conversation = useChatState((s) => s.conversations[roomId]);
  if (!room?.peer) return null;
  const peer = room.peer;
  const incoming = conversation !== undefined && isIncomingRequest(conversation);
  return (
    <section
      className="room-view dm-view"
      data-testid={`dm-view-${roomId}`}
      aria-label={t('dm.with', { name: peer.nickname })}
    >
      <header className="room-header">
        <div className="room-heading">
          <h2 className="room-title">{peer.nickname}</h2>
          <p className="room-topic">{describe(t, peer)}</p>
        </div>
        <ReportPeer peer={peer} conversationId={roomId} testId="dm-report" />
        <button type="button" className="small" onClick={() => client.leaveRoom(roomId)}>
          {t('dm.close')}
        </button>
      </header>
      <CallBar conversationId={roomId} peer={peer} />
      <RiskNotice conversationId={roomId} peer={peer} />
      {incoming && <RequestPanel conversation={conversation} />}
      {isDraft(roomId) && <p className="dm-draft muted">{t('dm.draft', { name: peer.nickname })}</p>}
      {room.phase === 'joining' && room.messages.length === 0 ? (
        <p className="room-joining" role="status">
          {t('room.joining')}
        </p>
      ) : (
        <MessageList room={room} name={peer.nickname} />
      )}
      <TypingIndicator typing={room.typing} />
      {!incoming && <Composer roomId={roomId} name={peer.nickname} />}
    </section>
  );
}
