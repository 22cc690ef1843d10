import { ClientUnblock } from '@salon/protocol';
import type { Handler } from '../context.js';

/** P3: unblock a user. */
export const unblock: Handler<'unblock'> = {
  schema: ClientUnblock,
  needsSession: true,
  role: 'member',
  rateLimit: 'typing',
  async handle(message, { services, session, reply }) {
    await services.blocks.unblock(session.id, message.userId);
    services.live.unblocked(session.id, message.userId);
    reply({ type: 'ok', id: message.id });
  },
};
