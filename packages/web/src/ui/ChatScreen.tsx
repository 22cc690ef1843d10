import { useCallback, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Me } from '@salon/protocol';
import type { MediaApi } from '../api/media.js';
import type { SessionApi } from '../api/session.js';
import { ChatClient } from '../chat/client.js';
import { incomingRequests, isIncomingRequest } from '../chat/conversations.js';
import { useStatementStore } from '../moderation/context.js';
import type { Connection, StopReason } from '../net/connection.js';
import { ChatContext, useChatClient, useChatState } from './chatContext.js';
import { ConversationList } from './ConversationList.js';
import { CreateRoomDialog } from './CreateRoomDialog.js';
import { DmView } from './DmView.js';
import { Header } from './Header.js';
import { InviteNotice } from './InviteNotice.js';
import { useInviteLink } from './inviteHash.js';
import { LeaveDialog } from './LeaveDialog.js';
import { OpenLinkContext } from './linkContext.js';
import { MemberList } from './MemberList.js';
import { InertContext } from './modal.js';
import { Notice } from './Notice.js';
import { PrivateRoomList } from './PrivateRoomList.js';
import { RequestInbox } from './RequestInbox.js';
import { ReportContext } from './reportContext.js';
import type { ReportRequest } from './reportContext.js';
import { ReportDialog } from './ReportDialog.js';
import { ReportOutcomes } from './ReportOutcomes.js';
import { RoomList } from './RoomList.js';
import { RoomMenu } from './RoomMenu.js';
import { RoomTabs } from './RoomTabs.js';
import { RoomView } from './RoomView.js';
import { LiveClient } from '../live/liveClient.js';
import { LiveContext } from './live/liveContext.js';
import { LiveRooms } from './live/LiveRooms.js';
import { CallNotices } from './live/CallNotices.js';
import { SettingsDialog } from './SettingsDialog.js';

type Panel = 'rooms' | 'messages' | 'members';
type Overlay =
  | { kind: 'settings' }
  | { kind: 'create-room' }
  | { kind: 'room-menu'; roomId: string }
  | { kind: 'report'; request: ReportRequest };

interface Props {
  me: Me;
  api: SessionApi;
  createConnection: () => Connection;
  /** The server ended the session or needs a newer client. */
  onStopped: (reason: Exclude<StopReason, 'closed'>) => void;
  onLogout: () => void;
  /** M1: uploads; the HTTP API when not given. */
  media?: MediaApi;
}

export function ChatScreen({ me, api, createConnection, onStopped, onLogout, media }: Props) {
  const [clients, setClients] = useState<{ chat: ChatClient; live: LiveClient } | null>(null);
  useEffect(() => {
    const connection = createConnection();
    const created = new ChatClient({ connection, me, ...(media ? { media } : {}) });
    const live = new LiveClient(connection, me.userId);
    live.start();
    created.start();
    setClients({ chat: created, live });
    return () => {
      live.dispose();
      created.dispose();
    };
  }, [createConnection, me, media]);
  if (!clients) return null;
  return (
    <ChatContext value={clients.chat}>
      <LiveContext value={clients.live}>
        <ChatLayout api={api} onStopped={onStopped} onLogout={onLogout} />
        <LiveRooms />
      </LiveContext>
    </ChatContext>
  );
}

