import type { ClientMessageOf, ServerMessageOf } from '@salon/protocol';

/** Which server frame answers each client request. */
export interface ReplyTypes {
  'rooms.list': 'rooms';
  'room.join': 'room.joined';
  'room.leave': 'room.left';
  'msg.send': 'msg.ack';
  history: 'history';
  ping: 'pong';
  // R2, R3: private rooms
  'room.create': 'room.created';
  'room.link.create': 'room.link';
  'room.link.list': 'room.links';
  'room.link.revoke': 'ok';
  'room.join.link': 'room.joined';
  'room.invite': 'ok';
  'room.moderate': 'ok';
  'room.keep': 'ok';
  // P1–P3: private messages, blocks, contact preferences
  'dm.request': 'dm.requested';
  'dm.list': 'dm.list';
  'dm.open': 'dm.opened';
  'dm.respond': 'ok';
  block: 'ok';
  unblock: 'ok';
  'block.list': 'block.list';
  'contact.get': 'contact';
  'contact.set': 'ok' | 'contact';
  // T1: reports
  report: 'report.received';
  // V1–V4: live webcam, voice and calls
  'live.config': 'live.config';
  'live.room': 'live.room';
  'cam.start': 'cam.started';
  'cam.stop': 'ok';
  'cam.watch': 'cam.watching';
  'cam.unwatch': 'ok';
  'cam.decide': 'ok';
  'cam.remove': 'ok';
  'stream.end': 'ok';
  'rtc.answer': 'ok';
  'rtc.candidate': 'ok';
  'voice.join': 'voice.joined';
  'voice.leave': 'ok';
  'voice.speak': 'ok';
  'voice.mute': 'ok';
  'call.propose': 'ok';
  'call.respond': 'ok';
  'call.end': 'ok';
}

export type RequestType = keyof ReplyTypes;

/** The frame types accepted as the reply to each request. */
export const REPLY_TYPE: { readonly [K in RequestType]: readonly ReplyTypes[K][] } = {
  'rooms.list': ['rooms'],
  'room.join': ['room.joined'],
  'room.leave': ['room.left'],
  'msg.send': ['msg.ack'],
  history: ['history'],
  ping: ['pong'],
  'room.create': ['room.created'],
  'room.link.create': ['room.link'],
  'room.link.list': ['room.links'],
  'room.link.revoke': ['ok'],
  'room.join.link': ['room.joined'],
  'room.invite': ['ok'],
  'room.moderate': ['ok'],
  'room.keep': ['ok'],
  'dm.request': ['dm.requested'],
  'dm.list': ['dm.list'],
  'dm.open': ['dm.opened'],
  'dm.respond': ['ok'],
  block: ['ok'],
  unblock: ['ok'],
  'block.list': ['block.list'],
  'contact.get': ['contact'],
  'contact.set': ['ok', 'contact'],
  report: ['report.received'],
  'live.config': ['live.config'],
  'live.room': ['live.room'],
  'cam.start': ['cam.started'],
  'cam.stop': ['ok'],
  'cam.watch': ['cam.watching'],
  'cam.unwatch': ['ok'],
  'cam.decide': ['ok'],
  'cam.remove': ['ok'],
  'stream.end': ['ok'],
  'rtc.answer': ['ok'],
  'rtc.candidate': ['ok'],
  'voice.join': ['voice.joined'],
  'voice.leave': ['ok'],
  'voice.speak': ['ok'],
  'voice.mute': ['ok'],
  'call.propose': ['ok'],
  'call.respond': ['ok'],
  'call.end': ['ok'],
};

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** A request as the caller writes it; the connection adds the `id`. */
export type RequestBody<K extends RequestType> = WithoutId<ClientMessageOf<K>>;
export type Reply<K extends RequestType> = ServerMessageOf<ReplyTypes[K]>;

/** Frames the server sends on its own (not as a reply). */
export type PushMessage = ServerMessageOf<
  | 'room.count'
  | 'member.joined'
  | 'member.left'
  | 'members.joined'
  | 'members.left'
  | 'msg'
  | 'typing'
  | 'presence'
  | 'error'
  | 'room.invited'
  | 'room.removed'
  | 'member.updated'
  | 'room.updated'
  | 'dm.updated'
  | 'statement'
  | 'report.outcome'
  | 'safety.notice'
  | LivePushType
>;

/** V1–V4: pushes about live media, handled by the live client rather than the chat. */
export const LIVE_PUSH_TYPES = [
  'live.cams',
  'voice.state',
  'cam.offer',
  'cam.refused',
  'cam.viewers',
  'stream.closed',
  'call.state',
] as const;
export type LivePushType = (typeof LIVE_PUSH_TYPES)[number];
export type LivePush = ServerMessageOf<LivePushType>;
