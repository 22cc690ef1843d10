import { ClientCamStart } from '@salon/protocol';
import { checkMayBroadcast } from './may-broadcast.js';
import type { Handler } from '../../context.js';

/** V2: turns my camera on (a room, or an active call). */
export const camStart: Handler<'cam.start'> = {
  schema: ClientCamStart,
  needsSession: true,
  role: 'member',
  rateLimit: 'live',
  async handle(message, { services, session, subscriber, reply }) {
    checkMayBroadcast(services, session.id, message.roomId);
    const { streamId, sdp } = await services.live.startCam(
      subscriber,
      message.roomId,
      message.access,
      message.sdp,
    );
    reply({ type: 'cam.started', id: message.id, roomId: message.roomId, streamId, sdp });
  },
};
