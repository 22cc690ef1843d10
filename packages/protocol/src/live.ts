import { z } from 'zod';
import { RequestId, RoomId, UserCard } from './shapes.js';

const UserId = z.string().min(1).max(64);
/** A connection between this browser and the media server (a camera sent or watched, a voice leg). */
export const StreamId = z.string().min(1).max(64);
/** SDP exchanged with the media server only (V3): never another user’s. Frames are ≤ 16 KiB. */
export const Sdp = z.string().min(10).max(15_000);
/** A browser's ICE candidate (RTCIceCandidate.toJSON()); only ever passed to the media server. */
export const IceCandidateShape = z.object({
  candidate: z.string().max(1024),
  sdpMid: z.string().max(64).nullable().optional(),
  sdpMLineIndex: z.number().int().min(0).max(64).nullable().optional(),
});
export type IceCandidateShape = z.infer<typeof IceCandidateShape>;

/** V2: who may watch a camera in a room: everyone in the room, or each viewer on approval. */
export const CAM_ACCESS = ['room', 'approve'] as const;
export type CamAccess = (typeof CAM_ACCESS)[number];

/** An ICE server the browser may use: TURN relays only (V3), with time-limited credentials. */
export const IceServer = z.object({
  urls: z.array(z.string()),
  username: z.string(),
  credential: z.string(),
});
export type IceServer = z.infer<typeof IceServer>;

/** A camera on in a room, as a member sees it (never shown to someone the broadcaster blocked). */
export const CamInfo = z.object({ userId: z.string(), access: z.enum(CAM_ACCESS) });
export type CamInfo = z.infer<typeof CamInfo>;

/** V1: someone in the voice of a voice room. */
export const VoiceParticipant = z.object({
  userId: z.string(),
  /** Unmuted (allowed to speak). */
  speaking: z.boolean(),
  /** Their audio is above the level threshold right now (speaking indicator). */
  talking: z.boolean(),
});
export type VoiceParticipant = z.infer<typeof VoiceParticipant>;

export const CALL_STATES = ['ringing', 'active', 'ended'] as const;

// ---------------------------------------------------------------- client → server

/** What live media this server offers (and TURN credentials for this browser). */
export const ClientLiveConfig = z.object({ type: z.literal('live.config'), id: RequestId });
/** The cameras and voice of a room the client is in. */
export const ClientLiveRoom = z.object({ type: z.literal('live.room'), id: RequestId, roomId: RoomId });
/** V2: turns my camera on in a room or an active call; `sdp` is the browser's offer. */
export const ClientCamStart = z.object({
  type: z.literal('cam.start'),
  id: RequestId,
  roomId: RoomId,
  access: z.enum(CAM_ACCESS),
  sdp: Sdp,
});
export const ClientCamStop = z.object({ type: z.literal('cam.stop'), id: RequestId, roomId: RoomId });
/** V2: asks to watch someone's camera: an offer at once, or a request the broadcaster answers. */
export const ClientCamWatch = z.object({
  type: z.literal('cam.watch'),
  id: RequestId,
  roomId: RoomId,
  userId: UserId,
});
export const ClientCamUnwatch = z.object({
  type: z.literal('cam.unwatch'),
  id: RequestId,
  roomId: RoomId,
  userId: UserId,
});
/** V2: the broadcaster lets a viewer watch, or refuses. */
export const ClientCamDecide = z.object({
  type: z.literal('cam.decide'),
  id: RequestId,
  roomId: RoomId,
  userId: UserId,
  allow: z.boolean(),
});
/** V2: the broadcaster stops a viewer watching (they must ask again). */
export const ClientCamRemove = z.object({
  type: z.literal('cam.remove'),
  id: RequestId,
  roomId: RoomId,
  userId: UserId,
});
/** V4: a room moderator ends someone's camera or voice in the room. */
export const ClientStreamEnd = z.object({
  type: z.literal('stream.end'),
  id: RequestId,
  roomId: RoomId,
  userId: UserId,
});
/** The browser's SDP answer to an offer of the media server (a camera to watch). */
export const ClientRtcAnswer = z.object({
  type: z.literal('rtc.answer'),
  id: RequestId,
  streamId: StreamId,
  sdp: Sdp,
});
/** A candidate of the browser for one of its own streams (V3: it goes to the media server only). */
export const ClientRtcCandidate = z.object({
  type: z.literal('rtc.candidate'),
  id: RequestId,
  streamId: StreamId,
  /** null: the browser has gathered all its candidates. */
  candidate: IceCandidateShape.nullable(),
});
/** V1: joins the voice of a voice room, muted (listening); `sdp` is the browser's offer. */
export const ClientVoiceJoin = z.object({
  type: z.literal('voice.join'),
  id: RequestId,
  roomId: RoomId,
  sdp: Sdp,
});
export const ClientVoiceLeave = z.object({ type: z.literal('voice.leave'), id: RequestId, roomId: RoomId });
/** V1: unmutes (within the room's speaker limit) or mutes myself. */
export const ClientVoiceSpeak = z.object({
  type: z.literal('voice.speak'),
  id: RequestId,
  roomId: RoomId,
  on: z.boolean(),
});
/** V1: a room moderator mutes someone in the voice. */
export const ClientVoiceMute = z.object({
  type: z.literal('voice.mute'),
  id: RequestId,
  roomId: RoomId,
  userId: UserId,
});
/** V2: proposes a video call in an accepted private conversation. */
export const ClientCallPropose = z.object({
  type: z.literal('call.propose'),
  id: RequestId,
  conversationId: RoomId,
});
export const ClientCallRespond = z.object({
  type: z.literal('call.respond'),
  id: RequestId,
  conversationId: RoomId,
  accept: z.boolean(),
});
export const ClientCallEnd = z.object({ type: z.literal('call.end'), id: RequestId, conversationId: RoomId });

