import type { FastifyReply, FastifyRequest } from 'fastify';
import type {} from '@fastify/cookie';
import type { Config } from '../config/schema.js';

/** E2: the session token. HttpOnly and SameSite; the server stores only its hash. */
export const SESSION_COOKIE = 'salon_session';
/** E3: a long-lived random token naming this browser, for the age-gate cool-down. */
export const DEVICE_COOKIE = 'salon_device';

const DEVICE_MAX_AGE_S = 400 * 86_400;

export function cookieSecure(config: Readonly<Config>, request: FastifyRequest): boolean {
  const setting = config.http.cookieSecure;
  return setting === 'auto' ? request.protocol === 'https' : setting;
}

export function setSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  config: Readonly<Config>,
  token: string,
): void {
  void reply.setCookie(SESSION_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieSecure(config, request),
    maxAge: Math.floor(config.entry.sessionLifetime / 1000),
  });
}

export function clearSessionCookie(
  reply: FastifyReply,
  request: FastifyRequest,
  config: Readonly<Config>,
): void {
  void reply.clearCookie(SESSION_COOKIE, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieSecure(config, request),
  });
}

/** The browser's device token, created (and set as a cookie) when it has none. */
export function deviceToken(
  reply: FastifyReply,
  request: FastifyRequest,
  config: Readonly<Config>,
  makeToken: () => string,
): string {
  const existing = request.cookies[DEVICE_COOKIE];
  if (existing && /^[A-Za-z0-9_-]{20,100}$/.test(existing)) return existing;
  const token = makeToken();
  void reply.setCookie(DEVICE_COOKIE, token, {
    path: '/',
    httpOnly: true,
    sameSite: 'lax',
    secure: cookieSecure(config, request),
    maxAge: DEVICE_MAX_AGE_S,
  });
  return token;
}
