import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '@salon/protocol';
import { isMuted } from '../chat/roles.js';
import { MemberMenu } from './MemberMenu.js';
import { MemberLive } from './live/MemberLive.js';

const GENDER_MARK: Record<Member['gender'], string> = {
  woman: '♀',
  man: '♂',
  nonbinary: '⚲',
  undisclosed: '',
};

interface Props {
  members: readonly Member[];
  myUserId: string;
  /** The room these are members of: enables each member's menu (private message, block, R3 moderation). */
  roomId?: string;
  /** A private conversation was opened from a menu. */
  onConversation?: () => void;
}

/**
 * R4: who is in the room: nickname, gender and age as declared, region only if shared,
 * and presence. Nothing else about a person is ever shown.
 */
export function MemberList({ members, myUserId, roomId, onConversation }: Props) {
  const { t } = useTranslation();
  const titleId = useId();
  const menuId = useId();
  const [open, setOpen] = useState<string | null>(null);
  const now = Date.now();
  return (
    <section className="members" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel-title">
        {t('members.title')} <span className="muted">({members.length})</span>
      </h2>
      <ul className="member-list" data-testid="member-list">
        {members.map((m) => {
          const me = m.userId === myUserId;
          const expanded = open === m.userId;
          return (
            <li
              key={m.userId}
              className={me ? 'member member-me' : 'member'}
              data-testid="member"
              data-status={m.status}
              data-user={m.userId}
            >
              <div className="member-row">
                <span className={`presence presence-${m.status}`} aria-hidden="true" />
                <span className="member-main">
                  <span className="member-nick">
                    {m.nickname}
                    {me && <span className="muted"> {t('members.you')}</span>}
                    {m.role !== 'member' && <span className="badge badge-role">{t(`roles.${m.role}`)}</span>}
                    {isMuted(m, now) && <span className="badge badge-muted">{t('roles.muted')}</span>}
                  </span>
                  <span className="member-details">
                    {GENDER_MARK[m.gender] !== '' && <span aria-hidden="true">{GENDER_MARK[m.gender]} </span>}
                    {t(`gender.${m.gender}`)} · {t('members.age', { age: m.age })}
                    {m.region !== null && <> · {t(`region.${m.region}`)}</>}
                    <span className="sr-only">, {t(`members.${m.status}`)}</span>
                  </span>
                </span>
                {roomId !== undefined && <MemberLive roomId={roomId} member={m} me={me} />}
                {!me && roomId !== undefined && (
                  <button
                    type="button"
                    className="icon-button member-menu-button"
                    data-testid={`member-menu-${m.userId}`}
                    aria-label={t('memberMenu.open', { name: m.nickname })}
                    title={t('memberMenu.open', { name: m.nickname })}
                    aria-expanded={expanded}
                    aria-controls={expanded ? `${menuId}-${m.userId}` : undefined}
                    onClick={() => setOpen(expanded ? null : m.userId)}
                  >
                    <span aria-hidden="true">⋯</span>
                  </button>
                )}
              </div>
              {expanded && roomId !== undefined && (
                <MemberMenu
                  id={`${menuId}-${m.userId}`}
                  roomId={roomId}
                  member={m}
                  onClose={() => setOpen(null)}
                  onConversation={onConversation}
                />
              )}
            </li>
          );
        })}
      </ul>
    </section>
  );
}
