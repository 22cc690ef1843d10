import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { CLOSE_CODES, HTTP_PATHS } from '@salon/protocol';
import { randomToken, type Random } from '../clock.js';
import type { Config } from '../config/schema.js';
import type { Bus } from '../cluster/bus.js';
import type { AccountService } from '../safety/accounts.js';
import { toMe, type EntryContext, type EntryService } from '../safety/entry.js';
import type { Limiter } from '../safety/limiter.js';
import type { Restrictions } from '../moderation/restrictions.js';
import { sha256Hex } from '../util/hash.js';
import type { SessionRow } from '../store/index.js';
import { clearSessionCookie, deviceToken, SESSION_COOKIE, setSessionCookie } from './cookies.js';
import { answering, SalonError, sendError } from './errors.js';

export interface SessionRouteDeps {
  entry: EntryService;
  /** T4: a platform ban binds the device: a new nickname from it is refused. */
  restrictions: Restrictions;
  accounts: AccountService;
  bus: Bus;
  limiter: Limiter;
  config: Readonly<Config>;
  random: Random;
}

/** E1–E3, E5: entering (POST), restoring (GET) and leaving (DELETE); registering and logging in. */
export function registerSessionRoutes(app: FastifyInstance, deps: SessionRouteDeps): void {
  const { entry, accounts, config } = deps;
  const context = (request: FastifyRequest, reply: FastifyReply): EntryContext => ({
    deviceToken: deviceToken(reply, request, config, () => randomToken(deps.random, 128)),
    address: request.ip,
  });
  const me = async (session: SessionRow) => ({ me: toMe(session, await accounts.isRegistered(session.id)) });

  /** Replaces this browser's previous session (if any) by a new one and sets the cookie. */
  const start = async (
    request: FastifyRequest,
    reply: FastifyReply,
    created: { session: SessionRow; token: string },
  ) => {
    const previous = await entry.resolve(request.cookies[SESSION_COOKIE]);
    if (previous && previous.id !== created.session.id) {
      deps.bus.publishControl({ op: 'end', sessionId: previous.id, closeCode: CLOSE_CODES.SESSION_ENDED });
      await entry.leave(previous);
    }
    setSessionCookie(reply, request, config, created.token);
    return reply.code(201).send(await me(created.session));
  };

  const guard = answering;

  app.get(HTTP_PATHS.session, async (request, reply) => {
    context(request, reply);
    const session = await entry.resolve(request.cookies[SESSION_COOKIE]);
    if (!session) return sendError(reply, new SalonError('UNAUTHENTICATED', 'No session.'));
    if (!(await entry.nicknameAvailable(session))) {
      return sendError(reply, new SalonError('NICK_TAKEN', 'Someone connected is now using your nickname.'));
    }
    // The session slides forward with use: so does its cookie.
    setSessionCookie(reply, request, config, request.cookies[SESSION_COOKIE]!);
    return me(session);
  });

  app.post(HTTP_PATHS.session, (request, reply) =>
    guard(reply, async () => {
      const ctx = context(request, reply);
      await deps.limiter.consume('entries', request.ip);
      await deps.restrictions.checkEntry(sha256Hex(ctx.deviceToken), entry.addressHash(ctx.address));
      return start(request, reply, await entry.enter(request.body, ctx));
    }),
  );

  app.delete(HTTP_PATHS.session, async (request, reply) => {
    const session = await entry.resolve(request.cookies[SESSION_COOKIE]);
    if (session) {
      deps.bus.publishControl({ op: 'end', sessionId: session.id, closeCode: CLOSE_CODES.SESSION_ENDED });
      await entry.leave(session);
    }
    clearSessionCookie(reply, request, config);
    return reply.code(204).send();
  });

  app.post(HTTP_PATHS.register, (request, reply) =>
    guard(reply, async () => {
      const session = await entry.resolve(request.cookies[SESSION_COOKIE]);
      if (!session) throw new SalonError('UNAUTHENTICATED', 'No session.');
      await accounts.register(session, request.body);
      return reply.code(201).send(await me(session));
    }),
  );

  app.post(HTTP_PATHS.login, (request, reply) =>
    guard(reply, async () => {
      const ctx = context(request, reply);
      await deps.restrictions.checkEntry(sha256Hex(ctx.deviceToken), entry.addressHash(ctx.address));
      const created = await accounts.login(request.body, ctx);
      // The same identity may be open elsewhere: that browser is signed out.
      deps.bus.publishControl({
        op: 'end',
        sessionId: created.session.id,
        closeCode: CLOSE_CODES.SESSION_ENDED,
      });
      await entry.claimNickname(created.session);
      return start(request, reply, created);
    }),
  );
}
