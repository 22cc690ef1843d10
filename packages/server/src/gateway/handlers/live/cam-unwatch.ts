import { ClientCamUnwatch } from '@salon/protocol';
import type { Handler } from '../../context.js';

/** V2: stops watching (or asking for) a camera. */
export const camUnwatch: Handler<'cam.unwatch'> = {
  schema: ClientCamUnwatch,
  needsSession: true,
  role: 'member',
  rateLimit: 'live',
  async handle(message, { services, subscriber, reply }) {
    await services.live.unwatch(subscriber, message.roomId, message.userId);
    reply({ type: 'ok', id: message.id });
  },
};
