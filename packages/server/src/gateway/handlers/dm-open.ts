import { ClientDmOpen } from '@salon/protocol';
import type { Handler } from '../context.js';

/** Opens or resumes a conversation (R7). */
export const dmOpen: Handler<'dm.open'> = {
  schema: ClientDmOpen,
  needsSession: true,
  role: 'member',
  rateLimit: null,
  async handle(message, { services, session, reply }) {
    const opened = await services.direct.open(session, message.conversationId, message.after);
    reply({ type: 'dm.opened', id: message.id, ...opened });
  },
};
