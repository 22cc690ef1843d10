import type { GatewayServices } from '../../context.js';

/**
 * V1, V2: sending a camera or one's voice is like writing: refused while suspended (S1), under a
 * staff mute or ban (T4), or muted in the room (R3).
 */
export function checkMayBroadcast(services: GatewayServices, userId: string, roomId: string): void {
  services.suspensions.check(userId);
  services.restrictions.checkSend(userId, roomId);
  services.chat.checkNotMuted(userId, roomId);
}
