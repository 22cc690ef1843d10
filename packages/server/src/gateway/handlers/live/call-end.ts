import { ClientCallEnd } from '@salon/protocol';
import type { Handler } from '../../context.js';

/** V2: ends a call (either person). */
export const callEnd: Handler<'call.end'> = {
  schema: ClientCallEnd,
  needsSession: true,
  role: 'member',
  rateLimit: 'live',
  async handle(message, { services, subscriber, reply }) {
    await services.live.endCall(subscriber, message.conversationId);
    reply({ type: 'ok', id: message.id });
  },
};
