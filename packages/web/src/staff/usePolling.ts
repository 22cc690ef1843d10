import { useEffect } from 'react';

/** Lists of the console (open cases, alerts) are fetched again this often while the page is open. */
export const REFRESH_MS = 30_000;

/**
 * Runs `load` at once, then every `everyMs` while the tab is visible (a hidden tab does not
 * poll), until the component goes away or `load` changes.
 */
export function usePolling(load: () => Promise<void>, everyMs: number = REFRESH_MS): void {
  useEffect(() => {
    void load();
    const timer = setInterval(() => {
      if (document.visibilityState !== 'hidden') void load();
    }, everyMs);
    return () => clearInterval(timer);
  }, [load, everyMs]);
}
