import { ClientLiveConfig } from '@salon/protocol';
import type { Handler } from '../../context.js';

/** What live media this server offers. */
export const liveConfig: Handler<'live.config'> = {
  schema: ClientLiveConfig,
  needsSession: true,
  role: 'member',
  rateLimit: null,
  handle(message, { services, session, reply }) {
    reply({ type: 'live.config', id: message.id, ...services.live.config(session.id) });
  },
};
