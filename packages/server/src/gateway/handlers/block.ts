import { ClientBlock } from '@salon/protocol';
import { SalonError } from '../../errors.js';
import type { Handler } from '../context.js';

/** P3: block a user. */
export const block: Handler<'block'> = {
  schema: ClientBlock,
  needsSession: true,
  role: 'member',
  rateLimit: 'typing',
  async handle(message, { services, session, reply }) {
    if (message.userId === session.id) throw new SalonError('USER_NOT_FOUND', 'You cannot block yourself.');
    await services.blocks.block(session.id, message.userId);
    // P3: no camera between them any more, no call.
    await services.live.blocked(session.id, message.userId);
    reply({ type: 'ok', id: message.id });
  },
};
