import type { HandlerTable } from '../context.js';
import { hello } from './hello.js';
import { history } from './history.js';
import { messageSend } from './msg-send.js';
import { ping } from './ping.js';
import { presence } from './presence.js';
import { read } from './read.js';
import { roomJoin } from './room-join.js';
import { roomLeave } from './room-leave.js';
import { roomsList } from './rooms-list.js';
import { typing } from './typing.js';
import { roomCreate } from './room-create.js';
import { linkCreate } from './link-create.js';
import { linkList } from './link-list.js';
import { linkRevoke } from './link-revoke.js';
import { joinLink } from './join-link.js';
import { roomInvite } from './room-invite.js';
import { roomModerate } from './room-moderate.js';
import { roomKeep } from './room-keep.js';
import { dmRequest } from './dm-request.js';
import { dmList } from './dm-list.js';
import { dmOpen } from './dm-open.js';
import { dmRespond } from './dm-respond.js';
import { block } from './block.js';
import { unblock } from './unblock.js';
import { blockList } from './block-list.js';
import { contactGet } from './contact-get.js';
import { contactSet } from './contact-set.js';
import { report } from './report.js';
import { liveConfig } from './live/live-config.js';
import { liveRoom } from './live/live-room.js';
import { camStart } from './live/cam-start.js';
import { camStop } from './live/cam-stop.js';
import { camWatch } from './live/cam-watch.js';
import { camUnwatch } from './live/cam-unwatch.js';
import { camDecide } from './live/cam-decide.js';
import { camRemove } from './live/cam-remove.js';
import { streamEnd } from './live/stream-end.js';
import { rtcAnswer } from './live/rtc-answer.js';
import { rtcCandidate } from './live/rtc-candidate.js';
import { voiceJoin } from './live/voice-join.js';
import { voiceLeave } from './live/voice-leave.js';
import { voiceSpeak } from './live/voice-speak.js';
import { voiceMute } from './live/voice-mute.js';
import { callPropose } from './live/call-propose.js';
import { callRespond } from './live/call-respond.js';
import { callEnd } from './live/call-end.js';

/** Every client message type and its handler: the one place to look (DESIGN convention 1). */
export const HANDLERS: HandlerTable = {
  hello,
  'rooms.list': roomsList,
  'room.join': roomJoin,
  'room.leave': roomLeave,
  'msg.send': messageSend,
  history,
  typing,
  presence,
  read,
  ping,
  'room.create': roomCreate,
  'room.link.create': linkCreate,
  'room.link.list': linkList,
  'room.link.revoke': linkRevoke,
  'room.join.link': joinLink,
  'room.invite': roomInvite,
  'room.moderate': roomModerate,
  'room.keep': roomKeep,
  'dm.request': dmRequest,
  'dm.list': dmList,
  'dm.open': dmOpen,
  'dm.respond': dmRespond,
  block,
  unblock,
  'block.list': blockList,
  'contact.get': contactGet,
  'contact.set': contactSet,
  report,
  'live.config': liveConfig,
  'live.room': liveRoom,
  'cam.start': camStart,
  'cam.stop': camStop,
  'cam.watch': camWatch,
  'cam.unwatch': camUnwatch,
  'cam.decide': camDecide,
  'cam.remove': camRemove,
  'stream.end': streamEnd,
  'rtc.answer': rtcAnswer,
  'rtc.candidate': rtcCandidate,
  'voice.join': voiceJoin,
  'voice.leave': voiceLeave,
  'voice.speak': voiceSpeak,
  'voice.mute': voiceMute,
  'call.propose': callPropose,
  'call.respond': callRespond,
  'call.end': callEnd,
};
