import { ClientDmRespond } from '@salon/protocol';
import type { Handler } from '../context.js';

/** P1: accept or ignore a request. */
export const dmRespond: Handler<'dm.respond'> = {
  schema: ClientDmRespond,
  needsSession: true,
  role: 'member',
  rateLimit: null,
  async handle(message, { services, session, reply }) {
    await services.direct.respond(session, message.conversationId, message.action);
    reply({ type: 'ok', id: message.id });
  },
};
