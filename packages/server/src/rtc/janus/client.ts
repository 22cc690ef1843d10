import { randomBytes } from 'node:crypto';
import WebSocket from 'ws';
import { MediaServerError } from '../media-server.js';

/** A frame of the Janus API (requests, replies, events); only the fields Salon reads are typed. */
export interface JanusFrame {
  janus: string;
  transaction?: string;
  session_id?: number;
  sender?: number;
  data?: { id?: number };
  error?: { code: number; reason: string };
  plugindata?: { plugin: string; data: Record<string, unknown> };
  jsep?: { type: 'offer' | 'answer'; sdp: string };
  [key: string]: unknown;
}

/** An error of the Janus API; code 0: Janus could not be reached or did not answer. */
export class JanusError extends MediaServerError {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(code === 0, message);
  }
}

interface Waiting {
  resolve(frame: JanusFrame): void;
  reject(error: Error): void;
  acceptAck: boolean;
  timer: NodeJS.Timeout;
}

/**
 * One WebSocket to the Janus API or admin API: requests matched to their replies by
 * transaction, events of a plugin handle passed to its listener.
 */
export class JanusSocket {
  private socket: WebSocket | null = null;
  private readonly waiting = new Map<string, Waiting>();
  private readonly handles = new Map<number, (frame: JanusFrame) => void>();
  private readonly sessions = new Map<number, (frame: JanusFrame) => void>();
  private closedListeners: (() => void)[] = [];

  constructor(
    private readonly url: string,
    private readonly protocol: 'janus-protocol' | 'janus-admin-protocol',
    private readonly timeoutMs = 10_000,
  ) {}

  get open(): boolean {
    return this.socket?.readyState === WebSocket.OPEN;
  }

  connect(): Promise<void> {
    return new Promise((resolve, reject) => {
      const socket = new WebSocket(this.url, this.protocol, { maxPayload: 4 * 1024 * 1024 });
      socket.once('open', () => {
        this.socket = socket;
        // From now on an error is followed by 'close', which ends the waiting requests.
        socket.on('error', () => {});
        resolve();
      });
      socket.once('error', reject);
      socket.on('message', (data: Buffer) => this.onFrame(data.toString('utf8')));
      socket.on('close', () => {
        if (this.socket === socket) this.socket = null;
        for (const [id, waiting] of this.waiting) {
          clearTimeout(waiting.timer);
          waiting.reject(new JanusError(0, 'media server connection closed'));
          this.waiting.delete(id);
        }
        for (const listener of this.closedListeners.splice(0)) listener();
      });
    });
  }

  onClosed(listener: () => void): void {
    this.closedListeners.push(listener);
  }

  /** Sends a request; resolves with its reply (`success` or a plugin `event`; `ack` when asked). */
  request(body: Omit<JanusFrame, 'transaction'>, acceptAck = false): Promise<JanusFrame> {
    const socket = this.socket;
    if (!socket) return Promise.reject(new JanusError(0, 'media server not connected'));
    const transaction = randomBytes(9).toString('base64url');
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.waiting.delete(transaction);
        reject(
          new JanusError(
            0,
            `media server did not answer ${typeof body.janus === 'string' ? body.janus : 'a request'}`,
          ),
        );
      }, this.timeoutMs);
      this.waiting.set(transaction, { resolve, reject, acceptAck, timer });
      socket.send(JSON.stringify({ ...body, transaction }));
    });
  }

  /** Events of one plugin handle (webrtcup, media, hangup, plugin events without a transaction). */
  listenHandle(handleId: number, listener: (frame: JanusFrame) => void): void {
    this.handles.set(handleId, listener);
  }

  forgetHandle(handleId: number): void {
    this.handles.delete(handleId);
  }

  listenSession(sessionId: number, listener: (frame: JanusFrame) => void): void {
    this.sessions.set(sessionId, listener);
  }

  forgetSession(sessionId: number): void {
    this.sessions.delete(sessionId);
  }

  close(): void {
    this.socket?.close();
  }

  private onFrame(text: string): void {
    let frame: JanusFrame;
    try {
      frame = JSON.parse(text) as JanusFrame;
    } catch {
      return;
    }
    const waiting = frame.transaction ? this.waiting.get(frame.transaction) : undefined;
    if (waiting && (frame.janus !== 'ack' || waiting.acceptAck)) {
      this.waiting.delete(frame.transaction!);
      clearTimeout(waiting.timer);
      const pluginError = frame.plugindata?.data;
      if (frame.janus === 'error') {
        waiting.reject(new JanusError(frame.error?.code ?? 0, frame.error?.reason ?? 'error'));
      } else if (pluginError && typeof pluginError.error_code === 'number') {
        const reason = typeof pluginError.error === 'string' ? pluginError.error : 'error';
        waiting.reject(new JanusError(pluginError.error_code, reason));
      } else {
        waiting.resolve(frame);
      }
      return;
    }
    if (waiting) return; // the ack of a request whose event comes later
    if (frame.sender !== undefined) this.handles.get(frame.sender)?.(frame);
    else if (frame.session_id !== undefined) this.sessions.get(frame.session_id)?.(frame);
  }
}
