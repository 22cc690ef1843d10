import { ClientContactGet } from '@salon/protocol';
import { readPolicy } from '../../chat/direct.js';
import type { Handler } from '../context.js';

/** P2: who may send this user requests. */
export const contactGet: Handler<'contact.get'> = {
  schema: ClientContactGet,
  needsSession: true,
  role: 'member',
  rateLimit: null,
  async handle(message, { services, session, reply }) {
    const row = await services.entry.current(session.id);
    reply({ type: 'contact', id: message.id, policy: readPolicy(row?.contact_policy ?? null) });
  },
};
