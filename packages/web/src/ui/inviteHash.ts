import { useEffect, useState } from 'react';
import type { ChatClient } from '../chat/client.js';
import { parseInviteHash } from '../chat/inviteLink.js';

/** Removes the invite token from the address bar (and history) once it has been used. */
function clearHash(): void {
  const { pathname, search } = window.location;
  window.history.replaceState(window.history.state, '', `${pathname}${search}`);
}

/**
 * R2: Salon opened (or the address changed) with `#join=<token>`: once connected, joins the
 * private room the link opens, then takes the token out of the URL.
 */
export function useInviteLink(client: ChatClient, online: boolean, onJoined: () => void): void {
  const [token, setToken] = useState(() => parseInviteHash(window.location.hash));

  useEffect(() => {
    const onHash = () => {
      const found = parseInviteHash(window.location.hash);
      if (found !== null) setToken(found);
    };
    window.addEventListener('hashchange', onHash);
    return () => window.removeEventListener('hashchange', onHash);
  }, []);

  useEffect(() => {
    if (token === null || !online) return;
    setToken(null);
    clearHash();
    void client.joinByLink(token).then((joined) => {
      if (joined) onJoined();
    });
  }, [client, token, online, onJoined]);
}
