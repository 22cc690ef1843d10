import { useId, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { inviteCandidates, roleIn } from '../chat/roles.js';
import { useChatClient, useChatState } from './chatContext.js';
import { Dialog } from './Dialog.js';
import { InviteLinks } from './InviteLinks.js';

/** R2, R3: a private room's settings for its owner and moderators. */
export function RoomMenu({ roomId, onClose }: { roomId: string; onClose: () => void }) {
  const { t } = useTranslation();
  const client = useChatClient();
  const state = useChatState((s) => s);
  const [picked, setPicked] = useState('');
  const [invited, setInvited] = useState<string | null>(null);
  const inviteId = useId();
  const room = state.joined[roomId];
  const info = room?.info;
  if (!room || !info) return null;
  const owner = roleIn(room, state.me.userId) === 'owner';
  const candidates = inviteCandidates(state, roomId);
  const bans = state.bans[roomId] ?? [];
  const chosen = candidates.find((m) => m.userId === picked) ?? candidates[0];

  async function invite() {
    if (!chosen) return;
    if (await client.invite(roomId, chosen.userId)) setInvited(chosen.nickname);
  }

  return (
    <Dialog title={t('roomMenu.title', { name: info.name })} onClose={onClose} testId="room-menu-dialog">
      {({ descriptionId }) => (
        <div id={descriptionId} className="dialog-body">
          <InviteLinks roomId={roomId} />
          <section className="dialog-section" aria-labelledby={`${inviteId}-title`}>
            <h3 id={`${inviteId}-title`}>{t('roomMenu.invite')}</h3>
            {candidates.length === 0 ? (
              <p className="muted">{t('roomMenu.inviteNobody')}</p>
            ) : (
              <div className="inline-form">
                <label htmlFor={inviteId} className="sr-only">
                  {t('roomMenu.invitePick')}
                </label>
                <select
                  id={inviteId}
                  data-testid="invite-user-select"
                  value={chosen?.userId ?? ''}
                  aria-describedby={`${inviteId}-help`}
                  onChange={(e) => {
                    setPicked(e.target.value);
                    setInvited(null);
                  }}
                >
                  {candidates.map((m) => (
                    <option key={m.userId} value={m.userId}>
                      {m.nickname}
                    </option>
                  ))}
                </select>
                <button type="button" data-testid="invite-user-submit" onClick={() => void invite()}>
                  {t('roomMenu.inviteSend')}
                </button>
              </div>
            )}
            <p id={`${inviteId}-help`} className="help">
              {t('roomMenu.inviteHelp')}
            </p>
            <p role="status" className="muted">
              {invited !== null ? t('roomMenu.invited', { name: invited }) : ''}
            </p>
          </section>
          {bans.length > 0 && (
            <section className="dialog-section" aria-labelledby={`${inviteId}-bans`}>
              <h3 id={`${inviteId}-bans`}>{t('roomMenu.bans')}</h3>
              <ul className="plain-list">
                {bans.map((user) => (
                  <li key={user.userId} className="list-row" data-testid={`ban-item-${user.userId}`}>
                    <span>{user.nickname}</span>
                    <button
                      type="button"
                      className="small"
                      data-testid="member-action-unban"
                      onClick={() => void client.moderate(roomId, user.userId, 'unban')}
                    >
                      {t('roomMenu.unban')}
                    </button>
                  </li>
                ))}
              </ul>
            </section>
          )}
          {owner && (
            <section className="dialog-section">
              <label className="check">
                <input
                  type="checkbox"
                  data-testid="room-keep"
                  checked={info.keep}
                  aria-describedby={`${inviteId}-keep`}
                  onChange={(e) => void client.setKeep(roomId, e.target.checked)}
                />
                {t('roomMenu.keep')}
              </label>
              <p id={`${inviteId}-keep`} className="help">
                {t('roomMenu.keepHelp')}
              </p>
            </section>
          )}
          <div className="dialog-actions">
            <button type="button" onClick={onClose}>
              {t('roomMenu.close')}
            </button>
          </div>
        </div>
      )}
    </Dialog>
  );
}
