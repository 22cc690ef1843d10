import { ClientJoinLink } from '@salon/protocol';
import type { Handler } from '../context.js';

/** R2: join a private room through an invite link. */
export const joinLink: Handler<'room.join.link'> = {
  schema: ClientJoinLink,
  needsSession: true,
  role: 'member',
  rateLimit: 'typing',
  async handle(message, { services, session, subscriber, reply }) {
    const joined = await services.chat.joinByLink(subscriber, session, message.token);
    reply({ type: 'room.joined', id: message.id, ...joined });
  },
};
