/** A message is named by its room (or conversation) and its seq. */
export interface MessageKey {
  roomId: string;
  seq: number;
}

/** The seqs of these messages, per room: one `room_id = ? AND seq IN (…)` condition each. */
export function seqsByRoom(keys: Iterable<MessageKey>): Map<string, number[]> {
  const rooms = new Map<string, number[]>();
  for (const { roomId, seq } of keys) {
    const seqs = rooms.get(roomId);
    if (seqs) seqs.push(seq);
    else rooms.set(roomId, [seq]);
  }
  return rooms;
}
