/** Name-pair accuracy: our scorer against the reference matcher's frozen scores, on the same labelled Person pairs. */
import { readFileSync } from 'node:fs';
import { parseCsvRecords } from '../src/cli/csv.ts';
import { MATCH_THRESHOLD, scorePerson, statsFromNames } from '../src/matching/index.ts';

export type LabelledPair = {
  name1: string;
  name2: string;
  isMatch: boolean;
  quality: string;
  category: string;
  ours: number;
  reference: number;
};

type Metrics = { f1: number; precision: number; recall: number; threshold: number };

function confusion(pairs: readonly { isMatch: boolean; score: number }[], threshold: number): Metrics {
  let tp = 0;
  let fp = 0;
  let fn = 0;
  for (const p of pairs) {
    const predicted = p.score >= threshold;
    if (predicted && p.isMatch) tp++;
    else if (predicted) fp++;
    else if (p.isMatch) fn++;
  }
  const precision = tp + fp > 0 ? tp / (tp + fp) : 1;
  const recall = tp + fn > 0 ? tp / (tp + fn) : 0;
  const f1 = tp > 0 ? (2 * tp) / (2 * tp + fp + fn) : 0;
  return { f1, precision, recall, threshold };
}

/** Every distinct score is tried as a threshold, for both systems alike. */
export function bestF1(pairs: readonly { isMatch: boolean; score: number }[]): Metrics {
  let best = confusion(pairs, 1.01);
  for (const t of new Set(pairs.map((p) => p.score))) {
    const m = confusion(pairs, t);
    if (m.f1 > best.f1) best = m;
  }
  return best;
}

export function recallAtPrecision(pairs: readonly { isMatch: boolean; score: number }[], minPrecision: number): Metrics {
  let best: Metrics = { f1: 0, precision: 1, recall: 0, threshold: 1.01 };
  for (const t of new Set(pairs.map((p) => p.score))) {
    const m = confusion(pairs, t);
    if (m.precision >= minPrecision && m.recall > best.recall) best = m;
  }
  return best;
}

export function atThreshold(pairs: readonly { isMatch: boolean; score: number }[], threshold: number): Metrics {
  return confusion(pairs, threshold);
}

/**
 * Loads the Person pairs that the reference scored (joined on name1, name2, schema; duplicated pairs are joined
 * occurrence by occurrence) and scores them with ours. Token weights come from the names of the pair set itself.
 */
export function loadAndScorePairs(sharedDir: string): LabelledPair[] {
  const cases = parseCsvRecords(readFileSync(`${sharedDir}/name-pairs/cases.csv`, 'utf8')).records.filter((r) => r.schema === 'Person');
  const frozen = parseCsvRecords(readFileSync(`${sharedDir}/name-pairs/logicv2-frozen.csv`, 'utf8')).records.filter((r) => r.schema === 'Person');
  const key = (r: Record<string, string>): string => `${r.name1}\u0000${r.name2}\u0000${r.schema}`;
  const pending = new Map<string, Record<string, string>[]>();
  for (const f of frozen) pending.set(key(f), [...(pending.get(key(f)) ?? []), f]);
  const joined = cases.flatMap((c) => {
    const ref = pending.get(key(c))?.shift();
    return ref ? [{ c, ref }] : [];
  });
  const stats = statsFromNames(joined.flatMap(({ c }) => [c.name1 ?? '', c.name2 ?? '']));
  return joined.map(({ c, ref }) => ({
    name1: c.name1 ?? '',
    name2: c.name2 ?? '',
    isMatch: c.is_match === 'true',
    quality: c.quality || 'MEDIUM',
    category: c.category ?? '',
    ours: scorePerson({ names: [c.name1 ?? ''] }, { id: 'b', names: [c.name2 ?? ''] }, stats).score,
    reference: Number(ref.score),
  }));
}

export function pairFigures(pairs: readonly LabelledPair[]): Record<string, unknown>[] {
  const ours = pairs.map((p) => ({ isMatch: p.isMatch, score: p.ours }));
  const reference = pairs.map((p) => ({ isMatch: p.isMatch, score: p.reference }));
  const strong = pairs.filter((p) => p.quality === 'STRONG');
  const strongRight = strong.filter((p) => (p.ours >= MATCH_THRESHOLD) === p.isMatch).length;
  const round = (m: Metrics) => ({
    f1: Number(m.f1.toFixed(3)),
    precision: Number(m.precision.toFixed(3)),
    recall: Number(m.recall.toFixed(3)),
    threshold: Number(m.threshold.toFixed(4)),
  });
  const categories = new Map<string, LabelledPair[]>();
  for (const p of pairs) categories.set(p.category || '(none)', [...(categories.get(p.category || '(none)') ?? []), p]);
  return [
    { figure: 'pairs.count', pairs: pairs.length, matches: pairs.filter((p) => p.isMatch).length },
    { figure: 'pairs.best_f1', ours: round(bestF1(ours)), reference: round(bestF1(reference)) },
    { figure: 'pairs.recall_at_precision_0.90', ours: round(recallAtPrecision(ours, 0.9)), reference: round(recallAtPrecision(reference, 0.9)) },
    { figure: 'pairs.at_shipped_threshold', threshold: MATCH_THRESHOLD, ours: round(atThreshold(ours, MATCH_THRESHOLD)) },
    { figure: 'pairs.strong_right', right: strongRight, of: strong.length },
    ...[...categories].map(([category, list]) => ({
      figure: 'pairs.category',
      category,
      pairs: list.length,
      oursCorrect: list.filter((p) => (p.ours >= MATCH_THRESHOLD) === p.isMatch).length,
      referenceCorrect: list.filter((p) => (p.reference >= 0.71) === p.isMatch).length,
    })),
  ];
}
