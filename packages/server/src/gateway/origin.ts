/**
 * Cross-site WebSocket hijacking guard: a browser always sends `Origin` on a WebSocket upgrade.
 * It must be the page's own origin (same host as the request) or one the operator allowed.
 * Clients that are not browsers (tools, the load generator) send none and are let through:
 * they cannot carry a victim's cookies.
 */
export function originAllowed(
  origin: string | undefined,
  host: string | undefined,
  allowed: readonly string[],
): boolean {
  if (origin === undefined) return true;
  let parsed: URL;
  try {
    parsed = new URL(origin);
  } catch {
    return false;
  }
  if (parsed.protocol !== 'http:' && parsed.protocol !== 'https:') return false;
  if (host !== undefined && parsed.host.toLowerCase() === host.toLowerCase()) return true;
  return allowed.some((entry) => new URL(entry).origin === parsed.origin);
}
