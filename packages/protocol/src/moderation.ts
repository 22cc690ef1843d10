import { z } from 'zod';
import { MediaId } from './media.js';
import { RequestId, RoomId, Seq } from './shapes.js';

/** T1: report categories, most severe first. */
export const REPORT_CATEGORIES = [
  'child_safety',
  'threat',
  'intimate_images',
  'hate',
  'harassment',
  'spam',
  'other',
] as const;
export type ReportCategory = (typeof REPORT_CATEGORIES)[number];

/** T2: queue order: child safety and threats to life first. Lower is more urgent. */
export const CATEGORY_SEVERITY: Record<ReportCategory, number> = {
  child_safety: 0,
  threat: 0,
  intimate_images: 1,
  hate: 2,
  harassment: 2,
  spam: 3,
  other: 3,
};

/** T1: what is reported. */
export const ReportTarget = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('message'), roomId: RoomId, seq: Seq }),
  z.object({ kind: z.literal('user'), userId: z.string().min(1).max(64), roomId: RoomId.optional() }),
  z.object({ kind: z.literal('room'), roomId: RoomId }),
  z.object({ kind: z.literal('media'), mediaId: MediaId }),
  /** V4: a live camera or voice in a room, reported while it is on. */
  z.object({
    kind: z.literal('stream'),
    roomId: RoomId,
    userId: z.string().min(1).max(64),
    media: z.enum(['cam', 'voice']),
  }),
]);
export type ReportTarget = z.infer<typeof ReportTarget>;

export const REPORT_TEXT_MAX = 1000;

/** T1 (client → server on the socket): a report, in two clicks, without an account. */
export const ClientReport = z.object({
  type: z.literal('report'),
  id: RequestId,
  target: ReportTarget,
  category: z.enum(REPORT_CATEGORIES),
  text: z.string().max(REPORT_TEXT_MAX).optional(),
});

/** T1: the receipt. */
export const ServerReportReceived = z.object({
  type: z.literal('report.received'),
  id: RequestId,
  reportId: z.string(),
});

/** T2: what staff can do with a case. */
export const CASE_ACTIONS = ['dismiss', 'remove', 'warn', 'mute', 'kick', 'ban', 'escalate'] as const;
export type ModerationCaseAction = (typeof CASE_ACTIONS)[number];

/** T3: a statement of reasons, as its addressee sees it. */
export const Statement = z.object({
  id: z.string(),
  /** What was restricted: `warn`, `remove`, `mute`, `kick`, `ban`, `suspend`. */
  restriction: z.string(),
  /** Where: a room id, or null for the whole platform. */
  roomId: RoomId.nullable(),
  /** The facts, in the moderator's words (or the automated check's). */
  facts: z.string(),
  /** The rule broken (a PRODUCT rule id or the house rule's title). */
  rule: z.string(),
  automated: z.boolean(),
  /** Epoch ms; null when the restriction has no end or none applies. */
  until: z.number().int().nullable(),
  at: z.number().int(),
  /** Whether an appeal can still be filed, and its state once filed. */
  appeal: z.enum(['open', 'pending', 'upheld', 'reversed']),
});
export type Statement = z.infer<typeof Statement>;

/** T1: the outcome of a report, sent to its reporter when the case closes. */
export const ServerReportOutcome = z.object({
  type: z.literal('report.outcome'),
  reportId: z.string(),
  /** `action_taken`: staff restricted someone or removed content; `no_action`: dismissed. */
  outcome: z.enum(['action_taken', 'no_action']),
});

/**
 * T7: risk signals in a private conversation (an age gap across 18, moving to another app or a
 * phone number, asking for photos, a place and time to meet, asking age or address). Sent to the
 * person who should be careful — the recipient of the signalled message, or the younger person
 * for an age gap — to show the safety notice again. Signals flag for review; they never restrict.
 */
export const ServerSafetyNotice = z.object({
  type: z.literal('safety.notice'),
  conversationId: RoomId,
  signals: z.array(z.string()),
});

/** T3 (server → client): a restriction was applied to you. */
export const ServerStatement = z.object({ type: z.literal('statement'), statement: Statement });

/** Body of `POST /api/appeals`. */
export const AppealRequest = z.object({
  statementId: z.string().min(1).max(64),
  text: z.string().min(1).max(2000),
});
export type AppealRequest = z.infer<typeof AppealRequest>;

// ---------------------------------------------------------------- staff (O3, T2, T3)

export const STAFF_ROLES = ['admin', 'moderator'] as const;
export type StaffRole = (typeof STAFF_ROLES)[number];

export const StaffMe = z.object({ id: z.string(), name: z.string(), role: z.enum(STAFF_ROLES) });
export type StaffMe = z.infer<typeof StaffMe>;

