import { ClientLiveRoom } from '@salon/protocol';
import type { Handler } from '../../context.js';

/** V1, V2: the cameras and voice of a room I am in. */
export const liveRoom: Handler<'live.room'> = {
  schema: ClientLiveRoom,
  needsSession: true,
  role: 'member',
  rateLimit: 'live',
  handle(message, { services, session, reply }) {
    const state = services.live.roomState(session.id, message.roomId);
    reply({ type: 'live.room', id: message.id, roomId: message.roomId, ...state });
  },
};
