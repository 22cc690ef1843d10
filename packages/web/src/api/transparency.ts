import { REPORT_CATEGORIES } from '@salon/protocol';
import type { ReportCategory } from '@salon/protocol';
import { answer, browserFetch, callJson } from './http.js';
import type { ApiResult, Fetch } from './http.js';

/** The page showing the report, served by the web app. */
export const TRANSPARENCY_PAGE = '/transparency';

/** `GET /api/transparency`: public, no session. */
export const TRANSPARENCY_API = '/api/transparency';

/** T9: what the moderation team received and did over a period; counts only. */
export interface TransparencyReport {
  /** The period, epoch ms: `from` included, `to` not. */
  from: number;
  to: number;
  notices: { total: number; byCategory: Record<ReportCategory, number> };
  /** Actions by name (`ban`, `remove`, `quarantine`…), by staff and automated. */
  actions: { human: Record<string, number>; automated: Record<string, number> };
  /** Median milliseconds from a case's first report to its first action; null when none was acted on. */
  medianTimeToActionMs: number | null;
  casesActedOn: number;
}

/** A period as days (YYYY-MM-DD, UTC); an empty day leaves the server's default. */
export interface TransparencyRange {
  from: string;
  to: string;
}

/** T9: the report for a period; an interface so tests can stand in for the server. */
export interface TransparencyApi {
  report(range: TransparencyRange): Promise<ApiResult<TransparencyReport>>;
}

/** The report's address for a period: the page reads it, and links to it as JSON. */
export function transparencyPath(range: TransparencyRange): string {
  const query = new URLSearchParams();
  if (range.from !== '') query.set('from', range.from);
  if (range.to !== '') query.set('to', range.to);
  const text = query.toString();
  return text === '' ? TRANSPARENCY_API : `${TRANSPARENCY_API}?${text}`;
}

const isCount = (value: unknown): value is number =>
  typeof value === 'number' && Number.isFinite(value) && value >= 0;

function record(value: unknown): Record<string, unknown> | null {
  return value !== null && typeof value === 'object' && !Array.isArray(value)
    ? (value as Record<string, unknown>)
    : null;
}

/** Counts by name; anything that is not a count is left out. */
function counts(value: unknown): Record<string, number> | null {
  const object = record(value);
  if (!object) return null;
  return Object.fromEntries(
    Object.entries(object).filter((entry): entry is [string, number] => isCount(entry[1])),
  );
}

/** The answer's body as a report, or null when it is not one. */
export function readTransparencyReport(body: unknown): TransparencyReport | null {
  const object = record(body);
  const notices = record(object?.notices);
  const actions = record(object?.actions);
  const byCategory = counts(notices?.byCategory);
  const human = counts(actions?.human);
  const automated = counts(actions?.automated);
  if (!object || !notices || !byCategory || !human || !automated) return null;
  const { from, to, medianTimeToActionMs: median, casesActedOn } = object;
  if (typeof from !== 'number' || typeof to !== 'number' || !isCount(notices.total)) return null;
  if (!isCount(casesActedOn) || !(median === null || isCount(median))) return null;
  return {
    from,
    to,
    notices: {
      total: notices.total,
      byCategory: Object.fromEntries(REPORT_CATEGORIES.map((c) => [c, byCategory[c] ?? 0])) as Record<
        ReportCategory,
        number
      >,
    },
    actions: { human, automated },
    medianTimeToActionMs: median,
    casesActedOn,
  };
}

export function httpTransparencyApi(fetchImpl: Fetch = browserFetch): TransparencyApi {
  return {
    async report(range) {
      return answer(await callJson(fetchImpl, transparencyPath(range)), readTransparencyReport);
    },
  };
}
