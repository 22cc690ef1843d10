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
};
