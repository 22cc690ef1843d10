import { ClientMessageSend } from '@salon/protocol';
import type { Handler } from '../context.js';

export const messageSend: Handler<'msg.send'> = {
  schema: ClientMessageSend,
  needsSession: true,
  role: 'member',
  rateLimit: 'messages',
  async handle(message, { services, session, reply }) {
    const seq = await services.chat.send(session, message.roomId, message.cid, message.text);
    reply({ type: 'msg.ack', id: message.id, cid: message.cid, roomId: message.roomId, seq });
  },
};
