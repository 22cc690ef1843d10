import { ClientCamStop } from '@salon/protocol';
import type { Handler } from '../../context.js';

/** V2: turns my camera off. */
export const camStop: Handler<'cam.stop'> = {
  schema: ClientCamStop,
  needsSession: true,
  role: 'member',
  rateLimit: 'live',
  async handle(message, { services, subscriber, reply }) {
    await services.live.stopCam(subscriber, message.roomId);
    reply({ type: 'ok', id: message.id });
  },
};
