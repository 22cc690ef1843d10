import { ClientContactSet } from '@salon/protocol';
import type { Handler } from '../context.js';

/** P2: sets who may send this user requests; enforced when a request is opened. */
export const contactSet: Handler<'contact.set'> = {
  schema: ClientContactSet,
  needsSession: true,
  role: 'member',
  rateLimit: 'typing',
  async handle(message, { services, session, reply }) {
    await services.entry.setContactPolicy(session.id, message.policy);
    reply({ type: 'ok', id: message.id });
  },
};
