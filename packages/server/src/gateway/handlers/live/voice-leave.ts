import { ClientVoiceLeave } from '@salon/protocol';
import type { Handler } from '../../context.js';

/** V1: leaves the voice. */
export const voiceLeave: Handler<'voice.leave'> = {
  schema: ClientVoiceLeave,
  needsSession: true,
  role: 'member',
  rateLimit: 'live',
  async handle(message, { services, subscriber, reply }) {
    await services.live.leaveVoice(subscriber, message.roomId);
    reply({ type: 'ok', id: message.id });
  },
};
