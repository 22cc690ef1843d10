import { ClientCamWatch } from '@salon/protocol';
import type { Handler } from '../../context.js';

/** V2: asks to watch a camera. */
export const camWatch: Handler<'cam.watch'> = {
  schema: ClientCamWatch,
  needsSession: true,
  role: 'member',
  rateLimit: 'live',
  async handle(message, { services, subscriber, reply }) {
    const { pending } = await services.live.watch(subscriber, message.roomId, message.userId);
    reply({ type: 'cam.watching', id: message.id, roomId: message.roomId, userId: message.userId, pending });
  },
};
