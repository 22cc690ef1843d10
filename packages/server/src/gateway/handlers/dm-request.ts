import { ClientDmRequest } from '@salon/protocol';
import type { Handler } from '../context.js';

/** P1: a message to a user: opens a request, or continues the conversation. */
export const dmRequest: Handler<'dm.request'> = {
  schema: ClientDmRequest,
  needsSession: true,
  role: 'member',
  rateLimit: 'messages',
  async handle(message, { services, session, reply, origin }) {
    services.suspensions.check(session.id);
    services.restrictions.checkSend(session.id, null);
    services.limiter.checkRepeat(session.id, message.text, message.cid);
    const { conversation, seq } = await services.direct.request(
      session,
      message.userId,
      message.cid,
      message.text,
    );
    await services.addresses.record(conversation.id, seq, session.id, origin);
    reply({ type: 'dm.requested', id: message.id, cid: message.cid, conversation, seq });
  },
};
