import type { FastifyReply } from 'fastify';
import type { HttpError } from '@salon/protocol';
import { SalonError } from '../errors.js';

/** Sends a SalonError as `{error, message, until?}` with its HTTP status. */
export async function sendError(reply: FastifyReply, error: SalonError): Promise<void> {
  const body: HttpError = { error: error.code, message: error.message };
  if (error.extra.until !== undefined) body.until = error.extra.until;
  if (error.extra.retryAfterMs !== undefined) {
    void reply.header('retry-after', Math.ceil(error.extra.retryAfterMs / 1000));
  }
  await reply.code(error.status).send(body);
}

/** Runs a route's work; an expected failure (SalonError) becomes its error answer, anything else goes to the error handler. */
export async function answering(reply: FastifyReply, run: () => Promise<unknown>): Promise<unknown> {
  try {
    return await run();
  } catch (error) {
    if (error instanceof SalonError) return sendError(reply, error);
    throw error;
  }
}

/** A request body checked against its schema, or BAD_MESSAGE. */
export function parse<T>(
  schema: { safeParse(value: unknown): { success: true; data: T } | { success: false } },
  body: unknown,
): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) throw new SalonError('BAD_MESSAGE', 'The request is not valid.');
  return parsed.data;
}

export { SalonError };
