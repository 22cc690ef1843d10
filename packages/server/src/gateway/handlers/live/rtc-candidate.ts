import { ClientRtcCandidate } from '@salon/protocol';
import type { Handler } from '../../context.js';

/** V3: a candidate for one of my own streams, for the media server only. */
export const rtcCandidate: Handler<'rtc.candidate'> = {
  schema: ClientRtcCandidate,
  needsSession: true,
  role: 'member',
  rateLimit: 'live',
  async handle(message, { services, subscriber, reply }) {
    await services.live.candidate(subscriber, message.streamId, message.candidate);
    reply({ type: 'ok', id: message.id });
  },
};
