import {
  Alert,
  AppealSummary,
  CaseDetail,
  CaseSummary,
  EnrolResponse,
  HTTP_PATHS,
  LiveStream,
  StaffMe,
} from '@salon/protocol';
import type { CaseActionRequest } from '@salon/protocol';
import {
  answer,
  browserFetch,
  callJson,
  failureWithMessage,
  field,
  isSuccess,
  parsed,
  postJson,
} from './http.js';
import type { ApiResult, Fetch } from './http.js';

export type AppealDecision = 'upheld' | 'reversed';

/** O3, T2, T3: the moderation console's API (staff cookie); an interface so tests can stand in. */
export interface StaffApi {
  me(): Promise<ApiResult<StaffMe>>;
  login(name: string, password: string, code: string): Promise<ApiResult<StaffMe>>;
  logout(): Promise<ApiResult<null>>;
  /** O3: first step of an enrolment link: sets the password, gets the TOTP secret. */
  enrol(token: string, password: string): Promise<ApiResult<EnrolSecret>>;
  /** O3: a first code from the authenticator app; logs in. */
  confirmEnrol(token: string, code: string): Promise<ApiResult<StaffMe>>;
  /** T2: open cases, most severe first, then oldest (the server's order). */
  cases(): Promise<ApiResult<CaseSummary[]>>;
  caseDetail(id: string): Promise<ApiResult<CaseDetail>>;
  assign(id: string): Promise<ApiResult<CaseSummary>>;
  act(id: string, request: CaseActionRequest): Promise<ApiResult<CaseSummary>>;
  /** T3: pending appeals. */
  appeals(): Promise<ApiResult<AppealSummary[]>>;
  decide(id: string, decision: AppealDecision, reason: string): Promise<ApiResult<AppealSummary | null>>;
  /** S1, T4, T6, T7: open automated alerts, oldest first. */
  alerts(): Promise<ApiResult<Alert[]>>;
  /** Marks an alert as looked at; NOT_FOUND when it already was. */
  resolveAlert(id: string): Promise<ApiResult<null>>;
  /** V4: every live camera and unmuted voice now. */
  streams(): Promise<ApiResult<LiveStream[]>>;
  /** V4: ends someone's camera and voice in a room (or a call); false when nothing was on. */
  endStream(roomId: string, userId: string): Promise<ApiResult<boolean>>;
}

/** O3: the TOTP secret (base32) and its otpauth:// URI, to type into an authenticator app. */
export interface EnrolSecret {
  secret: string;
  uri: string;
}

const base = HTTP_PATHS.staff;
const Cases = CaseSummary.array();
const Appeals = AppealSummary.array();
const Alerts = Alert.array();
const Streams = LiveStream.array();

function staffOf(body: unknown): StaffMe | null {
  return parsed(StaffMe.safeParse(field(body, 'staff')));
}

/** The case in an answer: in full or as a summary, both carry what the queue needs. */
function caseOf(body: unknown): CaseSummary | null {
  return parsed(CaseSummary.safeParse(field(body, 'case')));
}

export function httpStaffApi(fetchImpl: Fetch = browserFetch): StaffApi {
  const get = (path: string) => callJson(fetchImpl, `${base}${path}`);
  const post = (path: string, body?: unknown) => postJson(fetchImpl, `${base}${path}`, body);
  const id = encodeURIComponent;
  return {
    async me() {
      return answer(await get('/me'), staffOf);
    },
    async login(name, password, code) {
      return answer(await post('/login', { name, password, code }), staffOf);
    },
    async logout() {
      const reply = await post('/logout');
      return isSuccess(reply) ? { ok: true, value: null } : failureWithMessage(reply);
    },
    async enrol(token, password) {
      return answer(await post('/enrol', { token, password }), (body) =>
        parsed(EnrolResponse.safeParse(body)),
      );
    },
    async confirmEnrol(token, code) {
      return answer(await post('/enrol/confirm', { token, code }), staffOf);
    },
    async cases() {
      return answer(await get('/cases'), (body) => parsed(Cases.safeParse(field(body, 'cases'))));
    },
    async caseDetail(caseId) {
      return answer(await get(`/cases/${id(caseId)}`), (body) =>
        parsed(CaseDetail.safeParse(field(body, 'case'))),
      );
    },
    async assign(caseId) {
      return answer(await post(`/cases/${id(caseId)}/assign`), caseOf);
    },
    async act(caseId, request) {
      return answer(await post(`/cases/${id(caseId)}/action`, request), caseOf);
    },
    async appeals() {
      return answer(await get('/appeals'), (body) => parsed(Appeals.safeParse(field(body, 'appeals'))));
    },
    async decide(appealId, decision, reason) {
      const reply = await post(`/appeals/${id(appealId)}/decide`, { decision, reason });
      // The decided appeal comes back; an answer without it still means the decision was taken.
      if (!isSuccess(reply)) return failureWithMessage(reply);
      return { ok: true, value: parsed(AppealSummary.safeParse(field(reply.body, 'appeal'))) };
    },
    async alerts() {
      return answer(await get('/alerts'), (body) => parsed(Alerts.safeParse(field(body, 'alerts'))));
    },
    async resolveAlert(alertId) {
      const reply = await post(`/alerts/${id(alertId)}/resolve`);
      return isSuccess(reply) ? { ok: true, value: null } : failureWithMessage(reply);
    },
    async streams() {
      return answer(await get('/streams'), (body) => parsed(Streams.safeParse(field(body, 'streams'))));
    },
    async endStream(roomId, userId) {
      const reply = await post('/streams/end', { roomId, userId });
      if (!isSuccess(reply)) return failureWithMessage(reply);
      return { ok: true, value: field(reply.body, 'ended') === true };
    },
  };
}
