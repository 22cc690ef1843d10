import type { ServerMessage } from '@salon/protocol';
import { ConnectionLostError, RequestError } from './errors.js';
import type { TimerHandle, Timers } from './types.js';

interface Pending {
  /** The frame types that answer this request. */
  expect: readonly ServerMessage['type'][];
  resolve: (message: ServerMessage) => void;
  reject: (error: Error) => void;
  timer: TimerHandle;
}

/** Requests waiting for their reply, by id. */
export class PendingRequests {
  private readonly byId = new Map<string, Pending>();

  constructor(private readonly timers: Timers) {}

  add(id: string, entry: Pending): void {
    this.byId.set(id, entry);
  }

  /** Settles the request a reply answers; false when the frame answers none. */
  settle(message: ServerMessage): boolean {
    if (!('id' in message) || message.id === undefined) return false;
    const pending = this.byId.get(message.id);
    if (!pending) return false;
    this.byId.delete(message.id);
    this.timers.clearTimeout(pending.timer);
    if (message.type === 'error') {
      pending.reject(new RequestError(message.code, message.message, message.retryAfterMs));
    } else if (pending.expect.includes(message.type)) {
      pending.resolve(message);
    } else {
      pending.reject(new Error(`unexpected reply ${message.type}`));
    }
    return true;
  }

  /** The socket is gone: every request fails (callers retry after the reconnect). */
  failAll(): void {
    const all = [...this.byId.values()];
    this.byId.clear();
    for (const p of all) {
      this.timers.clearTimeout(p.timer);
      p.reject(new ConnectionLostError('connection lost'));
    }
  }
}
