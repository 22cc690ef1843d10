export interface BackoffOptions {
  initialMs: number;
  maxMs: number;
}

export const DEFAULT_BACKOFF: BackoffOptions = { initialMs: 250, maxMs: 5000 };

/**
 * Delay before reconnect attempt number `attempt` (0-based): doubles from `initialMs`
 * up to `maxMs`, with "equal jitter" (between half and all of it) so clients that lost
 * the server at the same time do not all come back at the same moment.
 */
export function backoffDelay(
  attempt: number,
  random: number,
  options: BackoffOptions = DEFAULT_BACKOFF,
): number {
  const exp = Math.min(options.maxMs, options.initialMs * 2 ** Math.min(attempt, 30));
  const jitter = Math.min(Math.max(random, 0), 1);
  return Math.round(exp / 2 + (exp / 2) * jitter);
}
