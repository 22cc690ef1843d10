import type { ClientMessageType, ServerMessage } from '@salon/protocol';
import { SalonError, isUnavailable, unavailable } from '../errors.js';
import type { HandlerContext, HandlerTable, SessionContext } from './context.js';
import type { Limiter } from '../safety/limiter.js';

function hasOwn(table: HandlerTable, type: string): type is ClientMessageType {
  return Object.prototype.hasOwnProperty.call(table, type);
}

function errorFrame(id: string | undefined, error: SalonError): ServerMessage {
  return {
    type: 'error',
    ...(id !== undefined ? { id } : {}),
    code: error.code,
    message: error.message,
    ...(error.extra.retryAfterMs !== undefined ? { retryAfterMs: error.extra.retryAfterMs } : {}),
  };
}

/**
 * Decodes, validates, authorises and rate-limits one text frame, then runs its handler
 * (DESIGN conventions 1 and 12). Expected failures become `error` frames; unexpected ones are
 * logged and answered with INTERNAL, never with a stack trace. Returns the frame's type once it
 * reached its handler, or null for invalid frames.
 */
export async function dispatch(
  raw: string,
  table: HandlerTable,
  limiter: Limiter,
  context: HandlerContext,
  onUnexpected: (error: unknown, type: string) => void,
): Promise<ClientMessageType | null> {
  let data: unknown;
  try {
    data = JSON.parse(raw);
  } catch {
    context.reply({ type: 'error', code: 'BAD_JSON', message: 'Frames are JSON objects.' });
    return null;
  }
  const envelope =
    typeof data === 'object' && data !== null && !Array.isArray(data)
      ? (data as Record<string, unknown>)
      : null;
  const id = typeof envelope?.id === 'string' && envelope.id.length <= 64 ? envelope.id : undefined;
  const type = envelope?.type;
  if (typeof type !== 'string') {
    context.reply(errorFrame(id, new SalonError('BAD_MESSAGE', 'A frame needs a "type".')));
    return null;
  }
  if (!hasOwn(table, type)) {
    context.reply(errorFrame(id, new SalonError('UNKNOWN_TYPE', `Unknown message type.`)));
    return null;
  }
  const handler = table[type];
  const parsed = handler.schema.safeParse(data);
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    const where = issue ? issue.path.join('.') || 'message' : 'message';
    context.reply(errorFrame(id, new SalonError('BAD_MESSAGE', `Invalid ${type}: ${where}.`)));
    return null;
  }
  if (handler.needsSession && (!context.state.ready || !context.session)) {
    context.reply(errorFrame(id, new SalonError('HELLO_FIRST', 'Send hello first.')));
    return null;
  }
  try {
    if (handler.rateLimit && context.session) await limiter.consume(handler.rateLimit, context.session.id);
    // needsSession was checked above; hello handles a missing session itself.
    await (handler.handle as (m: unknown, c: SessionContext) => Promise<void> | void)(
      parsed.data,
      context as SessionContext,
    );
  } catch (error) {
    if (error instanceof SalonError) {
      context.reply(errorFrame(id, error));
    } else if (isUnavailable(error)) {
      onUnexpected(error, type);
      context.reply(errorFrame(id, unavailable()));
    } else {
      onUnexpected(error, type);
      context.reply(errorFrame(id, new SalonError('INTERNAL', 'Something went wrong on our side.')));
    }
  }
  return type;
}
