import { useEffect, useRef, useState } from 'react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member, ModerationAction } from '@salon/protocol';
import { canManage, memberActions, MUTE_MINUTES, roleIn, roomsToInviteTo } from '../chat/roles.js';
import { MemberLiveActions } from './live/MemberLiveActions.js';
import { useChatClient, useChatState } from './chatContext.js';
import { useReport } from './reportContext.js';

interface Props {
  id: string;
  roomId: string;
  member: Member;
  onClose: () => void;
  onConversation?: (() => void) | undefined;
}

/**
 * What I can do about one member: private message (P1), block (P3), invite to one of my private
 * rooms (R2), and the moderation my role in this room allows (R3).
 */
export function MemberMenu({ id, roomId, member, onClose, onConversation }: Props) {
  const { t } = useTranslation();
  const client = useChatClient();
  const openReport = useReport();
  const state = useChatState((s) => s);
  const ref = useRef<HTMLDivElement>(null);
  const [minutes, setMinutes] = useState<number>(MUTE_MINUTES[0]);

  useEffect(() => {
    ref.current?.querySelector<HTMLElement>('button')?.focus();
  }, []);

  const me = state.me.userId;
  const blocked = state.blocked.some((b) => b.userId === member.userId);
  const actions = memberActions({
    viewerId: me,
    viewerRole: roleIn(state.joined[roomId], me),
    target: member,
    blocked,
    now: Date.now(),
  });
  const inviteRooms = roomsToInviteTo(state, member.userId);

  function close() {
    onClose();
    // Back to the button that opened the menu.
    document.querySelector<HTMLElement>(`[aria-controls="${id}"]`)?.focus();
  }

  function moderate(action: ModerationAction) {
    void client.moderate(roomId, member.userId, action, action === 'mute' ? minutes : undefined);
    close();
  }

  function onKeyDown(event: KeyboardEvent<HTMLDivElement>) {
    if (event.key === 'Escape') {
      event.stopPropagation();
      close();
    }
  }

  return (
    <div
      ref={ref}
      id={id}
      className="member-menu"
      role="group"
      aria-label={t('memberMenu.open', { name: member.nickname })}
      onKeyDown={onKeyDown}
    >
      {actions.map((action) => {
        switch (action) {
          case 'message':
            return (
              <button
                key={action}
                type="button"
                className="small"
                data-testid="member-action-message"
                onClick={() => {
                  client.messageUser(member);
                  onClose();
                  onConversation?.();
                }}
              >
                {t('memberMenu.message')}
              </button>
            );
          case 'block':
          case 'unblock':
            return (
              <button
                key={action}
                type="button"
                className="small"
                data-testid={`member-action-${action}`}
                onClick={() => {
                  if (action === 'block') void client.block(member);
                  else void client.unblock(member.userId);
                  close();
                }}
              >
                {t(`memberMenu.${action}`)}
              </button>
            );
          case 'mute':
            return (
              <span key={action} className="menu-mute">
                <label className="sr-only" htmlFor={`${id}-minutes`}>
                  {t('memberMenu.muteFor')}
                </label>
                <select
                  id={`${id}-minutes`}
                  data-testid="member-mute-minutes"
                  value={minutes}
                  onChange={(event) => setMinutes(Number(event.target.value))}
                >
                  {MUTE_MINUTES.map((m) => (
                    <option key={m} value={m}>
                      {t('memberMenu.minutes', { count: m })}
                    </option>
                  ))}
                </select>
                <button
                  type="button"
                  className="small"
                  data-testid="member-action-mute"
                  onClick={() => moderate('mute')}
                >
                  {t('memberMenu.mute')}
                </button>
              </span>
            );
          default:
            return (
              <button
                key={action}
                type="button"
                className={action === 'ban' || action === 'kick' ? 'small danger' : 'small'}
                data-testid={`member-action-${action}`}
                onClick={() => moderate(action)}
              >
                {t(`memberMenu.${action}`)}
              </button>
            );
        }
      })}
      {inviteRooms.map((room) => (
        <button
          key={room.id}
          type="button"
          className="small"
          data-testid={`member-action-invite-${room.id}`}
          onClick={() => {
            void client.invite(room.id, member.userId);
            close();
          }}
        >
          {t('memberMenu.inviteTo', { room: room.name })}
        </button>
      ))}
      <MemberLiveActions
        roomId={roomId}
        member={member}
        moderator={canManage(roleIn(state.joined[roomId], me))}
        onDone={close}
      />
      {openReport && (
        <button
          type="button"
          className="small danger"
          data-testid="member-action-report"
          aria-label={t('report.user', { name: member.nickname })}
          onClick={() => {
            close();
            openReport({
              target: { kind: 'user', userId: member.userId, roomId },
              subject: t('report.subject.user', { name: member.nickname }),
            });
          }}
        >
          {t('report.button')}
        </button>
      )}
    </div>
  );
}
