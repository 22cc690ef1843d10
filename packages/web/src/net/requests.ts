import type { ClientMessageOf, ServerMessageOf } from '@salon/protocol';

/** Which server frame answers each client request. */
export interface ReplyTypes {
  'rooms.list': 'rooms';
  'room.join': 'room.joined';
  'room.leave': 'room.left';
  'msg.send': 'msg.ack';
  history: 'history';
  ping: 'pong';
}

export type RequestType = keyof ReplyTypes;

export const REPLY_TYPE: { readonly [K in RequestType]: ReplyTypes[K] } = {
  'rooms.list': 'rooms',
  'room.join': 'room.joined',
  'room.leave': 'room.left',
  'msg.send': 'msg.ack',
  history: 'history',
  ping: 'pong',
};

type WithoutId<T> = T extends unknown ? Omit<T, 'id'> : never;

/** A request as the caller writes it; the connection adds the `id`. */
export type RequestBody<K extends RequestType> = WithoutId<ClientMessageOf<K>>;
export type Reply<K extends RequestType> = ServerMessageOf<ReplyTypes[K]>;

/** Frames the server sends on its own (not as a reply). */
export type PushMessage = ServerMessageOf<
  'room.count' | 'member.joined' | 'member.left' | 'msg' | 'typing' | 'presence' | 'error'
>;
