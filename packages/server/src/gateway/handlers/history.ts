import { ClientHistory } from '@salon/protocol';
import type { Handler } from '../context.js';

export const history: Handler<'history'> = {
  schema: ClientHistory,
  needsSession: true,
  role: 'member',
  rateLimit: null,
  async handle(message, { services, session, reply }) {
    const page = await services.chat.olderPage(session, message.roomId, message.before, message.limit);
    reply({ type: 'history', id: message.id, roomId: message.roomId, ...page });
  },
};
