import type { ErrorCode } from '@salon/protocol';

/** The server answered a request with `{type:'error'}`. */
export class RequestError extends Error {
  constructor(
    readonly code: ErrorCode,
    message: string,
    readonly retryAfterMs?: number,
  ) {
    super(message);
    this.name = 'RequestError';
  }
}

/** The socket closed (or was not open) before the reply came: safe to retry after reconnect. */
export class ConnectionLostError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConnectionLostError';
  }
}
