import { ClientCallRespond } from '@salon/protocol';
import type { Handler } from '../../context.js';

/** V2: accepts or declines a call. */
export const callRespond: Handler<'call.respond'> = {
  schema: ClientCallRespond,
  needsSession: true,
  role: 'member',
  rateLimit: 'live',
  async handle(message, { services, subscriber, reply }) {
    await services.live.respondCall(subscriber, message.conversationId, message.accept);
    reply({ type: 'ok', id: message.id });
  },
};
