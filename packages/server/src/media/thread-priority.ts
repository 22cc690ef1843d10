import { setPriority } from 'node:os';

/**
 * Lowers the calling worker thread's scheduling priority (nice 10). On Linux a nice value
 * belongs to a thread, so this leaves the event loop's thread as it was: when image work and
 * chat traffic compete for the cores, chat wins. Elsewhere, or if refused, nothing changes.
 */
export function lowerThreadPriority(): void {
  if (process.platform !== 'linux') return;
  try {
    setPriority(10);
  } catch {
    // Not allowed here: the work runs at normal priority.
  }
}
