import type { TimerHandle, Timers } from '../net/types.js';

/** One pending timeout per key; setting a key again replaces its timeout. */
export class KeyedTimers {
  private readonly handles = new Map<string, TimerHandle>();

  constructor(private readonly timers: Timers) {}

  has(key: string): boolean {
    return this.handles.has(key);
  }

  set(key: string, ms: number, callback: () => void): void {
    this.clear(key);
    this.handles.set(
      key,
      this.timers.setTimeout(() => {
        this.handles.delete(key);
        callback();
      }, ms),
    );
  }

  clear(key: string): void {
    const handle = this.handles.get(key);
    if (handle === undefined) return;
    this.timers.clearTimeout(handle);
    this.handles.delete(key);
  }

  clearWhere(test: (key: string) => boolean): void {
    for (const key of [...this.handles.keys()]) if (test(key)) this.clear(key);
  }

  clearAll(): void {
    this.clearWhere(() => true);
  }
}
