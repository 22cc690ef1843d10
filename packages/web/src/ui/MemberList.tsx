import { useId } from 'react';
import { useTranslation } from 'react-i18next';
import type { Member } from '@salon/protocol';

const GENDER_MARK: Record<Member['gender'], string> = {
  woman: '♀',
  man: '♂',
  nonbinary: '⚲',
  undisclosed: '',
};

/**
 * R4: who is in the room: nickname, gender and age as declared, region only if shared,
 * and presence. Nothing else about a person is ever shown.
 */
export function MemberList({ members, myUserId }: { members: readonly Member[]; myUserId: string }) {
  const { t } = useTranslation();
  const titleId = useId();
  return (
    <section className="members" aria-labelledby={titleId}>
      <h2 id={titleId} className="panel-title">
        {t('members.title')} <span className="muted">({members.length})</span>
      </h2>
      <ul className="member-list" data-testid="member-list">
        {members.map((m) => (
          <li
            key={m.userId}
            className={m.userId === myUserId ? 'member member-me' : 'member'}
            data-testid="member"
            data-status={m.status}
          >
            <span className={`presence presence-${m.status}`} aria-hidden="true" />
            <span className="member-main">
              <span className="member-nick">
                {m.nickname}
                {m.userId === myUserId && <span className="muted"> {t('members.you')}</span>}
              </span>
              <span className="member-details">
                {GENDER_MARK[m.gender] !== '' && <span aria-hidden="true">{GENDER_MARK[m.gender]} </span>}
                {t(`gender.${m.gender}`)} · {t('members.age', { age: m.age })}
                {m.region !== null && <> · {t(`region.${m.region}`)}</>}
                <span className="sr-only">, {t(`members.${m.status}`)}</span>
              </span>
            </span>
          </li>
        ))}
      </ul>
    </section>
  );
}
