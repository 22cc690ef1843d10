import { ClientMessageSend } from '@salon/protocol';
import type { Handler } from '../context.js';

export const messageSend: Handler<'msg.send'> = {
  schema: ClientMessageSend,
  needsSession: true,
  role: 'member',
  rateLimit: 'messages',
  async handle(message, { services, session, reply, origin }) {
    services.suspensions.check(session.id);
    services.restrictions.checkSend(session.id, message.roomId);
    services.limiter.checkRepeat(session.id, message.text, message.cid);
    const seq = await services.chat.send(session, message.roomId, message.cid, message.text, message.mediaId);
    await services.addresses.record(message.roomId, seq, session.id, origin);
    reply({ type: 'msg.ack', id: message.id, cid: message.cid, roomId: message.roomId, seq });
  },
};
