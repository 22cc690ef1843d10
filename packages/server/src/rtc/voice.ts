import type { VoiceParticipant } from '@salon/protocol';
import type { Subscriber } from '../chat/hub.js';
import { SalonError } from '../errors.js';
import { mediaError, type CloseReason, type LiveCore, type Stream } from './core.js';
import type { VoiceLeg } from './media-server.js';

interface VoiceEntry {
  readonly userId: string;
  readonly stream: Stream;
  readonly leg: VoiceLeg;
  /** Unmuted: may speak. */
  speaking: boolean;
  /** Above the level threshold now. */
  talking: boolean;
}

export function voiceRoom(roomId: string): string {
  return `voice-${roomId}`;
}

const notJoined = () => new SalonError('STREAM_NOT_FOUND', 'You are not in the voice of this room.');

/** V1: voice rooms: everyone who joins listens to the mix; up to the limit may speak. */
export class Voice {
  private readonly rooms = new Map<string, Map<string, VoiceEntry>>();

  constructor(private readonly core: LiveCore) {}

  participants(roomId: string): VoiceParticipant[] {
    return [...(this.rooms.get(roomId)?.values() ?? [])].map((entry) => ({
      userId: entry.userId,
      speaking: entry.speaking,
      talking: entry.talking,
    }));
  }

  private announce(roomId: string): void {
    const frame = JSON.stringify({ type: 'voice.state', roomId, participants: this.participants(roomId) });
    this.core.deps.hub.toRoomEach(roomId, () => frame);
  }

  entry(roomId: string, userId: string): VoiceEntry | null {
    return this.rooms.get(roomId)?.get(userId) ?? null;
  }

  /** Joins muted: the browser's offer goes to the mixer, the answer comes back. */
  async join(owner: Subscriber, roomId: string, offer: string): Promise<{ stream: Stream; sdp: string }> {
    const userId = owner.sessionId;
    const previous = this.entry(roomId, userId);
    if (previous) await this.core.close(previous.stream, 'stopped', previous.stream.owner !== owner);
    await this.core
      .media()
      .ensureVoiceRoom(voiceRoom(roomId))
      .catch((error: unknown) => {
        throw mediaError(error);
      });
    const { stream, leg } = await this.core.open(owner, { roomId, role: 'voice', of: userId }, (peer) =>
      peer.joinVoice(voiceRoom(roomId), offer),
    );
    const entry: VoiceEntry = { userId, stream, leg, speaking: false, talking: false };
    stream.forget = () => this.forget(entry);
    leg.onTalking((talking) => {
      if (entry.talking === talking || stream.closed) return;
      entry.talking = talking && entry.speaking;
      this.announce(roomId);
    });
    const room = this.rooms.get(roomId) ?? new Map<string, VoiceEntry>();
    room.set(userId, entry);
    this.rooms.set(roomId, room);
    this.announce(roomId);
    return { stream, sdp: this.core.outgoingSdp(leg.answer) };
  }

  private forget(entry: VoiceEntry): void {
    const roomId = entry.stream.roomId;
    const room = this.rooms.get(roomId);
    if (room?.get(entry.userId) !== entry) return;
    room.delete(entry.userId);
    if (room.size === 0) {
      this.rooms.delete(roomId);
      void this.core.queue
        .run(roomId, async () => {
          if (!this.rooms.has(roomId)) await this.core.media().destroyRoom('voice', voiceRoom(roomId));
        })
        .catch(() => {});
    }
    this.announce(roomId);
  }

  async leave(owner: Subscriber, roomId: string): Promise<void> {
    const entry = this.entry(roomId, owner.sessionId);
    if (!entry || entry.stream.owner !== owner) throw notJoined();
    await this.core.close(entry.stream, 'stopped', false);
  }

  /** V1: unmutes within the speaker limit, or mutes. */
  async speak(owner: Subscriber, roomId: string, on: boolean, limit: number): Promise<void> {
    const entry = this.entry(roomId, owner.sessionId);
    if (!entry || entry.stream.owner !== owner) throw notJoined();
    if (on && !entry.speaking) {
      const speakers = this.participants(roomId).filter((p) => p.speaking).length;
      if (speakers >= limit) {
        throw new SalonError('SPEAKER_LIMIT', `At most ${limit} people can speak at once in this room.`);
      }
    }
    await entry.leg.setMuted(!on);
    entry.speaking = on;
    if (!on) entry.talking = false;
    this.announce(roomId);
  }

  /** V1: a room moderator mutes someone (they may unmute again, within the limit, unless muted in the room). */
  async mute(roomId: string, userId: string): Promise<boolean> {
    const entry = this.entry(roomId, userId);
    if (!entry) return false;
    if (entry.speaking) {
      await entry.leg.setMuted(true);
      entry.speaking = false;
      entry.talking = false;
      this.announce(roomId);
    }
    return true;
  }

  async end(roomId: string, userId: string, reason: CloseReason): Promise<boolean> {
    const entry = this.entry(roomId, userId);
    if (!entry) return false;
    await this.core.close(entry.stream, reason);
    return true;
  }

  all(): { roomId: string; userId: string; speaking: boolean; startedAt: number }[] {
    return [...this.rooms.entries()].flatMap(([roomId, room]) =>
      [...room.values()].map((entry) => ({
        roomId,
        userId: entry.userId,
        speaking: entry.speaking,
        startedAt: entry.stream.startedAt,
      })),
    );
  }
}
