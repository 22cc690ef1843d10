import { ClientVoiceJoin } from '@salon/protocol';
import type { Handler } from '../../context.js';

/** V1: joins the voice of a voice room, muted. */
export const voiceJoin: Handler<'voice.join'> = {
  schema: ClientVoiceJoin,
  needsSession: true,
  role: 'member',
  rateLimit: 'live',
  async handle(message, { services, subscriber, reply }) {
    const { streamId, sdp } = await services.live.joinVoice(subscriber, message.roomId, message.sdp);
    reply({ type: 'voice.joined', id: message.id, roomId: message.roomId, streamId, sdp });
  },
};
