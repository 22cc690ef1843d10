import { createHmac } from 'node:crypto';
import type { IceServer } from '@salon/protocol';

/**
 * V3: time-limited TURN credentials for coturn's `use-auth-secret` (the TURN REST scheme): the
 * user name is the expiry (Unix seconds) and a label, the password the base64 HMAC-SHA1 of the
 * user name under the shared secret. coturn refuses them once expired.
 */
export function turnCredentials(
  secret: string,
  label: string,
  ttlMs: number,
  nowMs: number,
): { username: string; credential: string } {
  const expiry = Math.floor((nowMs + ttlMs) / 1000);
  const username = `${expiry}:${label}`;
  const credential = createHmac('sha1', secret).update(username).digest('base64');
  return { username, credential };
}

export function turnServers(
  turn: { urls: string[]; secret: string | null; ttl: number },
  label: string,
  nowMs: number,
): IceServer[] {
  if (turn.urls.length === 0 || turn.secret === null) return [];
  return [{ urls: turn.urls, ...turnCredentials(turn.secret, label, turn.ttl, nowMs) }];
}
