import { ClientRtcAnswer } from '@salon/protocol';
import type { Handler } from '../../context.js';

/** The browser’s answer to the media server’s offer. */
export const rtcAnswer: Handler<'rtc.answer'> = {
  schema: ClientRtcAnswer,
  needsSession: true,
  role: 'member',
  rateLimit: 'live',
  async handle(message, { services, subscriber, reply }) {
    await services.live.answer(subscriber, message.streamId, message.sdp);
    reply({ type: 'ok', id: message.id });
  },
};
