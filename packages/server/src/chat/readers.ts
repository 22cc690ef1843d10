import type { Store } from '../store/index.js';
import type { RoomDirectory } from './directory.js';
import type { Roster } from '../cluster/roster.js';

/**
 * Who may see what is in a room or conversation (M4, T1): a public or private room's members
 * (connected now, or, for a private room, on its member list), a conversation's two people.
 */
export async function canRead(
  deps: { store: Store; roster: Roster; rooms: RoomDirectory },
  userId: string,
  roomId: string,
): Promise<boolean> {
  const kind = await deps.rooms.kind(roomId);
  if (kind === 'direct') {
    const row = await deps.store.conversations.get(roomId);
    return row !== null && (row.user_low === userId || row.user_high === userId);
  }
  if (kind === null) return false;
  if (await deps.roster.isMember(roomId, userId)) return true;
  return kind === 'private' && (await deps.store.members.get(roomId, userId)) !== null;
}
