/** Scores a person query against a person record: one-to-one alignment of name parts, then supporting evidence. */
import { analyseName, cachedToken, PATRONYMIC_MARKERS, type AnalysedName, type TokenInfo } from './analyse.ts';
import { maximumAssignment } from './assignment.ts';
import { compareEvidence, toCountryCode, type Evidence, type Sex } from './evidence.ts';
import type { ExplanationItem } from './explain.ts';
import { compareParts, editDistance, typoBudget, type PartSimilarity } from './similarity.ts';
import { uniformStats, type TokenStats } from './stats.ts';

/**
 * Scores at or above this are reported as a match. Chosen on the name-pair benchmark (docs/benchmarks-matching.md) as
 * the point where a name with one typo or one extra middle name still matches, while any part that clashes with a
 * part of the other name (a different given name, patronymic or family name) drops the pair below it.
 */
export const MATCH_THRESHOLD = 0.75;

export type PersonQuery = {
  names: string[];
  dateOfBirth?: string | null;
  nationalities?: string[];
  sex?: Sex | null;
};

export type PersonRecord = {
  id: string;
  names: string[];
  dateOfBirth?: string | null;
  nationalities?: string[];
  sex?: Sex | null;
};

export type ScoreResult = { score: number; match: boolean; explanation: ExplanationItem[] };

/** A person with names already analysed: what the index keeps, and what scoring works on. */
export type PersonFacts = { names: readonly AnalysedName[] } & Evidence;

export type PartComparer = (a: TokenInfo, b: TokenInfo) => PartSimilarity;

/** Parts scoring below this are not considered the same part at all. */
const MIN_PART_SCORE = 0.5;
/** Penalty per unit of unmatched weight fraction on each side (an extra middle name costs a little). */
const LEFTOVER_PENALTY = 0.15;
/** Both names keep parts the other lacks: most likely a different given name, patronymic or family name. */
const CONFLICT_PENALTY = 0.25;
const CONFLICT_SCALE = 0.35;
/** Score ceiling when a single part (or only initials) matches in names that have more parts. */
const SINGLE_PART_CEILING = 0.6;
/** Below this name score, agreeing dates or nationalities must not lift a pair. */
const EVIDENCE_FLOOR = 0.5;

/** "X bin Y" against "Y bin X": son and father, two different people. */
const PATRONYMIC_REVERSAL_PENALTY = 0.4;

export type NameScore = { score: number; items: ExplanationItem[] };

/** Scores one query name against one record name (`scoreNames` with the search's statistics and comparer). */
export type NameScorer = (query: AnalysedName, candidate: AnalysedName) => NameScore;

/** Index pairs (given name, father's name) around each patronymic marker ("bin", "ibn", "ben", ...). */
function patronymicLinks(parts: readonly TokenInfo[]): Array<readonly [number, number]> {
  const links: Array<readonly [number, number]> = [];
  parts.forEach((t, i) => {
    if (i > 0 && i + 1 < parts.length && PATRONYMIC_MARKERS.has(t.text)) links.push([i - 1, i + 1]);
  });
  return links;
}

/** True when the alignment pairs a son's name with a father's name across the marker in both directions (`sims` is row-major, a row per part of `q`). */
function patronymicReversed(q: readonly TokenInfo[], c: readonly TokenInfo[], assigned: readonly number[], sims: readonly PartSimilarity[]): boolean {
  const m = c.length;
  const cLinks = patronymicLinks(c);
  return patronymicLinks(q).some(([son, father]) =>
    cLinks.some(([cSon, cFather]) => {
      const crossed = assigned[son] === cFather && assigned[father] === cSon;
      return crossed && (sims[son * m + cFather] as PartSimilarity).score >= MIN_PART_SCORE && (sims[father * m + cSon] as PartSimilarity).score >= MIN_PART_SCORE;
    }),
  );
}

function joinedText(run: readonly TokenInfo[]): string {
  return run.map((t) => t.text).join('');
}

/** Whether `others` holds a part that `token` matches almost exactly (a loop: this runs for every pair of names). */
function hasNearCopy(token: TokenInfo, others: readonly TokenInfo[], compare: PartComparer): boolean {
  for (let k = 0; k < others.length; k++) if (compare(token, others[k] as TokenInfo).score >= 0.95) return true;
  return false;
}

/**
 * Finds parts of `side` that another name writes as two or three consecutive parts ("RamiMakhlouf", "Abdulaziz" vs
 * "Abd al-Aziz"), and replaces those runs in `other` by one joined part, recorded in `joined`. Returns `other` itself
 * when nothing was joined, which is nearly always.
 */
