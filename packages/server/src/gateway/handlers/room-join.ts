import { ClientRoomJoin } from '@salon/protocol';
import type { Handler } from '../context.js';

export const roomJoin: Handler<'room.join'> = {
  schema: ClientRoomJoin,
  needsSession: true,
  role: 'member',
  rateLimit: null,
  async handle(message, { services, session, subscriber, reply }) {
    services.restrictions.checkJoin(session.id, message.roomId);
    const joined = await services.chat.join(subscriber, session, message.roomId, message.after);
    reply({ type: 'room.joined', id: message.id, ...joined });
  },
};
