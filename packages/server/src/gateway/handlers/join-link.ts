import { ClientJoinLink } from '@salon/protocol';
import type { Handler } from '../context.js';
import { answerJoin } from '../joined.js';

/** R2: join a private room through an invite link. */
export const joinLink: Handler<'room.join.link'> = {
  schema: ClientJoinLink,
  needsSession: true,
  role: 'member',
  rateLimit: 'typing',
  async handle(message, context) {
    const { services, session, subscriber } = context;
    await answerJoin(context, message.id, () => services.chat.joinByLink(subscriber, session, message.token));
  },
};
