import { useCallback, useEffect, useMemo, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { Virtuoso } from 'react-virtuoso';
import type { VirtuosoHandle } from 'react-virtuoso';
import type { ChatMessage } from '@salon/protocol';
import type { JoinedRoom, PendingMessage } from '../chat/roomState.js';
import { useChatClient, useChatState } from './chatContext.js';
import { MessageRow, PendingRow } from './MessageRow.js';

type Item = { kind: 'message'; message: ChatMessage } | { kind: 'pending'; pending: PendingMessage };

interface ListContext {
  hasOlder: boolean;
  loadingOlder: boolean;
  empty: boolean;
  loadOlder: () => void;
}

/** Top of the list: a "load older" button (keyboard users), or the start of the conversation. */
function ListHeader({ context }: { context: ListContext }) {
  const { t } = useTranslation();
  if (context.loadingOlder) return <p className="list-edge">{t('room.loadingOlder')}</p>;
  if (context.hasOlder) {
    return (
      <p className="list-edge">
        <button type="button" className="small" onClick={context.loadOlder}>
          {t('room.loadOlder')}
        </button>
      </p>
    );
  }
  return <p className="list-edge">{context.empty ? t('room.empty') : t('room.start')}</p>;
}

const components = { Header: ListHeader };

function itemKey(_index: number, item: Item): string {
  return item.kind === 'message' ? `s${item.message.seq}` : `p${item.pending.cid}`;
}

/** R6: the virtualised message list of one room: follows new messages, loads older ones at the top. */
export function MessageList({ room, name }: { room: JoinedRoom; name: string }) {
  const { t } = useTranslation();
  const client = useChatClient();
  const me = useChatState((s) => s.me);
  const ref = useRef<VirtuosoHandle>(null);
  const [atBottom, setAtBottom] = useState(true);
  const roomId = room.id;

  const items = useMemo<Item[]>(
    () => [
      ...room.messages.map((message) => ({ kind: 'message' as const, message })),
      ...room.pending.map((pending) => ({ kind: 'pending' as const, pending })),
    ],
    [room.messages, room.pending],
  );

  // Sending a message brings the list back to the bottom, even when scrolled up.
  const pendingCount = room.pending.length;
  const previousPending = useRef(pendingCount);
  useEffect(() => {
    if (pendingCount > previousPending.current)
      ref.current?.scrollToIndex({ index: 'LAST', behavior: 'auto' });
    previousPending.current = pendingCount;
  }, [pendingCount]);

  const loadOlder = useCallback(() => void client.loadOlder(roomId), [client, roomId]);
  const retry = useCallback((cid: string) => client.retryPending(roomId, cid), [client, roomId]);
  const discard = useCallback((cid: string) => client.discardPending(roomId, cid), [client, roomId]);
  const onAtBottom = useCallback(
    (bottom: boolean) => {
      setAtBottom(bottom);
      client.setAtBottom(bottom);
    },
    [client],
  );

  const context = useMemo<ListContext>(
    () => ({
      hasOlder: room.hasOlder,
      loadingOlder: room.loadingOlder,
      empty: items.length === 0,
      loadOlder,
    }),
    [room.hasOlder, room.loadingOlder, items.length, loadOlder],
  );

  const renderItem = useCallback(
    (_index: number, item: Item) =>
      item.kind === 'message' ? (
        <MessageRow message={item.message} myUserId={me.userId} myNickname={me.nickname} />
      ) : (
        <PendingRow pending={item.pending} myNickname={me.nickname} onRetry={retry} onDiscard={discard} />
      ),
    [me.userId, me.nickname, retry, discard],
  );

  return (
    <div
      className="message-list"
      data-testid="message-list"
      role="log"
      aria-live="polite"
      aria-relevant="additions"
      aria-label={t('room.messages', { name })}
    >
      <Virtuoso<Item, ListContext>
        ref={ref}
        className="message-scroller"
        tabIndex={0}
        data={items}
        context={context}
        components={components}
        firstItemIndex={room.firstIndex}
        initialTopMostItemIndex={Math.max(0, items.length - 1)}
        computeItemKey={itemKey}
        itemContent={renderItem}
        alignToBottom
        followOutput={(bottom: boolean) => (bottom ? 'auto' : false)}
        atBottomStateChange={onAtBottom}
        atBottomThreshold={48}
        startReached={loadOlder}
        increaseViewportBy={{ top: 400, bottom: 200 }}
      />
      {!atBottom && items.length > 0 && (
        <button
          type="button"
          className="jump-to-latest"
          onClick={() => ref.current?.scrollToIndex({ index: 'LAST', behavior: 'auto' })}
        >
          {t('room.jumpToLatest')} ↓
        </button>
      )}
    </div>
  );
}
