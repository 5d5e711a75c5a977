/** Comparison keys for folded tokens: a spelling-convention skeleton, an abjad consonant skeleton and phonetic codes. */
import { doubleMetaphone } from 'double-metaphone';

/**
 * Rewrites ordered longest-first so that the competing romanisations of one sound collapse to one spelling:
 * German "sch"/"tsch", Polish "sz"/"cz", English "sh"/"ch"/"kh"/"zh", French "ou", Dutch "oe", y/j/i for the
 * palatal glide, w/v, ph/f, q/k, ck/k, and doubled letters.
 */
const SKELETON_RULES: ReadonlyArray<readonly [RegExp, string]> = [
  [/schtsch|shtsh|szcz|shch|chtch/g, 'shch'],
  [/tsch|tch|cz/g, 'ch'],
  [/sch|sz|zh/g, 'sh'],
  [/kh/g, 'h'],
  [/dzh|dsch|dj|dz/g, 'j'],
  [/ph/g, 'f'],
  [/ck|q|c(?!h)/g, 'k'],
  [/w/g, 'v'],
  [/x/g, 'ks'],
  [/ts|tz/g, 'c'],
  [/z/g, 's'],
  [/oo|ou|oe(?=.)/g, 'u'],
  [/ee/g, 'i'],
  [/(?<=[aeiou])h(?![aeiou])/g, ''],
  [/[yj]/g, 'i'],
  [/([a-z])\1+/g, '$1'],
];

/** Spelling-convention skeleton of a folded token (Schewtschenko, Shevchenko and Szewczenko give the same key). */
export function skeleton(folded: string): string {
  let out = folded;
  for (const [pattern, replacement] of SKELETON_RULES) out = out.replace(pattern, replacement);
  return out;
}

// Abjad comparisons ask for the consonant skeleton of the same vocabulary tokens over and over; the regex chain
// dominated query time, so results are remembered (bounded, cleared when full).
const consonantMemo = new Map<string, string>();
const CONSONANT_MEMO_MAX = 200_000;

/** Consonants only, doubled ones collapsed: how an abjad (Arabic, Hebrew) writes a name without short vowels. */
export function consonantSkeleton(folded: string): string {
  const known = consonantMemo.get(folded);
  if (known !== undefined) return known;
  const value = skeleton(folded)
    .replace(/[aeiouy]/g, '')
    .replace(/([a-z])\1+/g, '$1');
  if (consonantMemo.size >= CONSONANT_MEMO_MAX) consonantMemo.clear();
  consonantMemo.set(folded, value);
  return value;
}

/** Double Metaphone codes, primary first, without empty or duplicate codes. */
export function phoneticCodes(folded: string): string[] {
  if (folded.length === 0) return [];
  const [primary, secondary] = doubleMetaphone(folded);
  const codes = [primary];
  if (secondary !== primary) codes.push(secondary);
  return codes.filter((c) => c.length > 0);
}
