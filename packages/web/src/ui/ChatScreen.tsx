import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '@salon/protocol';
import { ChatClient } from '../chat/client.js';
import type { Connection, StopReason } from '../net/connection.js';
import { ChatContext, useChatClient, useChatState } from './chatContext.js';
import { Header } from './Header.js';
import { LeaveDialog } from './LeaveDialog.js';
import { OpenLinkContext } from './linkContext.js';
import { MemberList } from './MemberList.js';
import { Notice } from './Notice.js';
import { RoomList } from './RoomList.js';
import { RoomTabs } from './RoomTabs.js';
import { RoomView } from './RoomView.js';

type Panel = 'rooms' | 'messages' | 'members';

interface Props {
  me: Me;
  createConnection: () => Connection;
  /** The server ended the session or needs a newer client. */
  onStopped: (reason: Exclude<StopReason, 'closed'>) => void;
  onLogout: () => void;
}

export function ChatScreen({ me, createConnection, onStopped, onLogout }: Props) {
  const [client, setClient] = useState<ChatClient | null>(null);
  useEffect(() => {
    const created = new ChatClient({ connection: createConnection(), me });
    created.start();
    setClient(created);
    return () => created.dispose();
  }, [createConnection, me]);
  if (!client) return null;
  return (
    <ChatContext value={client}>
      <ChatLayout onStopped={onStopped} onLogout={onLogout} />
    </ChatContext>
  );
}

function ChatLayout({ onStopped, onLogout }: Pick<Props, 'onStopped' | 'onLogout'>) {
  const { t } = useTranslation();
  const client = useChatClient();
  const me = useChatState((s) => s.me);
  const status = useChatState((s) => s.status);
  const stopped = useChatState((s) => s.stopped);
  const activeRoomId = useChatState((s) => s.activeRoomId);
  const joined = useChatState((s) => s.joined);
  const [panel, setPanel] = useState<Panel>('rooms');
  const [link, setLink] = useState<string | null>(null);

  useEffect(() => {
    if (stopped !== null && stopped !== 'closed') onStopped(stopped);
  }, [stopped, onStopped]);

  // R6 presence: away while the page is hidden. R7: try again at once when the network is back.
  useEffect(() => {
    const onVisibility = () => client.setVisible(document.visibilityState !== 'hidden');
    const onOnline = () => client.retryNow();
    if (document.visibilityState === 'hidden') onVisibility();
    document.addEventListener('visibilitychange', onVisibility);
    window.addEventListener('online', onOnline);
    return () => {
      document.removeEventListener('visibilitychange', onVisibility);
      window.removeEventListener('online', onOnline);
    };
  }, [client]);

  const unreadTotal = Object.values(joined).reduce((sum, room) => sum + room.unread, 0);
  useEffect(() => {
    document.title = unreadTotal > 0 ? `(${unreadTotal}) ${t('app.name')}` : t('app.name');
  }, [unreadTotal, t]);

  const activeRoom = activeRoomId === null ? undefined : joined[activeRoomId];
  const shown: Panel = panel !== 'rooms' && !activeRoom ? 'rooms' : panel;

  function openRoom(roomId: string) {
    client.joinRoom(roomId);
    setPanel('messages');
  }

  return (
    <OpenLinkContext value={setLink}>
      <div className="app" data-panel={shown} inert={link !== null}>
        <a className="skip-link" href="#salon-messages">
          {t('nav.skip')}
        </a>
        <Header nickname={me.nickname} status={status} onLogout={onLogout} />
        <Notice />
        <main className="layout">
          <aside className="panel panel-rooms">
            <RoomList onOpen={openRoom} />
          </aside>
          <section
            id="salon-messages"
            className="panel panel-messages"
            tabIndex={-1}
            aria-label={t('nav.messages')}
          >
            <RoomTabs />
            {activeRoomId !== null && activeRoom ? (
              <RoomView key={activeRoomId} roomId={activeRoomId} />
            ) : (
              <p className="muted pad room-choose">{t('room.choose')}</p>
            )}
          </section>
          <aside className="panel panel-members">
            {activeRoom && <MemberList members={activeRoom.members} myUserId={me.userId} />}
          </aside>
        </main>
        <nav className="mobile-nav" aria-label={t('nav.label')}>
          {(['rooms', 'messages', 'members'] as const).map((p) => (
            <button
              key={p}
              type="button"
              aria-pressed={shown === p}
              disabled={p !== 'rooms' && !activeRoom}
              onClick={() => setPanel(p)}
            >
              {t(`nav.${p}`)}
              {p === 'rooms' && unreadTotal > 0 && <span className="badge badge-unread">{unreadTotal}</span>}
            </button>
          ))}
        </nav>
      </div>
      {link !== null && <LeaveDialog url={link} onClose={() => setLink(null)} />}
    </OpenLinkContext>
  );
}
