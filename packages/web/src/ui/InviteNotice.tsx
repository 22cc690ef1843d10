import { useTranslation } from 'react-i18next';
import { useChatClient, useChatState } from './chatContext.js';

/** R2: "X invites you to the private room Y", with Join and Dismiss. */
export function InviteNotice({ onJoined }: { onJoined: () => void }) {
  const { t } = useTranslation();
  const client = useChatClient();
  const invites = useChatState((s) => s.invites);
  if (invites.length === 0) return null;
  return (
    <div className="invite-notices">
      {invites.map(({ room, by }) => (
        <div key={room.id} className="invite-notice" role="status" data-testid="invite-notice">
          <span className="invite-text">{t('invite.notice', { by, name: room.name })}</span>
          <button
            type="button"
            className="small primary"
            data-testid="invite-notice-join"
            onClick={() => {
              client.acceptInvite(room.id);
              onJoined();
            }}
          >
            {t('invite.join')}
          </button>
          <button
            type="button"
            className="small"
            data-testid="invite-notice-dismiss"
            onClick={() => client.dismissInvite(room.id)}
          >
            {t('invite.dismiss')}
          </button>
        </div>
      ))}
    </div>
  );
}
