import { ClientPresence } from '@salon/protocol';
import type { Handler } from '../context.js';

export const presence: Handler<'presence'> = {
  schema: ClientPresence,
  needsSession: true,
  role: 'member',
  rateLimit: 'typing',
  handle(message, { services, session }) {
    services.chat.setPresence(session, message.status);
  },
};
