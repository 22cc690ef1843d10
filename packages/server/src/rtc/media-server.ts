/**
 * The media server behind live webcam and voice (V1–V3), as Salon uses it: an SFU that relays
 * every stream, so no browser ever connects to another. Janus implements it (`janus/adapter.ts`);
 * another SFU can replace it behind this interface.
 */

/** The media server refused a request, or could not be reached (`unreachable`). */
export class MediaServerError extends Error {
  constructor(
    readonly unreachable: boolean,
    message: string,
  ) {
    super(message);
  }
}

/** A browser's ICE candidate, as RTCIceCandidate.toJSON() gives it. */
export interface IceCandidate {
  candidate: string;
  sdpMid?: string | null;
  sdpMLineIndex?: number | null;
}

/** One WebRTC connection between a browser and the media server. */
export interface MediaLeg {
  /** Passes a candidate of the browser to the media server; null: the browser has gathered all. */
  trickle(candidate: IceCandidate | null): Promise<void>;
  /** Ends the connection at once (the browser stops receiving or sending). */
  close(): Promise<void>;
  /** Called once when the media server ends the connection on its own (hang-up, failure). */
  onEnded(listener: () => void): void;
}

/** A camera sent to the media server. */
export interface PublishedLeg extends MediaLeg {
  /** The media server's id of the stream, used to subscribe to it. */
  readonly feedId: string;
  /** The media server's SDP answer to the browser's offer. */
  readonly answer: string;
  /** Waits until the browser's camera reaches the media server (it can be watched from then on). */
  whenLive(ms: number): Promise<boolean>;
  /** The camera reaches the media server now. */
  readonly isLive: boolean;
}

/** A camera received from the media server. */
export interface WatchingLeg extends MediaLeg {
  /** The media server's SDP offer. */
  readonly offer: string;
  /** Completes the connection with the browser's answer. */
  start(answer: string): Promise<void>;
}

/** A participant of a voice room: sends their (muted or not) microphone, receives the mix. */
export interface VoiceLeg extends MediaLeg {
  readonly answer: string;
  setMuted(muted: boolean): Promise<void>;
  /** The participant started or stopped speaking (audio level above the threshold). */
  onTalking(listener: (talking: boolean) => void): void;
}

/**
 * One user's access to the media server: on Janus a session created with a token of its own,
 * added when the user first needs it and removed when they are done (or are removed).
 */
export interface MediaPeer {
  publish(room: string, offer: string): Promise<PublishedLeg>;
  watch(room: string, feedId: string): Promise<WatchingLeg>;
  joinVoice(room: string, offer: string): Promise<VoiceLeg>;
  /** Ends every connection of this user and revokes their token. */
  close(): Promise<void>;
}

export interface MediaServer {
  /** Opens a user's access (a fresh token). */
  peer(label: string): Promise<MediaPeer>;
  /** Creates the media server's room for cameras (idempotent). */
  ensureCamRoom(room: string, publishers: number): Promise<void>;
  /** Creates the media server's mixing room for a voice room (idempotent). */
  ensureVoiceRoom(room: string): Promise<void>;
  destroyRoom(kind: 'cam' | 'voice', room: string): Promise<void>;
  /** True while the media server answers. */
  readonly ready: boolean;
  close(): Promise<void>;
}
