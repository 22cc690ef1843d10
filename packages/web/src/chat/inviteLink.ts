/** R2: an invite link is Salon's address with `#join=<token>`; the token never reaches the server in a URL. */
const MAX_TOKEN = 128;
const TOKEN = /^[A-Za-z0-9_~.-]+$/;

export function inviteUrl(origin: string, token: string): string {
  return `${origin}/#join=${encodeURIComponent(token)}`;
}

/** The invite token in a location hash (`#join=…`), or null when there is none or it is malformed. */
export function parseInviteHash(hash: string): string | null {
  const raw = hash.startsWith('#') ? hash.slice(1) : hash;
  if (raw === '') return null;
  let value: string | null;
  try {
    value = new URLSearchParams(raw).get('join');
  } catch {
    return null;
  }
  if (value === null) return null;
  const token = value.trim();
  if (token === '' || token.length > MAX_TOKEN || !TOKEN.test(token)) return null;
  return token;
}
