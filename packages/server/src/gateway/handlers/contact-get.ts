import { ContactPolicy, ClientContactGet } from '@salon/protocol';
import type { Handler } from '../context.js';

/** P2: who may send this user requests. */
export const contactGet: Handler<'contact.get'> = {
  schema: ClientContactGet,
  needsSession: true,
  role: 'member',
  rateLimit: null,
  async handle(message, { services, session, reply }) {
    const row = await services.entry.current(session.id);
    const stored = row?.contact_policy ? ContactPolicy.safeParse(JSON.parse(row.contact_policy)) : null;
    const policy = stored?.success ? stored.data : ContactPolicy.parse({ mode: 'everyone' });
    reply({ type: 'contact', id: message.id, policy });
  },
};
