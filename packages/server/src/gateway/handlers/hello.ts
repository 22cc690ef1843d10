import { CLOSE_CODES, ClientHello, PROTOCOL_VERSION } from '@salon/protocol';
import { toMe } from '../../safety/entry.js';
import type { Handler } from '../context.js';

/** The first message: checks the protocol version and the session, then welcomes the client. */
export const hello: Handler<'hello'> = {
  schema: ClientHello,
  needsSession: false,
  role: 'anyone',
  rateLimit: null,
  async handle(message, context) {
    if (context.state.ready) {
      context.reply({
        type: 'error',
        id: message.id,
        code: 'ALREADY_HELLO',
        message: 'hello was already sent.',
      });
      return;
    }
    if (message.v !== PROTOCOL_VERSION) {
      context.close(CLOSE_CODES.VERSION_MISMATCH, `protocol ${PROTOCOL_VERSION} expected`);
      return;
    }
    const session = context.session as typeof context.session | null;
    if (!session) {
      context.close(CLOSE_CODES.UNAUTHENTICATED, 'no session');
      return;
    }
    const { hub, nicknames, blocks, accounts, restrictions } = context.services;
    // T4: a platform ban keeps the user out; their statement stays readable over HTTP (T3).
    if (restrictions.platformBan(session.id, session.device_hash)) {
      context.reply({ type: 'error', id: message.id, code: 'BANNED', message: 'You are banned from Salon.' });
      context.close(CLOSE_CODES.SESSION_ENDED, 'banned');
      return;
    }
    if (!(await nicknames.attach(session.nickname_key, session.id))) {
      context.reply({
        type: 'error',
        id: message.id,
        code: 'NICK_TAKEN',
        message: 'Your nickname is in use.',
      });
      context.close(CLOSE_CODES.SESSION_ENDED, 'nickname taken');
      return;
    }
    await blocks.load(session.id);
    const me = toMe(session, await accounts.isRegistered(session.id));
    // The client may have gone during those waits: nothing would ever release what it took.
    if (context.state.closed) {
      nicknames.detach(session.id);
      return;
    }
    hub.connect(context.subscriber, {
      userId: me.userId,
      nickname: me.nickname,
      gender: me.gender,
      age: me.age,
      region: me.region,
    });
    context.state.ready = true;
    context.reply({ type: 'welcome', id: message.id, v: PROTOCOL_VERSION, me });
  },
};
