import type { FastifyInstance, FastifyReply, FastifyRequest } from 'fastify';
import { HTTP_PATHS, type StaffMe, type StaffRole } from '@salon/protocol';
import type { Config } from '../config/schema.js';
import type { StaffService, StaffSignedIn } from '../staff/accounts.js';
import { cookieSecure } from './cookies.js';
import { answering, SalonError, sendError } from './errors.js';

/** O3: the staff session token. Apart from the chat session cookie; the server stores only its hash. */
export const STAFF_COOKIE = 'salon_staff';

/** What the staff helpers need. */
export interface StaffAuthDeps {
  staff: StaffService;
}

export interface StaffRouteDeps extends StaffAuthDeps {
  config: Readonly<Config>;
}

/** Admins may do everything moderators may. */
const ROLE_RANK: Record<StaffRole, number> = { moderator: 1, admin: 2 };

/** The staff member signed in on this request (cookie `salon_staff`), or null. */
export function staffFrom(request: FastifyRequest, deps: StaffAuthDeps): Promise<StaffMe | null> {
  return deps.staff.resolve(request.cookies[STAFF_COOKIE]);
}

/** Throws `FORBIDDEN` unless the staff member has this role or a higher one (admin > moderator). */
export function requireRole(staff: StaffMe, role: StaffRole): void {
  if (ROLE_RANK[staff.role] < ROLE_RANK[role]) {
    throw new SalonError('FORBIDDEN', 'Your staff role does not allow this.');
  }
}

/**
 * The staff member signed in on this request; throws `UNAUTHENTICATED` when there is none and,
 * when a role is given, `FORBIDDEN` when theirs is lower. For staff routes, inside `answering`.
 */
export async function requireStaff(
  request: FastifyRequest,
  deps: StaffAuthDeps,
  role?: StaffRole,
): Promise<StaffMe> {
  const staff = await staffFrom(request, deps);
  if (!staff) throw new SalonError('UNAUTHENTICATED', 'Staff login required.');
  if (role) requireRole(staff, role);
  return staff;
}

function setStaffCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  config: Readonly<Config>,
  signedIn: StaffSignedIn,
): void {
  void reply.setCookie(STAFF_COOKIE, signedIn.token, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: cookieSecure(config, request),
    maxAge: Math.floor(config.staff.sessionLifetime / 1000),
  });
}

function clearStaffCookie(reply: FastifyReply, request: FastifyRequest, config: Readonly<Config>): void {
  void reply.clearCookie(STAFF_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'strict',
    secure: cookieSecure(config, request),
  });
}

/** O3: enrolment through the one-time link, login with password and TOTP, the current staff member, logout. */
export function registerStaffAuthRoutes(app: FastifyInstance, deps: StaffRouteDeps): void {
  const { staff, config } = deps;
  const base = HTTP_PATHS.staff;
  // Secrets and staff identities are never kept by a browser cache or a proxy.
  const noStore = (reply: FastifyReply) => reply.header('cache-control', 'no-store');

  /** Replaces this browser's previous staff session (if any) by the new one. */
  const signIn = async (request: FastifyRequest, reply: FastifyReply, signedIn: StaffSignedIn) => {
    const previous = request.cookies[STAFF_COOKIE];
    if (previous && previous !== signedIn.token) await staff.logout(previous);
    setStaffCookie(reply, request, config, signedIn);
    return reply.code(200).send({ staff: signedIn.staff });
  };

  app.post(`${base}/enrol`, (request, reply) =>
    answering(noStore(reply), async () => reply.code(200).send(await staff.enrol(request.body))),
  );

  app.post(`${base}/enrol/confirm`, (request, reply) =>
    answering(noStore(reply), async () => signIn(request, reply, await staff.confirmEnrolment(request.body))),
  );

  app.post(`${base}/login`, (request, reply) =>
    answering(noStore(reply), async () =>
      signIn(request, reply, await staff.login(request.body, request.ip)),
    ),
  );

  app.get(`${base}/me`, async (request, reply) => {
    noStore(reply);
    const me = await staffFrom(request, deps);
    if (!me) return sendError(reply, new SalonError('UNAUTHENTICATED', 'Staff login required.'));
    return { staff: me };
  });

  app.post(`${base}/logout`, async (request, reply) => {
    await staff.logout(request.cookies[STAFF_COOKIE]);
    clearStaffCookie(reply, request, config);
    return reply.code(204).send();
  });
}
