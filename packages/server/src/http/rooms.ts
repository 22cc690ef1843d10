import type { FastifyInstance } from 'fastify';
import { HTTP_PATHS, type EntryOptions } from '@salon/protocol';
import type { ChatService } from '../chat/chat.js';
import type { Config } from '../config/schema.js';

export function registerRoomRoutes(app: FastifyInstance, chat: ChatService, config: Readonly<Config>): void {
  /** R1: the public rooms with live counts; public information. */
  app.get(HTTP_PATHS.rooms, () => ({ rooms: chat.publicRooms() }));

  app.get(HTTP_PATHS.entryOptions, (): EntryOptions => ({ minAge: config.entry.minAge }));
}
