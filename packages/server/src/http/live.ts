import type { FastifyInstance, FastifyRequest } from 'fastify';
import { EndStreamRequest, HTTP_PATHS, type LiveStream, type StaffMe } from '@salon/protocol';
import type { Hub } from '../chat/hub.js';
import type { RoomDirectory } from '../chat/directory.js';
import type { LiveService } from '../rtc/live.js';
import type { AuditLog } from '../safety/audit.js';
import { answering, parse } from './errors.js';

export interface LiveRouteDeps {
  live: LiveService;
  hub: Hub;
  rooms: RoomDirectory;
  audit: AuditLog;
  staff: (request: FastifyRequest) => Promise<StaffMe>;
}

/** V4: staff see every live stream and can end any of them; each end is in the audit log (T8). */
export function registerLiveRoutes(app: FastifyInstance, deps: LiveRouteDeps): void {
  const base = `${HTTP_PATHS.staff}/streams`;
  app.get(base, (request, reply) =>
    answering(reply, async () => {
      await deps.staff(request);
      const streams: LiveStream[] = [];
      for (const stream of deps.live.streams()) {
        const kind = await deps.rooms.kind(stream.roomId);
        const room = kind === 'public' || kind === 'private' ? await deps.rooms.room(stream.roomId) : null;
        streams.push({
          ...stream,
          roomName: room?.name ?? null,
          nickname: deps.hub.card(stream.userId)?.nickname ?? stream.userId,
        });
      }
      return { streams };
    }),
  );
  app.post(`${base}/end`, (request, reply) =>
    answering(reply, async () => {
      const staff = await deps.staff(request);
      const body = parse(EndStreamRequest, request.body);
      const ended = await deps.live.staffEnd(body.roomId, body.userId);
      if (ended) {
        await deps.audit.record({
          actorKind: 'staff',
          actorId: staff.id,
          action: 'stream.ended',
          targetKind: 'user',
          targetId: body.userId,
          details: { roomId: body.roomId },
        });
      }
      return { ended };
    }),
  );
}