/** `POST /api/staff/enrol`: the one-time token from `salon admin create`, and a password. */
export const EnrolRequest = z.object({ token: z.string().min(1).max(200), password: z.string().max(1000) });
/** Answer: the TOTP secret to put in an authenticator app, as base32 and as an otpauth:// URI. */
export const EnrolResponse = z.object({ secret: z.string(), uri: z.string() });
/** `POST /api/staff/enrol/confirm`: a first TOTP code proves the app was set up. */
export const EnrolConfirmRequest = z.object({ token: z.string().min(1).max(200), code: z.string().max(12) });
/** `POST /api/staff/login`. */
export const StaffLoginRequest = z.object({
  name: z.string().max(100),
  password: z.string().max(1000),
  code: z.string().max(12),
});

/** T2: a case in the queue. */
export const CaseSummary = z.object({
  id: z.string(),
  category: z.enum(REPORT_CATEGORIES),
  severity: z.number().int(),
  target: ReportTarget,
  /** The reported user, when there is one. */
  subject: z.object({ userId: z.string(), nickname: z.string() }).nullable(),
  reports: z.number().int().min(1),
  status: z.enum(['open', 'closed']),
  assignedTo: z.string().nullable(),
  createdAt: z.number().int(),
});
export type CaseSummary = z.infer<typeof CaseSummary>;

/** A message as frozen in a case's evidence. */
export const EvidenceMessage = z.object({
  roomId: z.string(),
  seq: z.number().int(),
  authorId: z.string(),
  nickname: z.string(),
  text: z.string(),
  at: z.number().int(),
  mediaId: z.string().nullable(),
  /** The reported message itself. */
  reported: z.boolean(),
});
export type EvidenceMessage = z.infer<typeof EvidenceMessage>;

export const CaseDetail = CaseSummary.extend({
  /** Reporters' texts (never who they are). */
  notes: z.array(z.object({ category: z.enum(REPORT_CATEGORIES), text: z.string(), at: z.number().int() })),
  /** T1: the frozen context. */
  context: z.array(EvidenceMessage),
  /** V4: for a reported live stream: what it was, since when it was on, when it was reported. */
  stream: z
    .object({
      media: z.enum(['cam', 'voice']),
      startedAt: z.number().int(),
      reportedAt: z.number().int(),
    })
    .nullable()
    .optional(),
  /** T2: the reported user's previous cases and decisions. */
  history: z.array(
    z.object({
      caseId: z.string(),
      category: z.enum(REPORT_CATEGORIES),
      outcome: z.string().nullable(),
      at: z.number().int(),
    }),
  ),
  decisions: z.array(
    z.object({
      action: z.enum(CASE_ACTIONS),
      staff: z.string(),
      rule: z.string(),
      facts: z.string(),
      at: z.number().int(),
    }),
  ),
});
export type CaseDetail = z.infer<typeof CaseDetail>;

/** `POST /api/staff/cases/:id/action`. */
export const CaseActionRequest = z.object({
  action: z.enum(CASE_ACTIONS),
  /** For mute and ban: milliseconds; absent for a ban without end. */
  durationMs: z
    .number()
    .int()
    .min(60_000)
    .max(10 * 365 * 86_400_000)
    .optional(),
  /** For ban: the room, or the whole platform. */
  scope: z.enum(['room', 'platform']).optional(),
  rule: z.string().min(1).max(200),
  facts: z.string().min(1).max(2000),
});
export type CaseActionRequest = z.infer<typeof CaseActionRequest>;

/** T3: an appeal, as staff see it. */
export const AppealSummary = z.object({
  id: z.string(),
  statement: Statement,
  userId: z.string(),
  nickname: z.string(),
  text: z.string(),
  /** Who took the decision appealed against: they may not decide the appeal. */
  decidedBy: z.string().nullable(),
  status: z.enum(['pending', 'upheld', 'reversed']),
  at: z.number().int(),
});
export type AppealSummary = z.infer<typeof AppealSummary>;

/** `POST /api/staff/appeals/:id/decide`. */
export const AppealDecisionRequest = z.object({
  decision: z.enum(['upheld', 'reversed']),
  reason: z.string().min(1).max(2000),
});

/** S1, T4, T6, T7: automated flags for staff review (they never restrict anyone by themselves). */
export const ALERT_KINDS = ['hash_match', 'ban_evasion', 'word_flag', 'risk_signal'] as const;
export const Alert = z.object({
  id: z.string(),
  kind: z.string(),
  /** The user concerned (the uploader, the banned user, the author). */
  user: z.object({ userId: z.string(), nickname: z.string() }),
  /** Facts as recorded: ids, signal names, the matched word; never an address. */
  details: z.record(z.string(), z.unknown()),
  at: z.number().int(),
});
export type Alert = z.infer<typeof Alert>;
