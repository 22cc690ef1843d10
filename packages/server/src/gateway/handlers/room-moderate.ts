import { ClientRoomModerate } from '@salon/protocol';
import type { Handler } from '../context.js';

/** R3: kick, mute, ban and roles in a private room. */
export const roomModerate: Handler<'room.moderate'> = {
  schema: ClientRoomModerate,
  needsSession: true,
  role: 'member',
  rateLimit: null,
  async handle(message, { services, session, reply }) {
    await services.privateRooms.moderate(
      session,
      message.roomId,
      message.userId,
      message.action,
      message.minutes,
    );
    // R3, V4: a member muted in the room loses their camera and their voice there.
    if (message.action === 'mute') await services.live.muted(message.roomId, message.userId);
    reply({ type: 'ok', id: message.id });
  },
};
