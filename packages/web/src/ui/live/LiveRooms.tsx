import { useEffect, useRef } from 'react';
import { useChatState } from '../chatContext.js';
import { useLive } from './liveContext.js';

/** Ends this browser's live media in a room it left (the server ends it on its side too). */
export function LiveRooms() {
  const live = useLive();
  const joined = useChatState((s) => s.joined);
  const previous = useRef<string[]>([]);
  useEffect(() => {
    const now = Object.keys(joined);
    for (const roomId of previous.current) if (!now.includes(roomId)) live?.forgetRoom(roomId);
    previous.current = now;
  }, [joined, live]);
  return null;
}
