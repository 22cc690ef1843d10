import { ClientDmList } from '@salon/protocol';
import type { Handler } from '../context.js';

/** P1: the user's conversations and the requests waiting for them. */
export const dmList: Handler<'dm.list'> = {
  schema: ClientDmList,
  needsSession: true,
  role: 'member',
  rateLimit: null,
  async handle(message, { services, session, reply }) {
    reply({ type: 'dm.list', id: message.id, conversations: await services.direct.list(session) });
  },
};
