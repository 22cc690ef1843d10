import { ClientRoomJoin } from '@salon/protocol';
import type { Handler } from '../context.js';
import { answerJoin } from '../joined.js';

export const roomJoin: Handler<'room.join'> = {
  schema: ClientRoomJoin,
  needsSession: true,
  role: 'member',
  rateLimit: null,
  async handle(message, context) {
    const { services, session, subscriber } = context;
    services.restrictions.checkJoin(session.id, message.roomId);
    await answerJoin(context, message.id, () =>
      services.chat.join(subscriber, session, message.roomId, message.after),
    );
  },
};
