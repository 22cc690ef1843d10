import { ClientRoomLeave } from '@salon/protocol';
import type { Handler } from '../context.js';

export const roomLeave: Handler<'room.leave'> = {
  schema: ClientRoomLeave,
  needsSession: true,
  role: 'member',
  rateLimit: null,
  async handle(message, { services, session, reply }) {
    await services.chat.leave(session, message.roomId);
    reply({ type: 'room.left', id: message.id, roomId: message.roomId });
  },
};
