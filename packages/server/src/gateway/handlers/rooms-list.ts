import { ClientRoomsList } from '@salon/protocol';
import type { Handler } from '../context.js';

export const roomsList: Handler<'rooms.list'> = {
  schema: ClientRoomsList,
  needsSession: true,
  role: 'member',
  rateLimit: null,
  handle(message, { services, reply }) {
    reply({ type: 'rooms', id: message.id, rooms: services.chat.listRooms() });
  },
};