function mergeJoinedRuns(side: readonly TokenInfo[], other: readonly TokenInfo[], compare: PartComparer, joined: TokenInfo[]): readonly TokenInfo[] {
  let result = other;
  for (const token of side) {
    if (token.kind !== 'name' || token.text.length < 5) continue;
    if (hasNearCopy(token, result, compare)) continue;
    for (let size = 2; size <= 3; size++) {
      let merged = false;
      for (let start = 0; start + size <= result.length; start++) {
        // Most runs differ in length by more than the budget: decided from the lengths, before building the text.
        let length = 0;
        for (let k = start; k < start + size; k++) length += (result[k] as TokenInfo).text.length;
        if (Math.abs(length - token.text.length) > typoBudget(Math.min(length, token.text.length))) continue;
        const run = result.slice(start, start + size);
        const text = joinedText(run);
        const budget = typoBudget(Math.min(text.length, token.text.length));
        if (text !== token.text && editDistance(text, token.text, budget) > budget) continue;
        const joinedToken = cachedToken(run.map((t) => t.raw).join(''));
        joined.push(joinedToken);
        result = [...result.slice(0, start), joinedToken, ...result.slice(start + size)];
        merged = true;
        break;
      }
      if (merged) break;
    }
  }
  return result;
}

function isSubstantive(token: TokenInfo): boolean {
  return token.kind === 'name' || token.kind === 'initial';
}

/**
 * The unmatched share of one side's weight (`matched[i]` says whether part i found a counterpart), and its unmatched
 * parts.
 */
function leftovers(parts: readonly TokenInfo[], weights: readonly number[], matched: readonly boolean[]): { fraction: number; unmatched: number[] } {
  let total = 0;
  let left = 0;
  const unmatched: number[] = [];
  for (let i = 0; i < parts.length; i++) {
    const w = weights[i] as number;
    if (matched[i]) {
      total += w;
      continue;
    }
    unmatched.push(i);
    // A part repeated on the same side ("Sergey Sergey Shoigu") adds no weight, but can still clash.
    if (repeatsMatched(parts, matched, (parts[i] as TokenInfo).text)) continue;
    total += w;
    left += w;
  }
  return { fraction: total > 0 ? left / total : 0, unmatched };
}

function repeatsMatched(parts: readonly TokenInfo[], matched: readonly boolean[], text: string): boolean {
  for (let k = 0; k < parts.length; k++) if (matched[k] && (parts[k] as TokenInfo).text === text) return true;
  return false;
}

/**
 * `scoreNames` for a query of one part, with the same result: a one-part query cannot be re-joined, pairs at most one
 * part (the first best one, which is what the assignment picks for a single row), and can neither conflict nor be
 * reversed, so the general steps reduce to one pass over the candidate's parts. Family-name searches are all of this
 * form, and they score every holder of the name.
 */
function scoreOnePart(a: TokenInfo, parts: readonly TokenInfo[], stats: TokenStats, compare: PartComparer): NameScore {
  // The candidate's parts themselves unless the query part is written as two or three of them (see mergeJoinedRuns).
  const joined: TokenInfo[] = [];
  const c = mergeJoinedRuns([a], parts, compare, joined);
  const joinedToken = joined[0] ?? null;
  const m = c.length;
  if (m === 0) return { score: 0, items: [] };
  const wa = stats.weight(a);
  const wc = new Array<number>(m);
  const sims = new Array<PartSimilarity>(m);
  let best = 0;
  let bestGain = Number.NEGATIVE_INFINITY;
  for (let j = 0; j < m; j++) {
    const b = c[j] as TokenInfo;
    const w = stats.weight(b);
    const s = compare(a, b);
    wc[j] = w;
    sims[j] = s;
    const gain = s.score >= MIN_PART_SCORE ? s.score * (wa + w) / 2 : 0;
    if (gain > bestGain) {
      bestGain = gain;
      best = j;
    }
  }
  const items: ExplanationItem[] = [];
  const s = sims[best] as PartSimilarity;
  const b = c[best] as TokenInfo;
  const matched = s.score >= MIN_PART_SCORE;
  let matchedWeight = 0;
  let matchedGain = 0;
  if (matched) {
    const w = (wa + (wc[best] as number)) / 2;
    matchedWeight += w;
    matchedGain += s.score * w;
    const how = (a === joinedToken || b === joinedToken) && s.kind !== 'typo' ? 'joined' : s.kind;
    if (how !== 'gender' && how !== 'distinct' && how !== 'none') items.push({ kind: 'part-matched', how, query: a.raw, candidate: b.raw, distance: s.distance });
  } else {
    let clash = -1;
    for (let j = 0; j < m && clash < 0; j++) if (sims[j]?.kind === 'gender' || sims[j]?.kind === 'distinct') clash = j;
    if (clash >= 0) items.push({ kind: sims[clash]?.kind === 'gender' ? 'part-gender-form' : 'part-different-name', query: a.raw, candidate: (c[clash] as TokenInfo).raw });
    else items.push({ kind: 'part-unmatched', side: 'query', part: a.raw });
    for (let j = 0; j < m; j++) if (j !== clash) items.push({ kind: 'part-unmatched', side: 'candidate', part: (c[j] as TokenInfo).raw });
    return { score: 0, items };
  }
  // The candidate's leftover weight, summed in part order as `scoreNames` does; a repeat of the matched part adds none.
  let total = 0;
  let left = 0;
  let substantiveC = 0;
  for (let j = 0; j < m; j++) {
    const part = c[j] as TokenInfo;
    if (isSubstantive(part)) substantiveC++;
    if (j === best) {
      total += wc[j] as number;
      continue;
    }
    items.push({ kind: 'part-unmatched', side: 'candidate', part: part.raw });
    if (part.text === b.text) continue;
    total += wc[j] as number;
    left += wc[j] as number;
  }
  const leftFraction = total > 0 ? left / total : 0;
  let score = matchedGain / matchedWeight - LEFTOVER_PENALTY * leftFraction;
  if (Math.max(isSubstantive(a) ? 1 : 0, substantiveC) >= 2) {
    score = Math.min(score, SINGLE_PART_CEILING * (matchedGain / matchedWeight));
    items.push({ kind: 'single-part-only', part: a.raw });
  }
  return { score: Math.max(0, Math.min(1, score)), items };
}

