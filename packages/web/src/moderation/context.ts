import { createContext, useContext, useSyncExternalStore } from 'react';
import type { StatementsState, StatementStore } from './statements.js';

/** T3: the statements store, provided by the app (absent in parts rendered on their own). */
export const StatementsContext = createContext<StatementStore | null>(null);

export function useStatementStore(): StatementStore | null {
  return useContext(StatementsContext);
}

const EMPTY: StatementsState = { statements: [], read: new Set(), opened: null, roomNames: {} };
const noop = () => () => undefined;

export function useStatements(): StatementsState {
  const store = useStatementStore();
  return useSyncExternalStore(store?.subscribe ?? noop, () => store?.getState() ?? EMPTY);
}
