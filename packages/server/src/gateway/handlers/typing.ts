import { ClientTyping } from '@salon/protocol';
import type { Handler } from '../context.js';

export const typing: Handler<'typing'> = {
  schema: ClientTyping,
  needsSession: true,
  role: 'member',
  rateLimit: 'typing',
  async handle(message, { services, session }) {
    await services.chat.typing(session, message.roomId);
  },
};
