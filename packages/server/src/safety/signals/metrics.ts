/**
 * T7: precision, recall and F1 of the risk-signal detector over a labelled test set.
 *
 * Counting is per (line, signal) pair: a signal expected and detected on a line is a true positive,
 * detected but not expected a false positive, expected but not detected a false negative.
 * When nothing was detected (or nothing was expected) precision (or recall) is 1: no wrong claim
 * (no miss) was made.
 */
import { detectSignals, MESSAGE_SIGNAL_NAMES, type MessageSignalName } from './detector.js';
import type { TestLine } from './testset.js';

export interface Scores {
  readonly truePositives: number;
  readonly falsePositives: number;
  readonly falseNegatives: number;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
}

export interface Mistake {
  readonly line: TestLine;
  readonly detected: readonly MessageSignalName[];
  /** Expected but not detected. */
  readonly missed: readonly MessageSignalName[];
  /** Detected but not expected. */
  readonly spurious: readonly MessageSignalName[];
}

export interface Evaluation {
  readonly overall: Scores;
  readonly perSignal: Readonly<Record<MessageSignalName, Scores>>;
  readonly mistakes: readonly Mistake[];
}

interface Counts {
  tp: number;
  fp: number;
  fn: number;
}

function scores({ tp, fp, fn }: Counts): Scores {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { truePositives: tp, falsePositives: fp, falseNegatives: fn, precision, recall, f1 };
}

/** T7: scores `detect` (by default the rule-based detector) against `testset`. */
export function evaluate(
  testset: readonly TestLine[],
  detect: (text: string) => readonly MessageSignalName[] = detectSignals,
): Evaluation {
  const counts = Object.fromEntries(
    MESSAGE_SIGNAL_NAMES.map((name) => [name, { tp: 0, fp: 0, fn: 0 }]),
  ) as Record<MessageSignalName, Counts>;
  const total: Counts = { tp: 0, fp: 0, fn: 0 };
  const mistakes: Mistake[] = [];
  for (const line of testset) {
    const detected = detect(line.text);
    const missed: MessageSignalName[] = [];
    const spurious: MessageSignalName[] = [];
    for (const name of MESSAGE_SIGNAL_NAMES) {
      const expected = line.expected.includes(name);
      const found = detected.includes(name);
      const key = expected ? (found ? 'tp' : 'fn') : found ? 'fp' : null;
      if (key === null) continue;
      counts[name][key] += 1;
      total[key] += 1;
      if (key === 'fn') missed.push(name);
      if (key === 'fp') spurious.push(name);
    }
    if (missed.length > 0 || spurious.length > 0) mistakes.push({ line, detected, missed, spurious });
  }
  const perSignal = Object.fromEntries(
    MESSAGE_SIGNAL_NAMES.map((name) => [name, scores(counts[name])]),
  ) as Record<MessageSignalName, Scores>;
  return { overall: scores(total), perSignal, mistakes };
}

const pct = (value: number): string => `${(value * 100).toFixed(1)}%`.padStart(7);

/** A plain-text table of an evaluation, with its mistakes (for test output and reports). */
export function formatEvaluation(evaluation: Evaluation): string {
  const row = (name: string, s: Scores): string =>
    `${name.padEnd(18)}${pct(s.precision)}${pct(s.recall)}${pct(s.f1)}   tp=${s.truePositives} fp=${s.falsePositives} fn=${s.falseNegatives}`;
  const lines = [
    `${'signal'.padEnd(18)}${'prec.'.padStart(7)}${'recall'.padStart(7)}${'F1'.padStart(7)}`,
    ...MESSAGE_SIGNAL_NAMES.map((name) => row(name, evaluation.perSignal[name])),
    row('overall', evaluation.overall),
  ];
  for (const m of evaluation.mistakes) {
    const parts = [
      m.missed.length > 0 ? `missed ${m.missed.join(',')}` : '',
      m.spurious.length > 0 ? `spurious ${m.spurious.join(',')}` : '',
    ].filter((part) => part !== '');
    lines.push(`  [${m.line.lang}] ${JSON.stringify(m.line.text)}: ${parts.join('; ')}`);
  }
  return lines.join('\n');
}
