import { ClientCamStart } from '@salon/protocol';
import { SalonError } from '../../../errors.js';
import type { Handler } from '../../context.js';

/** V2: turns my camera on (a room, or an active call). */
export const camStart: Handler<'cam.start'> = {
  schema: ClientCamStart,
  needsSession: true,
  role: 'member',
  rateLimit: 'live',
  async handle(message, { services, session, subscriber, reply }) {
    services.suspensions.check(session.id);
    services.restrictions.checkSend(session.id, message.roomId);
    const standing = services.hub.standing(message.roomId, session.id);
    if (standing?.mutedUntil && standing.mutedUntil > Date.now()) {
      throw new SalonError('MUTED', 'You are muted in this room.');
    }
    const { streamId, sdp } = await services.live.startCam(
      subscriber,
      message.roomId,
      message.access,
      message.sdp,
    );
    reply({ type: 'cam.started', id: message.id, roomId: message.roomId, streamId, sdp });
  },
};
