import { describe, expect, it } from 'vitest';
import { formFromPolicy, policyFromForm } from './contactForm.js';

describe('contact preferences form', () => {
  it('[P2] everyone and nobody carry no filter', () => {
    const form = { genders: ['man' as const], minAge: '20', maxAge: '30' };
    expect(policyFromForm({ mode: 'everyone', ...form })).toEqual({
      mode: 'everyone',
      genders: [],
      minAge: null,
      maxAge: null,
    });
    expect(policyFromForm({ mode: 'nobody', ...form })).toMatchObject({ mode: 'nobody', genders: [] });
  });

  it('[P2] filter: ticked genders in a fixed order, ages as numbers, empty age means no limit', () => {
    expect(
      policyFromForm({ mode: 'filter', genders: ['nonbinary', 'woman'], minAge: ' 25 ', maxAge: '' }),
    ).toEqual({ mode: 'filter', genders: ['woman', 'nonbinary'], minAge: 25, maxAge: null });
    expect(policyFromForm({ mode: 'filter', genders: [], minAge: '', maxAge: '40' })).toEqual({
      mode: 'filter',
      genders: [],
      minAge: null,
      maxAge: 40,
    });
  });

  it('[P2] refuses ages that are not whole numbers, and a range upside down', () => {
    for (const minAge of ['2.5', '-3', 'vingt', '151']) {
      expect(policyFromForm({ mode: 'filter', genders: [], minAge, maxAge: '' }), minAge).toEqual({
        problem: 'ageInvalid',
      });
    }
    expect(policyFromForm({ mode: 'filter', genders: [], minAge: '40', maxAge: '30' })).toEqual({
      problem: 'ageRange',
    });
  });

  it('[P2] a stored policy fills the form back', () => {
    const policy = { mode: 'filter' as const, genders: ['man' as const], minAge: 30, maxAge: null };
    const form = formFromPolicy(policy);
    expect(form).toEqual({ mode: 'filter', genders: ['man'], minAge: '30', maxAge: '' });
    expect(policyFromForm(form)).toEqual(policy);
  });
});
