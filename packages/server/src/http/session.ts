import type { FastifyInstance } from 'fastify';
import { CLOSE_CODES, HTTP_PATHS } from '@salon/protocol';
import { randomToken, type Random } from '../clock.js';
import type { Config } from '../config/schema.js';
import type { Hub } from '../chat/hub.js';
import { toMe, type EntryService } from '../safety/entry.js';
import type { Limiter } from '../safety/limiter.js';
import { clearSessionCookie, deviceToken, SESSION_COOKIE, setSessionCookie } from './cookies.js';
import { SalonError, sendError } from './errors.js';

/** E1–E3: entering (POST), restoring (GET) and leaving (DELETE) a session. */
export function registerSessionRoutes(
  app: FastifyInstance,
  deps: { entry: EntryService; hub: Hub; limiter: Limiter; config: Readonly<Config>; random: Random },
): void {
  const { entry, config } = deps;

  app.get(HTTP_PATHS.session, async (request, reply) => {
    deviceToken(reply, request, config, () => randomToken(deps.random, 128));
    const session = await entry.resolve(request.cookies[SESSION_COOKIE]);
    if (!session) return sendError(reply, new SalonError('UNAUTHENTICATED', 'No session.'));
    if (!entry.nicknameAvailable(session)) {
      return sendError(reply, new SalonError('NICK_TAKEN', 'Someone connected is now using your nickname.'));
    }
    // The session slides forward with use: so does its cookie.
    setSessionCookie(reply, request, config, request.cookies[SESSION_COOKIE]!);
    return { me: toMe(session) };
  });

  app.post(HTTP_PATHS.session, async (request, reply) => {
    const device = deviceToken(reply, request, config, () => randomToken(deps.random, 128));
    try {
      await deps.limiter.consume('entries', request.ip);
      const previous = await entry.resolve(request.cookies[SESSION_COOKIE]);
      const { session, token } = await entry.enter(request.body, {
        deviceToken: device,
        address: request.ip,
      });
      if (previous) {
        deps.hub.endSession(previous.id, CLOSE_CODES.SESSION_ENDED);
        await entry.leave(previous);
      }
      setSessionCookie(reply, request, config, token);
      return await reply.code(201).send({ me: toMe(session) });
    } catch (error) {
      if (error instanceof SalonError) return sendError(reply, error);
      throw error;
    }
  });

  app.delete(HTTP_PATHS.session, async (request, reply) => {
    const session = await entry.resolve(request.cookies[SESSION_COOKIE]);
    if (session) {
      deps.hub.endSession(session.id, CLOSE_CODES.SESSION_ENDED);
      await entry.leave(session);
    }
    clearSessionCookie(reply, request, config);
    return reply.code(204).send();
  });
}
