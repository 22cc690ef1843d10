import { ClientRoomKeep } from '@salon/protocol';
import type { Handler } from '../context.js';

/** R2: the owner keeps a private room while it is empty. */
export const roomKeep: Handler<'room.keep'> = {
  schema: ClientRoomKeep,
  needsSession: true,
  role: 'member',
  rateLimit: null,
  async handle(message, { services, session, reply }) {
    await services.privateRooms.keep(session, message.roomId, message.keep);
    reply({ type: 'ok', id: message.id });
  },
};
