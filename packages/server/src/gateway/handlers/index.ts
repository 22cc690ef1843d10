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
};
