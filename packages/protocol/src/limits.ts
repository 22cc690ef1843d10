/** Protocol version. A client whose `hello.v` differs is closed with CLOSE_CODES.VERSION_MISMATCH. */
export const PROTOCOL_VERSION = 1;

export const LIMITS = {
  /** Largest WebSocket frame the server accepts, in bytes; larger frames close the socket (CLOSE_CODES.TOO_LARGE). */
  maxFrameBytes: 16 * 1024,
  /** R5: longest message text, in characters (Unicode code points). */
  maxMessageChars: 2000,
  /** E1: nickname length, in characters. */
  nicknameMin: 2,
  nicknameMax: 20,
  /** R6: messages sent on join. */
  historyOnJoin: 50,
  /** R6: most messages in one "load older" page. */
  historyPageMax: 100,
  /** R7: most missed messages replayed on resume before the client must reload the room. */
  resumeMax: 500,
  /** R2: private room names, in characters. */
  roomNameMin: 2,
  roomNameMax: 40,
  maxTopicChars: 200,
  /** P1: messages a requester may send before the request is accepted. */
  requestMessages: 3,
  /** E5: password length for a registered nickname. */
  passwordMin: 10,
  passwordMax: 128,
  /** Longest client-chosen id (request ids and client message ids). */
  maxIdChars: 64,
} as const;

/** WebSocket close codes used by the server (4000–4999 are application codes). */
export const CLOSE_CODES = {
  /** The server is going away (restart, shutdown): reconnect. */
  GOING_AWAY: 1001,
  /** A frame was larger than LIMITS.maxFrameBytes. */
  TOO_LARGE: 1009,
  /** `hello.v` is not PROTOCOL_VERSION: reload the page. */
  VERSION_MISMATCH: 4001,
  /** No valid session cookie: go back to the entry form. */
  UNAUTHENTICATED: 4002,
  /** The session was replaced or ended. */
  SESSION_ENDED: 4003,
  /** The client did not read fast enough (backpressure). */
  SLOW_CONSUMER: 4004,
  /** Too many invalid frames in a row. */
  PROTOCOL_ABUSE: 4005,
} as const;
