import { createContext, useContext, useSyncExternalStore } from 'react';
import type { LiveClient } from '../../live/liveClient.js';
import { initialLiveState, type LiveState } from '../../live/state.js';

/** V1–V4: the live client of this chat; absent where a part is rendered on its own. */
export const LiveContext = createContext<LiveClient | null>(null);

export function useLive(): LiveClient | null {
  return useContext(LiveContext);
}

const noSubscribe = () => () => {};

/** A slice of the live state (the initial state where there is no live client). */
export function useLiveState<T>(select: (state: LiveState) => T): T {
  const live = useLive();
  return useSyncExternalStore(live ? live.subscribe : noSubscribe, () =>
    select(live ? live.getState() : initialLiveState),
  );
}