/** Scores two analysed names in [0, 1] with the explanation items for the parts. */
export function scoreNames(query: AnalysedName, candidate: AnalysedName, stats: TokenStats = uniformStats, compare: PartComparer = compareParts): NameScore {
  const only = query.parts.length === 1 ? query.parts[0] : undefined;
  if (only) return scoreOnePart(only, candidate.parts, stats, compare);
  const joined: TokenInfo[] = [];
  const c = mergeJoinedRuns(query.parts, candidate.parts, compare, joined);
  const q = mergeJoinedRuns(c, query.parts, compare, joined);
  const n = q.length;
  const m = c.length;
  if (n === 0 || m === 0) return { score: 0, items: [] };
  const wq = new Array<number>(n);
  const wc = new Array<number>(m);
  for (let i = 0; i < n; i++) wq[i] = stats.weight(q[i] as TokenInfo);
  for (let j = 0; j < m; j++) wc[j] = stats.weight(c[j] as TokenInfo);
  // Row-major n × m: the similarity of query part i and candidate part j at i * m + j, and the gain of pairing them.
  const sims = new Array<PartSimilarity>(n * m);
  const gain = new Float64Array(n * m);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < m; j++) {
      const s = compare(q[i] as TokenInfo, c[j] as TokenInfo);
      sims[i * m + j] = s;
      gain[i * m + j] = s.score >= MIN_PART_SCORE ? s.score * ((wq[i] as number) + (wc[j] as number)) / 2 : 0;
    }
  }
  const assigned = maximumAssignment(gain, n, m);

  const items: ExplanationItem[] = [];
  const matchedQ = new Array<boolean>(n).fill(false);
  const matchedC = new Array<boolean>(m).fill(false);
  let matchedWeight = 0;
  let matchedGain = 0;
  let substantivePairs = 0;
  let nonInitialPairs = 0;
  for (let i = 0; i < n; i++) {
    const j = assigned[i] as number;
    if (j < 0) continue;
    const s = sims[i * m + j] as PartSimilarity;
    const a = q[i] as TokenInfo;
    const b = c[j] as TokenInfo;
    if (s.score < MIN_PART_SCORE) continue;
    matchedQ[i] = true;
    matchedC[j] = true;
    const w = ((wq[i] as number) + (wc[j] as number)) / 2;
    matchedWeight += w;
    matchedGain += s.score * w;
    if ((isSubstantive(a) && isSubstantive(b)) || ((isSubstantive(a) || isSubstantive(b)) && s.kind === 'variant')) substantivePairs++;
    if (a.kind !== 'initial' && b.kind !== 'initial' && s.kind !== 'initial') nonInitialPairs++;
    const how = (joined.includes(a) || joined.includes(b)) && s.kind !== 'typo' ? 'joined' : s.kind;
    if (how === 'gender' || how === 'distinct' || how === 'none') continue;
    items.push({ kind: 'part-matched', how, query: a.raw, candidate: b.raw, distance: s.distance });
  }
  const lq = leftovers(q, wq, matchedQ);
  const lc = leftovers(c, wc, matchedC);
  const clashed = new Array<boolean>(m).fill(false);
  for (const i of lq.unmatched) {
    const a = q[i] as TokenInfo;
    let clash = -1;
    for (let k = 0; k < lc.unmatched.length && clash < 0; k++) {
      const j = lc.unmatched[k] as number;
      const kind = (sims[i * m + j] as PartSimilarity).kind;
      if (kind === 'gender' || kind === 'distinct') clash = j;
    }
    if (clash >= 0) {
      clashed[clash] = true;
      items.push({ kind: (sims[i * m + clash] as PartSimilarity).kind === 'gender' ? 'part-gender-form' : 'part-different-name', query: a.raw, candidate: (c[clash] as TokenInfo).raw });
    } else items.push({ kind: 'part-unmatched', side: 'query', part: a.raw });
  }
  for (const j of lc.unmatched) if (!clashed[j]) items.push({ kind: 'part-unmatched', side: 'candidate', part: (c[j] as TokenInfo).raw });

  if (matchedWeight === 0) return { score: 0, items };
  let score = matchedGain / matchedWeight - LEFTOVER_PENALTY * (lq.fraction + lc.fraction);
  const conflict = lq.unmatched.some((i) => isSubstantive(q[i] as TokenInfo)) && lc.unmatched.some((j) => isSubstantive(c[j] as TokenInfo));
  if (conflict) {
    score -= CONFLICT_PENALTY + CONFLICT_SCALE * Math.min(lq.fraction, lc.fraction);
    items.push({ kind: 'parts-conflict' });
  }
  if (patronymicReversed(q, c, assigned, sims)) {
    score -= PATRONYMIC_REVERSAL_PENALTY;
    items.push({ kind: 'patronymic-reversed' });
  }
  const substantiveQ = q.filter(isSubstantive).length;
  const substantiveC = c.filter(isSubstantive).length;
  if ((substantivePairs <= 1 || nonInitialPairs === 0) && Math.max(substantiveQ, substantiveC) >= 2) {
    score = Math.min(score, SINGLE_PART_CEILING * (matchedGain / matchedWeight));
    const part = items.find((it) => it.kind === 'part-matched');
    items.push({ kind: 'single-part-only', part: part?.kind === 'part-matched' ? part.query : (q[0]?.raw ?? '') });
  }
  return { score: Math.max(0, Math.min(1, score)), items };
}

