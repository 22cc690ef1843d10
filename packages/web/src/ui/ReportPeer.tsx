import { useTranslation } from 'react-i18next';
import type { UserCard } from '@salon/protocol';
import { isDraft } from '../chat/conversations.js';
import { useReport } from './reportContext.js';

/** T1, P1: reports the other person of a conversation (with the conversation as context). */
export function ReportPeer({
  peer,
  conversationId,
  testId,
}: {
  peer: UserCard;
  conversationId: string;
  testId: string;
}) {
  const { t } = useTranslation();
  const openReport = useReport();
  if (!openReport) return null;
  return (
    <button
      type="button"
      className="small"
      data-testid={testId}
      aria-label={t('report.user', { name: peer.nickname })}
      onClick={() =>
        openReport({
          target: isDraft(conversationId)
            ? { kind: 'user', userId: peer.userId }
            : { kind: 'user', userId: peer.userId, roomId: conversationId },
          subject: t('report.subject.user', { name: peer.nickname }),
        })
      }
    >
      {t('report.button')}
    </button>
  );
}
