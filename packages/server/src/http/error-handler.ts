import type { FastifyError, FastifyInstance } from 'fastify';
import type { HttpError } from '@salon/protocol';
import { isUnavailable, unavailable } from '../errors.js';

/**
 * Framework errors (unparsable JSON, body too large, wrong content type) get the same
 * `{error, message}` body as Salon's own; unexpected errors are logged and answered without details.
 */
export function registerErrorHandler(app: FastifyInstance): void {
  app.setErrorHandler((error: FastifyError, request, reply) => {
    const status = error.statusCode ?? 500;
    if (status >= 500 && isUnavailable(error)) {
      request.log.warn({ err: error }, 'request failed: database or Redis unreachable');
      const { code, message } = unavailable();
      const body: HttpError = { error: code, message };
      return reply.code(503).send(body);
    }
    if (status >= 500) {
      request.log.error({ err: error }, 'request failed');
      const body: HttpError = { error: 'INTERNAL', message: 'Something went wrong on our side.' };
      return reply.code(500).send(body);
    }
    const body: HttpError = {
      error:
        error.code === 'FST_ERR_CTP_INVALID_JSON_BODY' || error instanceof SyntaxError
          ? 'BAD_JSON'
          : 'BAD_MESSAGE',
      message: status === 413 ? 'The request is too large.' : 'The request is not valid.',
    };
    return reply.code(status).send(body);
  });
}