function clamp01(x: number): number {
  return Math.max(0, Math.min(1, x));
}

/** Scores already-analysed persons: best pair of names, then evidence. */
export function scoreFacts(
  query: PersonFacts,
  record: PersonFacts,
  stats: TokenStats = uniformStats,
  compare: PartComparer = compareParts,
  scoreName: NameScorer = (qn, rn) => scoreNames(qn, rn, stats, compare),
): ScoreResult {
  let best: NameScore = { score: 0, items: [] };
  let bestQuery = '';
  let bestCandidate = '';
  for (const qn of query.names) {
    for (const rn of record.names) {
      const s = scoreName(qn, rn);
      if (s.score > best.score || bestQuery === '') {
        best = s;
        bestQuery = qn.text;
        bestCandidate = rn.text;
      }
    }
  }
  const evidence = compareEvidence(query, record);
  const adjustment = best.score >= EVIDENCE_FLOOR ? evidence.adjustment : Math.min(0, evidence.adjustment);
  const score = Math.round(clamp01(best.score + adjustment) * 10_000) / 10_000;
  const explanation: ExplanationItem[] = [{ kind: 'names-compared', query: bestQuery, candidate: bestCandidate }];
  for (const item of best.items) explanation.push(item);
  for (const item of evidence.items) explanation.push(item);
  return { score, match: score >= MATCH_THRESHOLD, explanation };
}

/** Country codes and names to ISO alpha-2; unknown values are dropped rather than guessed. */
export function normaliseNationalities(values: readonly string[] | undefined): string[] {
  return [...new Set((values ?? []).map(toCountryCode).filter((c): c is string => c !== null))];
}

export function toFacts(person: PersonQuery | PersonRecord): PersonFacts {
  return {
    names: person.names.map(analyseName).filter((n) => n.parts.length > 0),
    dateOfBirth: person.dateOfBirth ?? null,
    nationalities: normaliseNationalities(person.nationalities),
    sex: person.sex ?? null,
  };
}

/** Scores a query against one record; `stats` weighs rare name parts above common ones (uniform by default). */
export function scorePerson(query: PersonQuery, record: PersonRecord, stats?: TokenStats): ScoreResult {
  return scoreFacts(toFacts(query), toFacts(record), stats ?? uniformStats);
}
