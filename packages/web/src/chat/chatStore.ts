import type { ErrorCode } from '@salon/protocol';
import { ConnectionLostError, RequestError } from '../net/errors.js';
import { updateRoom } from './reducers.js';
import type { JoinedRoom } from './roomState.js';
import type { ChatState, Removal } from './state.js';

/** Holds immutable snapshots of the chat state for `useSyncExternalStore`. */
export class ChatStore {
  private readonly listeners = new Set<() => void>();
  private noticeKey = 0;

  constructor(protected state: ChatState) {}

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): ChatState => this.state;

  dismissNotice(): void {
    this.set({ notice: null });
  }

  dismissRemoval(): void {
    this.set({ removal: null });
  }

  protected notify(code: ErrorCode): void {
    this.noticeKey += 1;
    this.set({ notice: { code, key: this.noticeKey } });
  }

  /** Tells the user why a request was refused; a lost connection is not worth a word. */
  protected report(error: unknown): void {
    if (error instanceof RequestError) this.notify(error.code);
    else if (!(error instanceof ConnectionLostError)) console.error(error);
  }

  /** R3: tells the user why a room went away. */
  protected setRemoval(removal: Omit<Removal, 'key'>): void {
    this.noticeKey += 1;
    this.set({ removal: { ...removal, key: this.noticeKey } });
  }

  protected updateRoom(roomId: string, change: (room: JoinedRoom) => JoinedRoom): void {
    const next = updateRoom(this.state, roomId, change);
    if (next !== this.state) this.replace(next);
  }

  /** Replaces the whole state (after a reducer) and tells the listeners. */
  protected replace(next: ChatState): void {
    this.state = next;
    for (const listener of [...this.listeners]) listener();
  }

  protected set(change: Partial<ChatState>): void {
    this.replace({ ...this.state, ...change });
  }

  protected removeListeners(): void {
    this.listeners.clear();
  }
}
