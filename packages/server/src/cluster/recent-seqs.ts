/** How many recent seqs a node remembers per room. */
const WINDOW = 512;

/**
 * R7, O1: the seqs of room messages this node delivered lately, per room. A message published
 * twice (a client's retry after a node died before answering it) reaches each connection once.
 */
export class RecentSeqs {
  private readonly rooms = new Map<string, { seen: Set<number>; order: number[] }>();

  /** True the first time a room's seq is seen here; false for a repeat. */
  first(roomId: string, seq: number): boolean {
    let room = this.rooms.get(roomId);
    if (!room) {
      room = { seen: new Set(), order: [] };
      this.rooms.set(roomId, room);
    }
    if (room.seen.has(seq)) return false;
    room.seen.add(seq);
    room.order.push(seq);
    if (room.order.length > WINDOW) room.seen.delete(room.order.shift()!);
    return true;
  }

  /** The room has no member on this node any more. */
  forget(roomId: string): void {
    this.rooms.delete(roomId);
  }
}