function ChatLayout({ api, onStopped, onLogout }: Pick<Props, 'api' | 'onStopped' | 'onLogout'>) {
  const { t } = useTranslation();
  const client = useChatClient();
  const me = useChatState((s) => s.me);
  const status = useChatState((s) => s.status);
  const stopped = useChatState((s) => s.stopped);
  const activeRoomId = useChatState((s) => s.activeRoomId);
  const joined = useChatState((s) => s.joined);
  const conversations = useChatState((s) => s.conversations);
  const blocked = useChatState((s) => s.blocked);
  const rooms = useChatState((s) => s.rooms);
  const mine = useChatState((s) => s.mine);
  const statements = useStatementStore();
  const [panel, setPanel] = useState<Panel>('rooms');
  const [link, setLink] = useState<string | null>(null);
  const [chosenOverlay, setOverlay] = useState<Overlay | null>(null);
  // Dialogs opened from inside the page (a photo, the camera) make it inert too.
  const appRef = useRef<HTMLDivElement>(null);
  const [held, setHeld] = useState(0);
  const hold = useCallback(() => {
    setHeld((n) => n + 1);
    let released = false;
    return () => {
      if (released) return;
      released = true;
      setHeld((n) => n - 1);
      // At once: the closing dialog gives the focus back to the page right after.
      appRef.current?.removeAttribute('inert');
    };
  }, []);

  useEffect(() => {
    if (stopped !== null && stopped !== 'closed') onStopped(stopped);
  }, [stopped, onStopped]);

  // T3: a statement of reasons names the room where a restriction applies.
  useEffect(() => {
    statements?.nameRooms([...rooms, ...mine]);
  }, [statements, rooms, mine]);

  // T1: the report dialog, opened from a message, a member, a room or a conversation.
  const openReport = useCallback((request: ReportRequest) => setOverlay({ kind: 'report', request }), []);

  // R2: Salon opened through an invite link (`#join=…`): join once connected.
  useInviteLink(client, status === 'online', () => setPanel('messages'));

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

  // Open rooms and conversations, plus conversations not open here (P1).
  const unreadTotal =
    Object.values(joined).reduce((sum, room) => sum + room.unread, 0) +
    Object.values(conversations).reduce(
      (sum, c) => sum + (joined[c.id] || isIncomingRequest(c) ? 0 : c.unread),
      0,
    );
  const requestCount = incomingRequests({ conversations, blocked }).length;
  useEffect(() => {
    const count = unreadTotal + requestCount;
    document.title = count > 0 ? `(${count}) ${t('app.name')}` : t('app.name');
  }, [unreadTotal, requestCount, t]);

  // A room menu goes away with its room (kicked, banned, deleted).
  const overlay = chosenOverlay?.kind === 'room-menu' && !joined[chosenOverlay.roomId] ? null : chosenOverlay;
  const activeRoom = activeRoomId === null ? undefined : joined[activeRoomId];
  const isRoom = activeRoom?.kind === 'room';
  const shown: Panel =
    (panel === 'messages' && !activeRoom) || (panel === 'members' && !isRoom) ? 'rooms' : panel;
  const toMessages = () => setPanel('messages');

  function openRoom(roomId: string) {
    client.joinRoom(roomId);
    setPanel('messages');
  }

  const sideBadge = unreadTotal + requestCount;
  return (
    <OpenLinkContext value={setLink}>
      <ReportContext value={openReport}>
        <InertContext value={hold}>
          <div
            ref={appRef}
            className="app"
            data-panel={shown}
            inert={link !== null || overlay !== null || held > 0}
          >
            <a className="skip-link" href="#salon-messages">
              {t('nav.skip')}
            </a>
            <Header
              nickname={me.nickname}
              status={status}
              onLogout={onLogout}
              onSettings={() => setOverlay({ kind: 'settings' })}
            />
            <Notice />
            <InviteNotice onJoined={toMessages} />
            <CallNotices onOpen={toMessages} />
            <ReportOutcomes />
            <main className="layout">
              <aside className="panel panel-rooms">
                <RequestInbox onOpen={toMessages} />
                <ConversationList onOpen={toMessages} />
                <PrivateRoomList onOpen={openRoom} onCreate={() => setOverlay({ kind: 'create-room' })} />
                <RoomList onOpen={openRoom} />
              </aside>
              <section
                id="salon-messages"
                className="panel panel-messages"
                tabIndex={-1}
                aria-label={t('nav.messages')}
              >
                <RoomTabs />
                {activeRoomId !== null && activeRoom?.kind === 'dm' && (
                  <DmView key={activeRoomId} roomId={activeRoomId} />
                )}
                {activeRoomId !== null && activeRoom?.kind === 'room' && (
                  <RoomView
                    key={activeRoomId}
                    roomId={activeRoomId}
                    onMenu={(roomId) => setOverlay({ kind: 'room-menu', roomId })}
                  />
                )}
                {!activeRoom && <p className="muted pad room-choose">{t('room.choose')}</p>}
              </section>
              <aside className="panel panel-members">
                {activeRoom && isRoom && (
                  <MemberList
                    members={activeRoom.members}
                    myUserId={me.userId}
                    roomId={activeRoom.id}
                    onConversation={toMessages}
                  />
                )}
              </aside>
            </main>
            <nav className="mobile-nav" aria-label={t('nav.label')}>
              {(['rooms', 'messages', 'members'] as const).map((p) => (
                <button
                  key={p}
                  type="button"
                  aria-pressed={shown === p}
                  disabled={(p === 'messages' && !activeRoom) || (p === 'members' && !isRoom)}
                  onClick={() => setPanel(p)}
                >
                  {t(`nav.${p}`)}
                  {p === 'rooms' && sideBadge > 0 && <span className="badge badge-unread">{sideBadge}</span>}
                </button>
              ))}
            </nav>
          </div>
        </InertContext>
        {link !== null && <LeaveDialog url={link} onClose={() => setLink(null)} />}
        {overlay?.kind === 'settings' && <SettingsDialog api={api} onClose={() => setOverlay(null)} />}
        {overlay?.kind === 'create-room' && (
          <CreateRoomDialog onClose={() => setOverlay(null)} onCreated={toMessages} />
        )}
        {overlay?.kind === 'room-menu' && (
          <RoomMenu roomId={overlay.roomId} onClose={() => setOverlay(null)} />
        )}
        {overlay?.kind === 'report' && (
          <ReportDialog request={overlay.request} onClose={() => setOverlay(null)} />
        )}
      </ReportContext>
    </OpenLinkContext>
  );
}
