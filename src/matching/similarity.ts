/** Compares two analysed name parts and says how they match: exact, transliteration, variant, phonetic, typo or initial. */
import type { TokenInfo } from './analyse.ts';
import { consonantSkeleton } from './keys.ts';

export type PartMatchKind = 'exact' | 'transliteration' | 'variant' | 'phonetic' | 'typo' | 'initial' | 'joined';
/** Why two similar-looking parts were judged different; shown to the officer. */
export type PartClashKind = 'gender' | 'distinct';

export type PartSimilarity =
  | { readonly score: number; readonly kind: PartMatchKind; readonly distance: number }
  | { readonly score: 0; readonly kind: PartClashKind | 'none'; readonly distance: number };

export const NO_MATCH: PartSimilarity = { score: 0, kind: 'none', distance: Number.POSITIVE_INFINITY };

/** Reused rows: edit distance runs millions of times per index build and search, so it must not allocate. */
let rowA = new Int32Array(64);
let rowB = new Int32Array(64);
let rowC = new Int32Array(64);

/** Optimal string alignment distance (Damerau–Levenshtein without repeated edits), stopping once `max` is exceeded. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a === b) return 0;
  const n = b.length;
  if (rowA.length <= n) {
    rowA = new Int32Array(n + 1);
    rowB = new Int32Array(n + 1);
    rowC = new Int32Array(n + 1);
  }
  let prevPrev = rowA;
  let prev = rowB;
  let cur = rowC;
  for (let j = 0; j <= n; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    cur[0] = i;
    let rowMin = i;
    const ai = a.charCodeAt(i - 1);
    const aPrev = i > 1 ? a.charCodeAt(i - 2) : -1;
    for (let j = 1; j <= n; j++) {
      const bj = b.charCodeAt(j - 1);
      let v = Math.min(prev[j]! + 1, cur[j - 1]! + 1, prev[j - 1]! + (ai === bj ? 0 : 1));
      if (j > 1 && ai === b.charCodeAt(j - 2) && aPrev === bj) v = Math.min(v, prevPrev[j - 2]! + 1);
      cur[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    const recycled = prevPrev;
    prevPrev = prev;
    prev = cur;
    cur = recycled;
  }
  return prev[n]!;
}

/** Edits allowed for a typo: none on short tokens, where one letter makes another name (Tom/Tim, Ivan/Iван). */
export function typoBudget(length: number): number {
  if (length <= 3) return 0;
  if (length <= 9) return 1;
  return 2;
}

/** [masculine, feminine] endings with the same stem: Ivan/Ivana, Novák/Nováková, Kowalski/Kowalska, -ovich/-ovna. */
const GENDER_ENDINGS: ReadonlyArray<readonly [string, string]> = [
  ['', 'a'], ['o', 'a'], ['us', 'a'], ['y', 'a'], ['i', 'a'], ['', 'ova'], ['sky', 'skaya'], ['skiy', 'skaya'],
  ['skii', 'skaia'], ['skyi', 'ska'], ['skyy', 'ska'], ['os', 'ou'], ['is', 'i'], ['vich', 'vna'], ['ovych', 'ivna'],
  ['evych', 'ivna'], ['as', 'iene'], ['as', 'aite'], ['is', 'iene'], ['is', 'yte'], ['us', 'iene'], ['us', 'ute'],
];
const VOWELS = /[aeiouy]$/;

function isGenderPairOrdered(masc: string, fem: string): boolean {
  for (const [m, f] of GENDER_ENDINGS) {
    if (!masc.endsWith(m) || !fem.endsWith(f)) continue;
    const stem = masc.slice(0, masc.length - m.length);
    if (stem.length < 3 || stem !== fem.slice(0, fem.length - f.length)) continue;
    // "Ali"+"a" is not a feminine form; the bare-stem rule needs a consonant-final masculine.
    if (m === '' && VOWELS.test(stem)) continue;
    return true;
  }
  return false;
}

