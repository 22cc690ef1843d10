import { GENDERS } from '@salon/protocol';
import type { ContactPolicy, Gender } from '@salon/protocol';

/** P2: the contact preferences form as typed (ages are the raw text of their inputs). */
export interface ContactForm {
  mode: ContactPolicy['mode'];
  genders: readonly Gender[];
  minAge: string;
  maxAge: string;
}

export type ContactFormProblem = 'ageInvalid' | 'ageRange';

export function formFromPolicy(policy: ContactPolicy): ContactForm {
  return {
    mode: policy.mode,
    genders: [...policy.genders],
    minAge: policy.minAge === null ? '' : String(policy.minAge),
    maxAge: policy.maxAge === null ? '' : String(policy.maxAge),
  };
}

/** An empty field is no limit; otherwise a whole number of years (0–150). */
function parseAge(text: string): number | null | undefined {
  const value = text.trim();
  if (value === '') return null;
  if (!/^\d{1,3}$/.test(value)) return undefined;
  const age = Number(value);
  return age <= 150 ? age : undefined;
}

/**
 * P2: the policy to send. Only "filter" carries genders and ages; the others send none, so the
 * choice means exactly what it says.
 */
export function policyFromForm(form: ContactForm): ContactPolicy | { problem: ContactFormProblem } {
  if (form.mode !== 'filter') return { mode: form.mode, genders: [], minAge: null, maxAge: null };
  const minAge = parseAge(form.minAge);
  const maxAge = parseAge(form.maxAge);
  if (minAge === undefined || maxAge === undefined) return { problem: 'ageInvalid' };
  if (minAge !== null && maxAge !== null && minAge > maxAge) return { problem: 'ageRange' };
  // In the protocol's order, once each.
  const genders = GENDERS.filter((g) => form.genders.includes(g));
  return { mode: 'filter', genders, minAge, maxAge };
}
