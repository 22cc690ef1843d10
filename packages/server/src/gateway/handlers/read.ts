import { ClientRead } from '@salon/protocol';
import type { Handler } from '../context.js';

export const read: Handler<'read'> = {
  schema: ClientRead,
  needsSession: true,
  role: 'member',
  rateLimit: null,
  async handle(message, { services, session }) {
    await services.chat.markRead(session, message.roomId, message.seq);
  },
};
