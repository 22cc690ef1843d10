import { ClientVoiceSpeak } from '@salon/protocol';
import { checkMayBroadcast } from './may-broadcast.js';
import type { Handler } from '../../context.js';

/** V1: unmutes (within the speaker limit) or mutes myself. */
export const voiceSpeak: Handler<'voice.speak'> = {
  schema: ClientVoiceSpeak,
  needsSession: true,
  role: 'member',
  rateLimit: 'live',
  async handle(message, { services, session, subscriber, reply }) {
    if (message.on) checkMayBroadcast(services, session.id, message.roomId);
    await services.live.speak(subscriber, message.roomId, message.on);
    reply({ type: 'ok', id: message.id });
  },
};