export const LIVE_CLIENT_MESSAGES = [
  ClientLiveConfig,
  ClientLiveRoom,
  ClientCamStart,
  ClientCamStop,
  ClientCamWatch,
  ClientCamUnwatch,
  ClientCamDecide,
  ClientCamRemove,
  ClientStreamEnd,
  ClientRtcAnswer,
  ClientRtcCandidate,
  ClientVoiceJoin,
  ClientVoiceLeave,
  ClientVoiceSpeak,
  ClientVoiceMute,
  ClientCallPropose,
  ClientCallRespond,
  ClientCallEnd,
] as const;

// ---------------------------------------------------------------- server → client

export const ServerLiveConfig = z.object({
  type: z.literal('live.config'),
  id: RequestId,
  available: z.boolean(),
  /** Why live media is off: "no-media-server", "media-server-down", "cluster". */
  reason: z.string().nullable(),
  /** V3: TURN relays, when the operator runs one; the browser uses no STUN. */
  iceServers: z.array(IceServer),
  camLimit: z.number().int(),
  speakerLimit: z.number().int(),
});
export const ServerLiveRoom = z.object({
  type: z.literal('live.room'),
  id: RequestId,
  roomId: RoomId,
  cams: z.array(CamInfo),
  voice: z.array(VoiceParticipant),
});
/** V2: the cameras on in a room changed (as this recipient may see them). */
export const ServerLiveCams = z.object({
  type: z.literal('live.cams'),
  roomId: RoomId,
  cams: z.array(CamInfo),
});
/** V1: who is in the voice, who may speak, who is speaking now. */
export const ServerVoiceState = z.object({
  type: z.literal('voice.state'),
  roomId: RoomId,
  participants: z.array(VoiceParticipant),
});
export const ServerCamStarted = z.object({
  type: z.literal('cam.started'),
  id: RequestId,
  roomId: RoomId,
  streamId: StreamId,
  sdp: Sdp,
});
/** V2: the answer to `cam.watch`: an offer now, or pending the broadcaster's approval. */
export const ServerCamWatching = z.object({
  type: z.literal('cam.watching'),
  id: RequestId,
  roomId: RoomId,
  userId: z.string(),
  pending: z.boolean(),
});
/** V2: the media server's offer for a camera this browser may watch (after `cam.watch` or approval). */
export const ServerCamOffer = z.object({
  type: z.literal('cam.offer'),
  roomId: RoomId,
  userId: z.string(),
  streamId: StreamId,
  sdp: Sdp,
});
/** V2: the broadcaster refused. */
export const ServerCamRefused = z.object({
  type: z.literal('cam.refused'),
  roomId: RoomId,
  userId: z.string(),
});
/** V2: to the broadcaster: who asks to watch, who watches. */
export const ServerCamViewers = z.object({
  type: z.literal('cam.viewers'),
  roomId: RoomId,
  pending: z.array(UserCard),
  viewers: z.array(UserCard),
});
/**
 * A stream of this browser ended: `stopped` (its broadcaster), `removed` (the broadcaster removed
 * the viewer), `moderator` (V4), `left` (someone left), `blocked` (P3), `failed` (media server).
 */
export const ServerStreamClosed = z.object({
  type: z.literal('stream.closed'),
  roomId: RoomId,
  streamId: StreamId,
  /** Whose camera (or voice) it was. */
  userId: z.string(),
  reason: z.enum(['stopped', 'removed', 'moderator', 'left', 'blocked', 'failed']),
});
export const ServerVoiceJoined = z.object({
  type: z.literal('voice.joined'),
  id: RequestId,
  roomId: RoomId,
  streamId: StreamId,
  sdp: Sdp,
});
/** V2: a call in a private conversation changed state (`from`: who proposed it). */
export const ServerCallState = z.object({
  type: z.literal('call.state'),
  conversationId: RoomId,
  state: z.enum(CALL_STATES),
  from: z.string(),
});

export const LIVE_SERVER_MESSAGES = [
  ServerLiveConfig,
  ServerLiveRoom,
  ServerLiveCams,
  ServerVoiceState,
  ServerCamStarted,
  ServerCamWatching,
  ServerCamOffer,
  ServerCamRefused,
  ServerCamViewers,
  ServerStreamClosed,
  ServerVoiceJoined,
  ServerCallState,
] as const;

// ---------------------------------------------------------------- staff (HTTP)

/** V4: a live stream as staff see it (GET /api/staff/streams). */
export const LiveStream = z.object({
  roomId: RoomId,
  /** The room's name, or null for a call in a private conversation. */
  roomName: z.string().nullable(),
  userId: z.string(),
  nickname: z.string(),
  media: z.enum(['cam', 'voice']),
  viewers: z.number().int().min(0),
  startedAt: z.number().int(),
});
export type LiveStream = z.infer<typeof LiveStream>;

/** V4: staff end someone's streams in a room or call (POST /api/staff/streams/end). */
export const EndStreamRequest = z.object({ roomId: RoomId, userId: UserId });
