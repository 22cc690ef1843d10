/**
 * T1: reports of a message, a user, a room, a file or a live stream (V4), from anyone in the chat (no account
 * needed). A report freezes its evidence at once — the reported message with the 20 before and
 * the 20 after it, or the latest messages of the room — so a later deletion destroys nothing.
 * Reports of the same thing join one open case (T2), whose severity is that of the gravest.
 */
import {
  CATEGORY_SEVERITY,
  type ChatMessage,
  type EvidenceMessage,
  type ReportCategory,
  type ReportTarget,
} from '@salon/protocol';
import { randomToken, type Clock, type Random } from '../clock.js';
import { SalonError } from '../errors.js';
import type { Limiter } from '../safety/limiter.js';
import type { SessionRow, Store } from '../store/index.js';

/** Messages kept on each side of a reported message (T1). */
export const CONTEXT_MESSAGES = 20;

export interface Evidence {
  messages: EvidenceMessage[];
  media: { id: string; kind: string; sha256: string; pdq: string | null }[];
  /** V4: the live stream reported: whose, where, since when, and when it was reported. */
  stream?: { roomId: string; userId: string; media: 'cam' | 'voice'; startedAt: number; reportedAt: number };
}

export interface ReportDeps {
  store: Store;
  clock: Clock;
  random: Random;
  limiter: Limiter;
  canRead(userId: string, roomId: string): Promise<boolean>;
  /** V4: when this stream, on now, started; null when it is not on. */
  streamStarted(roomId: string, userId: string, media: 'cam' | 'voice'): number | null;
}

function targetKey(target: ReportTarget): string {
  switch (target.kind) {
    case 'message':
      return `message:${target.roomId}:${target.seq}`;
    case 'user':
      return `user:${target.userId}`;
    case 'room':
      return `room:${target.roomId}`;
    case 'media':
      return `media:${target.mediaId}`;
    case 'stream':
      return `stream:${target.media}:${target.roomId}:${target.userId}`;
  }
}

function frozen(messages: ChatMessage[], reported: number | null): EvidenceMessage[] {
  return messages.map((m) => ({
    roomId: m.roomId,
    seq: m.seq,
    authorId: m.authorId,
    nickname: m.nickname,
    text: m.text,
    at: m.at,
    mediaId: m.media?.id ?? null,
    reported: m.seq === reported,
  }));
}

const notVisible = () =>
  new SalonError('REPORT_TARGET', 'There is nothing to report there, or you cannot see it.');

export class ReportService {
  constructor(private readonly deps: ReportDeps) {}

  async report(
    session: SessionRow,
    target: ReportTarget,
    category: ReportCategory,
    text: string,
  ): Promise<{ reportId: string; caseId: string }> {
    const { store, clock, random } = this.deps;
    await this.deps.limiter.consume('reports', session.id);
    const { subjectId, roomId, evidence } = await this.freeze(session, target);
    if (subjectId === session.id) throw notVisible();
    const now = clock.now();
    const caseRow = await store.moderation.addReport(
      {
        id: randomToken(random, 96),
        case_id: '',
        reporter_id: session.id,
        category,
        text: text.trim(),
        created_at: now,
      },
      {
        id: randomToken(random, 96),
        category,
        severity: CATEGORY_SEVERITY[category],
        target: JSON.stringify(target),
        target_key: targetKey(target),
        subject_id: subjectId,
        room_id: roomId,
        evidence: JSON.stringify(evidence),
        status: 'open',
        assigned_to: null,
        created_at: now,
        first_action_at: null,
        closed_at: null,
        outcome: null,
        legal_hold: 0,
      },
    );
    const reports = await store.moderation.reportsOf(caseRow.id);
    return { reportId: reports[reports.length - 1]!.id, caseId: caseRow.id };
  }

  /** Checks the reporter can see the target and copies the evidence. */
  private async freeze(
    session: SessionRow,
    target: ReportTarget,
  ): Promise<{ subjectId: string | null; roomId: string | null; evidence: Evidence }> {
    const { store } = this.deps;
    const evidence: Evidence = { messages: [], media: [] };
    const addMedia = async (ids: (string | null)[]) => {
      for (const id of new Set(ids.filter((x): x is string => x !== null))) {
        const row = await store.media.get(id);
        if (row) evidence.media.push({ id, kind: row.kind, sha256: row.sha256, pdq: row.pdq });
      }
    };
    switch (target.kind) {
      case 'message': {
        if (!(await this.deps.canRead(session.id, target.roomId))) throw notVisible();
        const around = await store.messages.after(target.roomId, target.seq - 1, CONTEXT_MESSAGES + 1);
        const message = around[0];
        if (!message || message.seq !== target.seq) throw notVisible();
        const before = await store.messages.before(target.roomId, target.seq, CONTEXT_MESSAGES);
        evidence.messages = frozen([...before, ...around], target.seq);
        await addMedia(evidence.messages.map((m) => m.mediaId));
        return { subjectId: message.authorId, roomId: target.roomId, evidence };
      }
      case 'user': {
        const user = await store.sessions.byId(target.userId);
        if (!user) throw notVisible();
        if (target.roomId && (await this.deps.canRead(session.id, target.roomId))) {
          evidence.messages = frozen(await store.messages.latest(target.roomId, CONTEXT_MESSAGES * 2), null);
          await addMedia(evidence.messages.map((m) => m.mediaId));
        }
        return { subjectId: user.id, roomId: target.roomId ?? null, evidence };
      }
      case 'room': {
        const room = await store.rooms.get(target.roomId);
        if (!room || room.kind === 'direct' || !(await this.deps.canRead(session.id, target.roomId))) {
          throw notVisible();
        }
        evidence.messages = frozen(await store.messages.latest(target.roomId, CONTEXT_MESSAGES * 2), null);
        await addMedia(evidence.messages.map((m) => m.mediaId));
        return { subjectId: room.ownerId, roomId: target.roomId, evidence };
      }
      case 'media': {
        const row = await store.media.get(target.mediaId);
        if (!row || row.status !== 'ready' || !(await this.deps.canRead(session.id, row.room_id))) {
          throw notVisible();
        }
        evidence.messages = frozen(await store.messages.latest(row.room_id, CONTEXT_MESSAGES * 2), null);
        await addMedia([target.mediaId, ...evidence.messages.map((m) => m.mediaId)]);
        return { subjectId: row.owner_id, roomId: row.room_id, evidence };
      }
      case 'stream': {
        const { roomId, userId, media } = target;
        const startedAt = this.deps.streamStarted(roomId, userId, media);
        if (startedAt === null || !(await this.deps.canRead(session.id, roomId))) throw notVisible();
        evidence.stream = { roomId, userId, media, startedAt, reportedAt: this.deps.clock.now() };
        evidence.messages = frozen(await store.messages.latest(roomId, CONTEXT_MESSAGES * 2), null);
        await addMedia(evidence.messages.map((m) => m.mediaId));
        return { subjectId: userId, roomId, evidence };
      }
    }
  }
}
