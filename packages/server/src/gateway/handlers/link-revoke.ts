import { ClientLinkRevoke } from '@salon/protocol';
import type { Handler } from '../context.js';

/** R2: revoke an invite link. */
export const linkRevoke: Handler<'room.link.revoke'> = {
  schema: ClientLinkRevoke,
  needsSession: true,
  role: 'member',
  rateLimit: null,
  async handle(message, { services, session, reply }) {
    await services.privateRooms.revokeLink(session, message.roomId, message.linkId);
    reply({ type: 'ok', id: message.id });
  },
};
