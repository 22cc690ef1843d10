import { ClientTyping } from '@salon/protocol';
import type { Handler } from '../context.js';

export const typing: Handler<'typing'> = {
  schema: ClientTyping,
  needsSession: true,
  role: 'member',
  rateLimit: 'typing',
  handle(message, { services, session }) {
    services.chat.typing(session, message.roomId);
  },
};