export function isGenderPair(a: string, b: string): boolean {
  // Every rule keeps a stem of three letters or more and changes at most five letters at the end.
  if (a === b || Math.abs(a.length - b.length) > 3 || a.length < 3 || b.length < 3) return false;
  // The first three letters, compared without cutting substrings: most pairs a search compares differ there.
  if (a.charCodeAt(0) !== b.charCodeAt(0) || a.charCodeAt(1) !== b.charCodeAt(1) || a.charCodeAt(2) !== b.charCodeAt(2)) return false;
  return isGenderPairOrdered(a, b) || isGenderPairOrdered(b, a);
}

/**
 * Surname endings that make different families from one stem (Petrov/Petrenko, Lukashevich/Lukashenko). Each line
 * lists spellings of one ending; different lines on the same stem are different names.
 */
const SUFFIX_FAMILIES: ReadonlyArray<readonly string[]> = [
  ['ov', 'ow', 'off', 'ou'],
  ['ev', 'ew', 'eff', 'yev', 'iev', 'jew', 'jev', 'yeff'],
  ['in', 'yn', 'ine'],
  ['enko', 'enka', 'enco'],
  ['uk', 'yuk', 'iuk', 'chuk', 'tschuk', 'czuk'],
  ['ovich', 'evich', 'ovic', 'evic', 'ovitch', 'owitsch', 'owicz', 'ewicz', 'ovych', 'evych', 'vich', 'vic', 'wicz'],
  ['ski', 'sky', 'skiy', 'skij', 'skyy', 'skyi', 'skii'],
  ['shvili', 'svili', 'schwili'],
  ['dze', 'dse'],
  ['yan', 'ian', 'jan', 'yants', 'iants'],
  ['ic', 'ich', 'itch', 'ics'],
  ['oglu', 'ogly', 'oghlu'],
  ['zade', 'zadeh'],
  ['son', 'sen', 'sson', 'ssen'],
  ['ak', 'ack'],
  ['ek', 'eck'],
];
const SUFFIX_LOOKUP: ReadonlyArray<readonly [string, number]> = SUFFIX_FAMILIES.flatMap((family, index) =>
  family.map((suffix) => [suffix, index] as const),
).sort((x, y) => y[0].length - x[0].length);

function suffixOf(token: string): readonly [string, number] | null {
  for (const entry of SUFFIX_LOOKUP) if (token.length - entry[0].length >= 3 && token.endsWith(entry[0])) return entry;
  return null;
}

/** Only i, o, u: a final a/e swap is usually a variant of one given name (Wilhelmina/Wilhelmine, Anna/Anne). */
const FINAL_VOWEL = /[iou]$/;

/** Rossi/Rosso, Bianchi/Bianco: a different final vowel on one stem is another family name, not a typo. */
export function isDistinctFinalVowel(a: string, b: string): boolean {
  if (a.length !== b.length || a.length < 4 || !FINAL_VOWEL.test(a) || !FINAL_VOWEL.test(b)) return false;
  return a.at(-1) !== b.at(-1) && a.slice(0, -1) === b.slice(0, -1);
}

/** True when both tokens end in different surname-suffix families on (nearly) the same stem. */
export function isDistinctSuffixPair(a: string, b: string): boolean {
  if (a.length < 5 || b.length < 5 || a.charCodeAt(0) !== b.charCodeAt(0) || a.charCodeAt(1) !== b.charCodeAt(1)) return false;
  const sa = suffixOf(a);
  const sb = suffixOf(b);
  if (!sa || !sb || sa[1] === sb[1]) return false;
  const stemA = a.slice(0, a.length - sa[0].length);
  const stemB = b.slice(0, b.length - sb[0].length);
  return editDistance(stemA, stemB, 1) <= 1;
}

function intersects(a: readonly string[] | readonly number[], b: readonly string[] | readonly number[]): boolean {
  for (const x of a) for (const y of b) if (x === y) return true;
  return false;
}

