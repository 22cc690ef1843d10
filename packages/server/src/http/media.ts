import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HTTP_PATHS, MediaId, RoomId } from '@salon/protocol';
import type { Config } from '../config/schema.js';
import { originAllowed } from '../gateway/origin.js';
import type { MediaService } from '../media/upload/service.js';
import { SERVED_TYPES } from '../media/upload/types.js';
import type { EntryService } from '../safety/entry.js';
import { SESSION_COOKIE } from './cookies.js';
import { answering, SalonError } from './errors.js';

export interface MediaRouteDeps {
  media: MediaService;
  entry: EntryService;
  config: Readonly<Config>;
}

/** M1: uploads (streamed), M4: serving to members only, with ranges for video and audio. */
export function registerMediaRoutes(app: FastifyInstance, deps: MediaRouteDeps): void {
  const { media, entry, config } = deps;
  const largest = Math.max(
    config.media.image.maxBytes,
    config.media.video.maxBytes,
    config.media.audio.maxBytes,
  );

  const session = async (request: FastifyRequest) => {
    const found = await entry.resolve(request.cookies[SESSION_COOKIE]);
    if (!found) throw new SalonError('UNAUTHENTICATED', 'No session.');
    return found;
  };
  const guard = answering;

  app.get(HTTP_PATHS.mediaOptions, () => media.options());

  void app.register((scope, _options, done) => {
    // The body is not parsed: the route reads the request stream itself, whatever the type.
    scope.removeAllContentTypeParsers();
    scope.addContentTypeParser('*', (_request, payload, next) => next(null, payload));
    scope.post(HTTP_PATHS.media, (request, reply) =>
      guard(reply, async () => {
        // A refused upload may leave unread bytes on the connection: close it after the answer.
        void reply.header('connection', 'close');
        // A cross-site form cannot upload into someone's session (cookies are SameSite=Lax too).
        if (!originAllowed(request.headers.origin, request.headers.host, config.http.allowedOrigins)) {
          throw new SalonError('ORIGIN_FORBIDDEN', 'Uploads come from Salon pages only.');
        }
        const user = await session(request);
        const roomId = RoomId.safeParse((request.query as Record<string, unknown>).roomId);
        if (!roomId.success) throw new SalonError('BAD_MESSAGE', 'Say which room or conversation: ?roomId=…');
        const declared = Number(request.headers['content-length'] ?? 0);
        if (declared > largest) {
          throw new SalonError('MEDIA_TOO_LARGE', 'This file is too large.');
        }
        const ref = await media.upload(user, roomId.data, request.raw, {
          address: request.ip,
          port: request.socket.remotePort ?? 0,
        });
        void reply.removeHeader('connection');
        return reply.code(201).send({ media: ref });
      }),
    );
    done();
  });

  const serve = (part: 'file' | 'thumb') => async (request: FastifyRequest, reply: FastifyReply) =>
    guard(reply, async () => {
      const user = await session(request);
      const id = MediaId.safeParse((request.params as Record<string, unknown>).id);
      if (!id.success) throw new SalonError('NOT_FOUND', 'No such file.');
      const file = await media.readable(user.id, id.data, part);
      const type = SERVED_TYPES.has(file.mime) ? file.mime : 'application/octet-stream';
      void reply
        .header('content-type', type)
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, max-age=86400')
        .header('accept-ranges', 'bytes')
        .header('content-security-policy', "default-src 'none'; sandbox")
        .header('cross-origin-resource-policy', 'same-origin')
        .header(
          'content-disposition',
          type === 'application/octet-stream' ? 'attachment; filename="file.bin"' : 'inline',
        );
      const range = parseRange(request.headers.range, file.size);
      if (range === 'invalid') {
        return reply.code(416).header('content-range', `bytes */${file.size}`).send();
      }
      if (range === null) {
        return reply.header('content-length', file.size).send(media.stream(file.key));
      }
      return reply
        .code(206)
        .header('content-range', `bytes ${range.start}-${range.end}/${file.size}`)
        .header('content-length', range.end - range.start + 1)
        .send(media.stream(file.key, range));
    });

  app.get(`${HTTP_PATHS.mediaFiles}/:id`, serve('file'));
  app.get(`${HTTP_PATHS.mediaFiles}/:id/thumb`, serve('thumb'));
}

/** One `bytes=` range (the only kind browsers send for media); null for the whole file. */
export function parseRange(
  header: string | undefined,
  size: number,
): { start: number; end: number } | null | 'invalid' {
  if (header === undefined) return null;
  const match = /^bytes=(\d*)-(\d*)$/.exec(header.trim());
  if (!match) return null; // several ranges or another unit: send the whole file
  const [, from, to] = match;
  let start: number;
  let end: number;
  if (from === '') {
    if (to === '') return 'invalid';
    const suffix = Number(to);
    if (suffix === 0) return 'invalid';
    start = Math.max(0, size - suffix);
    end = size - 1;
  } else {
    start = Number(from);
    end = to === '' ? size - 1 : Math.min(Number(to), size - 1);
  }
  if (!Number.isSafeInteger(start) || start >= size || end < start) return 'invalid';
  return { start, end };
}
