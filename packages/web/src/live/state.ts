import type { CamAccess, CamInfo, IceServer, UserCard, VoiceParticipant } from '@salon/protocol';

export interface LiveConfig {
  available: boolean;
  reason: string | null;
  iceServers: IceServer[];
  camLimit: number;
  speakerLimit: number;
}

/** My camera in a room or a call (V2). */
export interface MyCam {
  access: CamAccess;
  phase: 'starting' | 'on';
  /** Who asks to watch (approve mode). */
  pending: UserCard[];
  /** Who watches now. */
  viewers: UserCard[];
}

/** A camera I watch or asked to watch. */
export interface Watch {
  roomId: string;
  userId: string;
  phase: 'asking' | 'connecting' | 'on' | 'refused' | 'ended';
  reason: string | null;
}

/** My voice in a voice room (V1). */
export interface MyVoice {
  phase: 'joining' | 'on';
  speaking: boolean;
}

/** A call in a private conversation (V2). */
export interface CallView {
  state: 'ringing' | 'active';
  /** Who proposed it. */
  from: string;
}

export interface LiveState {
  /** null until asked. */
  config: LiveConfig | null;
  /** Cameras and voice of the rooms I am in, as the server says. */
  rooms: Record<string, { cams: CamInfo[]; voice: VoiceParticipant[] }>;
  myCams: Record<string, MyCam>;
  /** Key: `${roomId}\n${userId}`. */
  watching: Record<string, Watch>;
  voice: Record<string, MyVoice>;
  calls: Record<string, CallView>;
  /** The last failure, to show once. */
  error: { code: string; key: number } | null;
  /** Changes when a camera or sound stream appears or goes (media elements re-read them). */
  mediaVersion: number;
}

export const initialLiveState: LiveState = {
  config: null,
  rooms: {},
  myCams: {},
  watching: {},
  voice: {},
  calls: {},
  error: null,
  mediaVersion: 0,
};

export function watchKey(roomId: string, userId: string): string {
  return `${roomId}\n${userId}`;
}

export function without<T>(record: Record<string, T>, key: string): Record<string, T> {
  const copy = { ...record };
  delete copy[key];
  return copy;
}