/** How closely one character string matches another within the typo budget, as a score in [0, 0.93]. */
function typoScore(distance: number, length: number): number {
  return Math.min(0.93, 1 - (0.5 * distance) / length);
}

/** Best distance between the first four readings of each side (indexed: no copies, it runs for every pair compared). */
function bestDistance(a: readonly string[], b: readonly string[], max: number): number {
  let best = max + 1;
  const na = Math.min(a.length, 4);
  const nb = Math.min(b.length, 4);
  for (let i = 0; i < na; i++) for (let j = 0; j < nb; j++) best = Math.min(best, editDistance(a[i] as string, b[j] as string, max));
  return best;
}

function compareInitial(initial: TokenInfo, other: TokenInfo): PartSimilarity {
  if (other.kind === 'initial') return NO_MATCH;
  const letter = initial.text;
  return other.forms.some((f) => f.startsWith(letter)) ? { score: 0.9, kind: 'initial', distance: 0 } : NO_MATCH;
}

function compareAbjad(abjad: TokenInfo, other: TokenInfo): PartSimilarity | null {
  const consonants = abjad.consonants ?? '';
  if (consonants.length === 0) return null;
  const others = other.consonants !== null ? [other.consonants] : other.forms.map(consonantSkeleton);
  if (others.includes(consonants)) return { score: 0.9, kind: 'transliteration', distance: 0 };
  const budget = typoBudget(consonants.length + 1);
  const d = bestDistance([consonants], others, budget);
  return d <= budget ? { score: typoScore(d, consonants.length + 2) - 0.05, kind: 'typo', distance: d } : null;
}

/** Similarity of two parts; 0 with a clash kind when they look alike but name different people. */
export function compareParts(a: TokenInfo, b: TokenInfo): PartSimilarity {
  if (a.raw === b.raw) return { score: 1, kind: 'exact', distance: 0 };
  // Two syllabic-script tokens are compared as written: their romanisations merge distinct characters.
  if (a.script === 'cjk' && b.script === 'cjk') return NO_MATCH;
  if (a.text === b.text) return { score: 1, kind: 'exact', distance: 0 };
  if (a.kind === 'initial') return compareInitial(a, b);
  if (b.kind === 'initial') return compareInitial(b, a);
  if (intersects(a.forms, b.forms)) return { score: 0.97, kind: 'transliteration', distance: 0 };
  for (let i = 0; i < a.forms.length && i < 3; i++) {
    for (let j = 0; j < b.forms.length && j < 3; j++) {
      const x = a.forms[i] as string;
      const y = b.forms[j] as string;
      if (isGenderPair(x, y)) return { score: 0, kind: 'gender', distance: Math.abs(x.length - y.length) };
    }
  }
  if (intersects(a.skeletons, b.skeletons)) return { score: 0.94, kind: 'transliteration', distance: 0 };
  if (intersects(a.groups, b.groups)) return { score: 0.9, kind: 'variant', distance: 0 };
  if (isDistinctSuffixPair(a.text, b.text) || isDistinctFinalVowel(a.text, b.text)) return { score: 0, kind: 'distinct', distance: 0 };
  if (a.consonants !== null || b.consonants !== null) {
    const abjad = a.consonants !== null ? compareAbjad(a, b) : compareAbjad(b, a);
    if (abjad) return abjad;
  }
  const length = Math.min(a.text.length, b.text.length);
  const budget = typoBudget(length);
  if (budget > 0) {
    const d = Math.min(bestDistance(a.forms, b.forms, budget), bestDistance(a.skeletons, b.skeletons, budget));
    if (d <= budget) return { score: typoScore(d, length), kind: 'typo', distance: d };
  }
  if (length >= 5 && intersects(a.phonetic, b.phonetic) && a.text[0] === b.text[0] && a.text.at(-1) === b.text.at(-1)) {
    const d = bestDistance(a.skeletons, b.skeletons, budget + 1);
    if (d <= budget + 1) return { score: 0.8, kind: 'phonetic', distance: d };
  }
  return NO_MATCH;
}
