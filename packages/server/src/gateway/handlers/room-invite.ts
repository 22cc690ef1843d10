import { ClientRoomInvite } from '@salon/protocol';
import type { Handler } from '../context.js';

/** R2: invite a connected user to a private room. */
export const roomInvite: Handler<'room.invite'> = {
  schema: ClientRoomInvite,
  needsSession: true,
  role: 'member',
  rateLimit: 'typing',
  async handle(message, { services, session, reply }) {
    await services.privateRooms.invite(session, message.roomId, message.userId);
    reply({ type: 'ok', id: message.id });
  },
};
