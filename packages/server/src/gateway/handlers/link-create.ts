import { ClientLinkCreate } from '@salon/protocol';
import type { Handler } from '../context.js';

/** R2: a new invite link for a private room (owner or moderator). */
export const linkCreate: Handler<'room.link.create'> = {
  schema: ClientLinkCreate,
  needsSession: true,
  role: 'member',
  rateLimit: 'messages',
  async handle(message, { services, session, reply }) {
    const link = await services.privateRooms.createLink(session, message.roomId);
    reply({ type: 'room.link', id: message.id, roomId: message.roomId, ...link });
  },
};
