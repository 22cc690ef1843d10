import { ClientCamRemove } from '@salon/protocol';
import type { Handler } from '../../context.js';

/** V2: the broadcaster removes a viewer. */
export const camRemove: Handler<'cam.remove'> = {
  schema: ClientCamRemove,
  needsSession: true,
  role: 'member',
  rateLimit: 'live',
  async handle(message, { services, subscriber, reply }) {
    await services.live.removeViewer(subscriber, message.roomId, message.userId);
    reply({ type: 'ok', id: message.id });
  },
};
