import { useCallback, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InviteLink } from '@salon/protocol';
import { inviteUrl } from '../chat/inviteLink.js';
import { useChatClient } from './chatContext.js';
import { formatMoment } from './format.js';

/** R2: create an invite link (shown once, with Copy), list the live ones and revoke them. */
export function InviteLinks({ roomId }: { roomId: string }) {
  const { t, i18n } = useTranslation();
  const client = useChatClient();
  const [links, setLinks] = useState<InviteLink[] | null>(null);
  const [fresh, setFresh] = useState<string | null>(null);
  const [copied, setCopied] = useState(false);

  const reload = useCallback(async () => {
    const list = await client.listLinks(roomId);
    if (list) setLinks(list);
  }, [client, roomId]);

  useEffect(() => {
    void reload();
  }, [reload]);

  async function create() {
    const link = await client.createLink(roomId);
    if (!link) return;
    setFresh(inviteUrl(window.location.origin, link.token));
    setCopied(false);
    await reload();
  }

  async function revoke(linkId: string) {
    if (await client.revokeLink(roomId, linkId)) {
      setLinks((list) => list?.filter((l) => l.linkId !== linkId) ?? null);
    }
  }

  async function copy(url: string) {
    try {
      await navigator.clipboard.writeText(url);
      setCopied(true);
    } catch {
      // No clipboard access: the link stays on screen to copy by hand.
      setCopied(false);
    }
  }

  return (
    <section className="dialog-section" aria-labelledby="invite-links-title">
      <h3 id="invite-links-title">{t('roomMenu.links')}</h3>
      <p className="help">{t('roomMenu.linksHelp')}</p>
      <button type="button" data-testid="invite-link-create" onClick={() => void create()}>
        {t('roomMenu.createLink')}
      </button>
      {fresh !== null && (
        <div className="invite-fresh">
          <p className="help">{t('roomMenu.newLink')}</p>
          <p className="leave-url" data-testid="invite-link">
            {fresh}
          </p>
          <button
            type="button"
            className="small"
            data-testid="invite-link-copy"
            onClick={() => void copy(fresh)}
          >
            {t('roomMenu.copy')}
          </button>
          <span className="muted" role="status">
            {copied ? t('roomMenu.copied') : ''}
          </span>
        </div>
      )}
      {links !== null && links.length === 0 && <p className="muted">{t('roomMenu.noLinks')}</p>}
      {links !== null && links.length > 0 && (
        <ul className="plain-list">
          {links.map((link) => (
            <li key={link.linkId} className="list-row" data-testid="invite-link-item" data-link={link.linkId}>
              <span>{t('roomMenu.linkItem', { time: formatMoment(link.createdAt, i18n.language) })}</span>
              <button
                type="button"
                className="small danger"
                data-testid="invite-link-revoke"
                onClick={() => void revoke(link.linkId)}
              >
                {t('roomMenu.revoke')}
              </button>
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
