import { ClientPing } from '@salon/protocol';
import type { Handler } from '../context.js';

export const ping: Handler<'ping'> = {
  schema: ClientPing,
  needsSession: true,
  role: 'member',
  rateLimit: null,
  handle(message, { reply }) {
    reply({ type: 'pong', id: message.id });
  },
};
