import { ClientCallPropose } from '@salon/protocol';
import { checkMayBroadcast } from './may-broadcast.js';
import type { Handler } from '../../context.js';

/** V2: proposes a video call in an accepted conversation. */
export const callPropose: Handler<'call.propose'> = {
  schema: ClientCallPropose,
  needsSession: true,
  role: 'member',
  rateLimit: 'live',
  async handle(message, { services, session, subscriber, reply }) {
    checkMayBroadcast(services, session.id, message.conversationId);
    await services.live.proposeCall(subscriber, message.conversationId);
    reply({ type: 'ok', id: message.id });
  },
};
