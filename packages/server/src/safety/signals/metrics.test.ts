import { describe, expect, it } from 'vitest';
import { MESSAGE_SIGNAL_NAMES, type MessageSignalName } from './detector.js';
import { evaluate, formatEvaluation } from './metrics.js';
import { TESTSET, type TestLine } from './testset.js';

describe('T7 metrics', () => {
  it('[T7] counts per (line, signal) pair', () => {
    const lines: TestLine[] = [
      { lang: 'fr', text: 'a', expected: ['meeting'] },
      { lang: 'fr', text: 'b', expected: ['meeting', 'phone_number'] },
      { lang: 'en', text: 'c', expected: [] },
      { lang: 'en', text: 'd', expected: ['age_question'] },
    ];
    const answers: Record<string, MessageSignalName[]> = {
      a: ['meeting'],
      b: ['meeting', 'photo_request'],
      c: ['meeting'],
      d: [],
    };
    const result = evaluate(lines, (text) => answers[text] ?? []);
    expect(result.perSignal.meeting).toMatchObject({
      truePositives: 2,
      falsePositives: 1,
      falseNegatives: 0,
    });
    expect(result.perSignal.meeting.precision).toBeCloseTo(2 / 3);
    expect(result.perSignal.meeting.recall).toBe(1);
    expect(result.perSignal.meeting.f1).toBeCloseTo(0.8);
    expect(result.perSignal.phone_number).toMatchObject({
      truePositives: 0,
      falseNegatives: 1,
      precision: 1,
      recall: 0,
      f1: 0,
    });
    expect(result.perSignal.address_question).toMatchObject({ precision: 1, recall: 1 });
    expect(result.overall).toMatchObject({ truePositives: 2, falsePositives: 2, falseNegatives: 2 });
    expect(result.overall.precision).toBe(0.5);
    expect(result.overall.recall).toBe(0.5);
    expect(result.mistakes.map((m) => m.line.text)).toEqual(['b', 'c', 'd']);
    expect(result.mistakes[0]).toMatchObject({ missed: ['phone_number'], spurious: ['photo_request'] });
  });
});

describe('T7 test set', () => {
  it('[T7] has at least 200 labelled lines in French and English, about half with signals', () => {
    expect(TESTSET.length).toBeGreaterThanOrEqual(200);
    const french = TESTSET.filter((line) => line.lang === 'fr').length;
    expect(french).toBeGreaterThan(TESTSET.length * 0.3);
    expect(TESTSET.length - french).toBeGreaterThan(TESTSET.length * 0.3);
    const withSignals = TESTSET.filter((line) => line.expected.length > 0).length;
    expect(withSignals / TESTSET.length).toBeGreaterThan(0.4);
    expect(withSignals / TESTSET.length).toBeLessThan(0.7);
    for (const name of MESSAGE_SIGNAL_NAMES) {
      expect(TESTSET.filter((line) => line.expected.includes(name)).length, name).toBeGreaterThanOrEqual(20);
    }
  });

  it('[T7] has no duplicate line and no duplicate label', () => {
    expect(new Set(TESTSET.map((line) => line.text)).size).toBe(TESTSET.length);
    for (const line of TESTSET) expect(new Set(line.expected).size, line.text).toBe(line.expected.length);
  });

  it('[T7] the detector reaches precision ≥ 0.9 and recall ≥ 0.85 overall, ≥ 0.8 per signal', () => {
    const result = evaluate(TESTSET);
    const report = formatEvaluation(result);
    expect(result.overall.precision, report).toBeGreaterThanOrEqual(0.9);
    expect(result.overall.recall, report).toBeGreaterThanOrEqual(0.85);
    for (const name of MESSAGE_SIGNAL_NAMES) {
      expect(result.perSignal[name].precision, `${name}\n${report}`).toBeGreaterThanOrEqual(0.8);
      expect(result.perSignal[name].recall, `${name}\n${report}`).toBeGreaterThanOrEqual(0.8);
    }
  });
});
