import { ClientVoiceSpeak } from '@salon/protocol';
import { SalonError } from '../../../errors.js';
import type { Handler } from '../../context.js';

/** V1: unmutes (within the speaker limit) or mutes myself. */
export const voiceSpeak: Handler<'voice.speak'> = {
  schema: ClientVoiceSpeak,
  needsSession: true,
  role: 'member',
  rateLimit: 'live',
  async handle(message, { services, session, subscriber, reply }) {
    if (message.on) {
      services.suspensions.check(session.id);
      services.restrictions.checkSend(session.id, message.roomId);
      const standing = services.hub.standing(message.roomId, session.id);
      if (standing?.mutedUntil && standing.mutedUntil > Date.now()) {
        throw new SalonError('MUTED', 'You are muted in this room.');
      }
    }
    await services.live.speak(subscriber, message.roomId, message.on);
    reply({ type: 'ok', id: message.id });
  },
};
