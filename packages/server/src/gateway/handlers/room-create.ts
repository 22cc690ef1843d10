import { ClientRoomCreate } from '@salon/protocol';
import type { Handler } from '../context.js';

/** R2: create a private room. */
export const roomCreate: Handler<'room.create'> = {
  schema: ClientRoomCreate,
  needsSession: true,
  role: 'member',
  rateLimit: null,
  async handle(message, { services, session, reply }) {
    const room = await services.privateRooms.create(
      session,
      message.name,
      message.topic,
      message.voice ?? false,
    );
    reply({ type: 'room.created', id: message.id, room });
  },
};
