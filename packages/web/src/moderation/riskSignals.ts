/**
 * T7: the risk signals a private conversation can raise, each with the advice shown to the person
 * who should be careful (keys under `risk.signals.<signal>`, after its `lead` sentence). The most
 * pressing come first: a meeting (fake dates, ambushes), photos, an age gap, then the rest.
 */
export const RISK_ADVICE = {
  meeting: ['public', 'trust', 'car', 'leave'],
  photo_request: ['refuse', 'kept', 'blackmail'],
  age_gap: ['care', 'talk'],
  move_platform: ['stay', 'hurry'],
  phone_number: ['keep'],
  address_question: ['never'],
  age_question: ['free'],
} as const satisfies Record<string, readonly string[]>;

export type RiskSignal = keyof typeof RISK_ADVICE;

const ORDER = Object.keys(RISK_ADVICE) as RiskSignal[];

/** The signals this page can explain, most pressing first; names it does not know are left out. */
export function explainedSignals(signals: readonly string[]): RiskSignal[] {
  return ORDER.filter((signal) => signals.includes(signal));
}
