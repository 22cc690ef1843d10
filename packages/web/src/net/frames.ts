import { assertNever, ServerMessageUnion } from '@salon/protocol';
import type { ServerMessage } from '@salon/protocol';
import { LIVE_PUSH_TYPES, type LivePush, type PushMessage } from './requests.js';

export type { LivePush };

/** A server frame checked against the protocol schemas, or null when it is not one. */
export function parseFrame(data: unknown): ServerMessage | null {
  if (typeof data !== 'string') return null;
  let json: unknown;
  try {
    json = JSON.parse(data);
  } catch {
    return null;
  }
  const parsed = ServerMessageUnion.safeParse(json);
  return parsed.success ? parsed.data : null;
}

/** Whether a frame is an event the server pushed on its own, rather than a reply. */
export function isPush(message: ServerMessage): message is PushMessage {
  if (isLivePush(message)) return true;
  switch (message.type) {
    case 'room.count':
    case 'member.joined':
    case 'member.left':
    case 'members.joined':
    case 'members.left':
    case 'msg':
    case 'typing':
    case 'presence':
    case 'room.invited':
    case 'room.removed':
    case 'member.updated':
    case 'room.updated':
    case 'dm.updated':
    case 'statement':
    case 'report.outcome':
    case 'safety.notice':
      return true;
    case 'error':
      return message.id === undefined;
    case 'welcome':
    case 'ok':
    case 'pong':
    case 'rooms':
    case 'room.joined':
    case 'room.left':
    case 'msg.ack':
    case 'history':
    case 'room.created':
    case 'room.link':
    case 'room.links':
    case 'dm.requested':
    case 'dm.list':
    case 'dm.opened':
    case 'block.list':
    case 'contact':
    case 'report.received':
    case 'live.config':
    case 'live.room':
    case 'cam.started':
    case 'cam.watching':
    case 'voice.joined':
      return false;
    default:
      return assertNever(message, 'server message');
  }
}

const LIVE_PUSHES = new Set<string>(LIVE_PUSH_TYPES);

/** V1–V4: a push for the live client. */
export function isLivePush(message: ServerMessage): message is LivePush {
  return LIVE_PUSHES.has(message.type);
}
