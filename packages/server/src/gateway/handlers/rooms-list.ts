import { ClientRoomsList } from '@salon/protocol';
import type { Handler } from '../context.js';

export const roomsList: Handler<'rooms.list'> = {
  schema: ClientRoomsList,
  needsSession: true,
  role: 'member',
  rateLimit: null,
  async handle(message, { services, session, reply }) {
    reply({ type: 'rooms', id: message.id, ...(await services.chat.listRooms(session)) });
  },
};
