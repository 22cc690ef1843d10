import { ClientVoiceMute } from '@salon/protocol';
import type { Handler } from '../../context.js';

/** V1: a room moderator mutes someone in the voice. */
export const voiceMute: Handler<'voice.mute'> = {
  schema: ClientVoiceMute,
  needsSession: true,
  role: 'member',
  rateLimit: 'live',
  async handle(message, { services, session, reply }) {
    await services.live.muteVoice(session.id, message.roomId, message.userId);
    reply({ type: 'ok', id: message.id });
  },
};
