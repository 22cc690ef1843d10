/**
 * T9: the transparency report for a period: notices received by category, actions taken (by
 * staff, and automated), and the median time from a report to the first action on its case.
 * Counts only: nothing that names a user, a room or a message.
 */
import { REPORT_CATEGORIES, type ReportCategory } from '@salon/protocol';
import type { Store } from '../store/index.js';

export interface TransparencyReport {
  from: number;
  to: number;
  notices: { total: number; byCategory: Record<ReportCategory, number> };
  actions: { human: Record<string, number>; automated: Record<string, number> };
  /** Median milliseconds from a case's first report to its first action; null when none was acted on. */
  medianTimeToActionMs: number | null;
  casesActedOn: number;
}

function median(values: number[]): number | null {
  if (values.length === 0) return null;
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 === 1 ? sorted[mid]! : Math.round((sorted[mid - 1]! + sorted[mid]!) / 2);
}

export async function transparencyReport(
  store: Store,
  from: number,
  to: number,
): Promise<TransparencyReport> {
  const { reports, decisions, cases, quarantines } = await store.moderation.periodFacts(from, to);
  const byCategory = Object.fromEntries(REPORT_CATEGORIES.map((c) => [c, 0])) as Record<
    ReportCategory,
    number
  >;
  for (const report of reports) {
    if (report.category in byCategory) byCategory[report.category as ReportCategory] += 1;
  }
  const human: Record<string, number> = {};
  const automated: Record<string, number> = {};
  for (const decision of decisions) {
    const bucket = decision.staff_id === null ? automated : human;
    bucket[decision.action] = (bucket[decision.action] ?? 0) + 1;
  }
  if (quarantines > 0) automated.quarantine = (automated.quarantine ?? 0) + quarantines;
  const delays = cases.map((c) => c.first_action_at - c.created_at);
  return {
    from,
    to,
    notices: { total: reports.length, byCategory },
    actions: { human, automated },
    medianTimeToActionMs: median(delays),
    casesActedOn: delays.length,
  };
}
