import { ClientCamDecide } from '@salon/protocol';
import type { Handler } from '../../context.js';

/** V2: the broadcaster lets a viewer watch, or refuses. */
export const camDecide: Handler<'cam.decide'> = {
  schema: ClientCamDecide,
  needsSession: true,
  role: 'member',
  rateLimit: 'live',
  async handle(message, { services, subscriber, reply }) {
    await services.live.decide(subscriber, message.roomId, message.userId, message.allow);
    reply({ type: 'ok', id: message.id });
  },
};
