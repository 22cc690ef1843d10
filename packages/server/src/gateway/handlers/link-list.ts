import { ClientLinkList } from '@salon/protocol';
import type { Handler } from '../context.js';

/** R2: the live invite links of a private room. */
export const linkList: Handler<'room.link.list'> = {
  schema: ClientLinkList,
  needsSession: true,
  role: 'member',
  rateLimit: null,
  async handle(message, { services, session, reply }) {
    const links = await services.privateRooms.listLinks(session, message.roomId);
    reply({ type: 'room.links', id: message.id, roomId: message.roomId, links });
  },
};
