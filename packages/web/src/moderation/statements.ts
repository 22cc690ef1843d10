import type { Statement } from '@salon/protocol';
import type { ModerationApi } from '../api/moderation.js';
import type { ApiFailure } from '../api/session.js';

const READ_KEY = 'salon.statements.read';
/** Read marks kept on this browser (the newest ones). */
const READ_KEPT = 200;

type KeyValueStorage = Pick<Storage, 'getItem' | 'setItem'>;

export interface StatementsState {
  /** My statements of reasons, newest first. */
  statements: readonly Statement[];
  /** Ids of the statements already read on this browser. */
  read: ReadonlySet<string>;
  /** A statement opened again from the settings (read or not). */
  opened: string | null;
  /** Names of the rooms seen in this session, to say where a restriction applies. */
  roomNames: Readonly<Record<string, string>>;
}

function browserStorage(): KeyValueStorage | null {
  try {
    return typeof localStorage === 'undefined' ? null : localStorage;
  } catch {
    return null;
  }
}

function loadRead(storage: KeyValueStorage | null): string[] {
  try {
    const value: unknown = JSON.parse(storage?.getItem(READ_KEY) ?? '[]');
    return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
  } catch {
    return [];
  }
}

function newestFirst(list: Iterable<Statement>): Statement[] {
  return [...list].sort((a, b) => b.at - a.at);
}

/** T3: a platform ban still in force (the session cannot come back until it ends). */
export function isPlatformBan(statement: Statement, now: number): boolean {
  return (
    statement.restriction === 'ban' &&
    statement.roomId === null &&
    statement.appeal !== 'reversed' &&
    (statement.until === null || statement.until > now)
  );
}

/** The statement the notice shows: one opened again, or else the newest unread. */
export function shownStatement(state: StatementsState): Statement | null {
  if (state.opened !== null) {
    const opened = state.statements.find((s) => s.id === state.opened);
    if (opened) return opened;
  }
  return state.statements.find((s) => !state.read.has(s.id)) ?? null;
}

export function unreadCount(state: StatementsState): number {
  return state.statements.filter((s) => !state.read.has(s.id)).length;
}

/**
 * T3: the statements of reasons sent to this browser's session, pushed on the socket or fetched
 * over HTTP. They outlive the chat session: a ban ends it, and its statement must stay readable.
 */
export class StatementStore {
  private readonly listeners = new Set<() => void>();
  private readonly storage: KeyValueStorage | null;
  private state: StatementsState;

  constructor(
    private readonly api: ModerationApi,
    storage: KeyValueStorage | null = browserStorage(),
  ) {
    this.storage = storage;
    this.state = { statements: [], read: new Set(loadRead(storage)), opened: null, roomNames: {} };
  }

  readonly subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  };

  readonly getState = (): StatementsState => this.state;

  /** A statement pushed on the socket (or returned by an appeal): added, or replacing its old copy. */
  add(statement: Statement): void {
    const others = this.state.statements.filter((s) => s.id !== statement.id);
    // At the same moment as another one, the one that arrived last comes first.
    this.set({ statements: newestFirst([statement, ...others]) });
  }

  /** `GET /api/statements`; false when they could not be fetched (no session, network). */
  async refresh(): Promise<boolean> {
    const result = await this.api.statements();
    if (!result.ok) return false;
    const byId = new Map(this.state.statements.map((s) => [s.id, s]));
    for (const statement of result.value) byId.set(statement.id, statement);
    this.set({ statements: newestFirst(byId.values()) });
    return true;
  }

  /** Files an appeal; null when it went through (the statement is then "pending"). */
  async appeal(statementId: string, text: string): Promise<ApiFailure | null> {
    const result = await this.api.appeal(statementId, text);
    if (!result.ok) return result.failure;
    this.add(result.value);
    return null;
  }

  /** The user has read it: it is not shown again by itself. */
  markRead(statementId: string): void {
    const read = new Set(this.state.read);
    read.add(statementId);
    const kept = [...read].slice(-READ_KEPT);
    try {
      this.storage?.setItem(READ_KEY, JSON.stringify(kept));
    } catch {
      // Storage full or refused: read for this page only.
    }
    this.set({ read: new Set(kept), opened: this.state.opened === statementId ? null : this.state.opened });
  }

  /** Shows a statement again (from the list in the settings). */
  open(statementId: string | null): void {
    this.set({ opened: statementId });
  }

  /** Rooms known to the chat (public list, my private rooms, joined rooms), by id. */
  nameRooms(rooms: Iterable<{ id: string; name: string }>): void {
    let names: Record<string, string> | null = null;
    for (const room of rooms) {
      if (this.state.roomNames[room.id] === room.name) continue;
      names ??= { ...this.state.roomNames };
      names[room.id] = room.name;
    }
    if (names) this.set({ roomNames: names });
  }

  /**
   * The platform ban still in force, if any (the newest one): the session cannot come back while
   * it lasts, so its statement is shown instead of the entry form.
   */
  platformBan(now: number = Date.now()): Statement | null {
    return this.state.statements.find((s) => isPlatformBan(s, now)) ?? null;
  }

  private set(change: Partial<StatementsState>): void {
    this.state = { ...this.state, ...change };
    for (const listener of [...this.listeners]) listener();
  }
}
