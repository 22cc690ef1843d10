import { ClientStreamEnd } from '@salon/protocol';
import type { Handler } from '../../context.js';

/** V4: a room moderator ends someone’s camera and voice. */
export const streamEnd: Handler<'stream.end'> = {
  schema: ClientStreamEnd,
  needsSession: true,
  role: 'member',
  rateLimit: 'live',
  async handle(message, { services, session, reply }) {
    await services.live.endStream(session.id, message.roomId, message.userId);
    await services.audit.record({
      actorKind: 'user',
      actorId: session.id,
      action: 'stream.ended',
      targetKind: 'user',
      targetId: message.userId,
      details: { roomId: message.roomId },
    });
    reply({ type: 'ok', id: message.id });
  },
};
