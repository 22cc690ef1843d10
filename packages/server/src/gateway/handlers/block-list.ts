import { ClientBlockList } from '@salon/protocol';
import type { Handler } from '../context.js';

/** P3: the users this user blocked. */
export const blockList: Handler<'block.list'> = {
  schema: ClientBlockList,
  needsSession: true,
  role: 'member',
  rateLimit: null,
  async handle(message, { services, session, reply }) {
    reply({ type: 'block.list', id: message.id, users: await services.blocks.list(session.id) });
  },
};
