/** Analyses a full name once, at write time: splits it into parts and derives every comparison key a part needs. */
import { deLeet, foldLatin, foldLatinAlternatives, normaliseUnicode } from './fold.ts';
import { consonantSkeleton, phoneticCodes, skeleton } from './keys.ts';
import { transliterate, type Script } from './transliterate.ts';
import { variantGroups } from './variants.ts';

export type TokenKind = 'name' | 'particle' | 'honorific' | 'initial';

/** Everything the scorer and the index need about one distinct token; shared (interned) between names. */
export type TokenInfo = {
  /** The token as written, lower-cased: the interning key. */
  readonly raw: string;
  /** Primary folded Latin reading. */
  readonly text: string;
  /** Every folded Latin reading, primary first (several for Cyrillic, Greek, ... tokens). */
  readonly forms: readonly string[];
  /** Spelling-convention skeletons of the forms, unique. */
  readonly skeletons: readonly string[];
  /** Double Metaphone codes of the primary reading. */
  readonly phonetic: readonly string[];
  /** Consonant skeleton, set for tokens written in an abjad (no short vowels). */
  readonly consonants: string | null;
  /** Variant-group ids of any reading. */
  readonly groups: readonly number[];
  readonly kind: TokenKind;
  readonly script: Script;
};

export type AnalysedName = {
  /** The input, Unicode-normalised. */
  readonly text: string;
  /** Parts in given-name-first order where the input marked the surname (comma or MRZ form). */
  readonly parts: readonly TokenInfo[];
};

/** Connecting words inside names: they are kept but weigh little, and never decide a match alone. */
const PARTICLES = new Set([
  'van', 'der', 'den', 'de', 'del', 'della', 'dei', 'degli', 'di', 'da', 'das', 'dos', 'do', 'du', 'des', 'von', 'zu',
  'vom', 'le', 'la', 'les', 'al', 'el', 'ul', 'ur', 'ud', 'bin', 'ben', 'ibn', 'bint', 'binti', 'ould', 'ter',
  'ten', 'te', 'mac', 'mc', 'ap', 'ab', 'na', 'st', 'dela', 'wa', 'ag', 'oglu', 'ogly', 'kyzy',
]);

/** Patronymic connectors that are spellings of one word ("son of"). */
export const PATRONYMIC_MARKERS: ReadonlySet<string> = new Set(['bin', 'ben', 'ibn', 'bint', 'binti', 'ould', 'ag']);

/** Religious and social honorifics that lists often keep as part of the name: low weight, not dropped. */
const HONORIFICS = new Set([
  'sheikh', 'shaikh', 'shaykh', 'sheik', 'haji', 'hajji', 'alhaji', 'alhadji', 'mullah', 'mulla', 'maulvi', 'mawlawi',
  'maulana', 'mawlana', 'qari', 'hafiz', 'sayyid', 'syed', 'imam', 'sheikha', 'shaykha', 'hajjah', 'hajia',
]);

/** Titles and suffixes that say nothing about identity: dropped before matching. */
const TITLES = new Set([
  'mr', 'mrs', 'ms', 'miss', 'mx', 'dr', 'prof', 'professor', 'sir', 'dame', 'lord', 'lady', 'president', 'prasident',
  'presidente', 'monsieur', 'madame', 'mme', 'mlle', 'herr', 'frau', 'senor', 'senora', 'sr', 'sra', 'jr', 'snr',
  'jnr', 'ii', 'iii', 'iv', 'esq', 'phd', 'md', 'hon', 'rev', 'general', 'gen', 'col', 'colonel', 'capt', 'captain',
  'lt', 'sgt', 'maj', 'dipl', 'ing', 'mag', 'gospodin', 'gospozha', 'signor', 'signora',
]);

const SEPARATORS = /[\s\-‐‑‒–—―_.,;:/\\|()[\]{}"«»„“”・·•+&*!?]+/u;
const APOSTROPHES = /['’‘ʼ`´ʻʽ]/gu;

/** Arabic-script words written with the article attached ("السيسي") get the article as its own particle part. */
function splitArabicArticle(word: string): string[] {
  if (word.length > 3 && word.startsWith('ال')) return ['ال', word.slice(2)];
  return [word];
}

/** MRZ ("SURNAME<<GIVEN<NAMES") and "SURNAME, Given" become "Given SURNAME" so parts read in a consistent order. */
export function canonicalOrder(text: string): string {
  if (text.includes('<<')) {
    const [surname = '', given = ''] = text.split('<<', 2);
    return `${given.replace(/<+/g, ' ')} ${surname.replace(/<+/g, ' ')}`.trim();
  }
  const commas = text.split(',');
  if (commas.length === 2) {
    const [surname = '', given = ''] = commas;
    if (/\p{L}/u.test(surname) && /\p{L}/u.test(given)) return `${given.trim()} ${surname.trim()}`;
  }
  return text;
}

function classify(raw: string, folded: string): TokenKind {
  if (PARTICLES.has(folded) || raw === 'ال') return 'particle';
  if (HONORIFICS.has(folded)) return 'honorific';
  if (folded.length === 1) return 'initial';
  return 'name';
}

/** A token's folded Latin readings, without anything derived from them: the cheap first step of `analyseToken`. */
function readings(raw: string): { script: Script; cleanForms: string[]; primary: string } {
  const { script, forms: scriptForms } = transliterate(raw);
  const forms = script === 'latin' ? foldLatinAlternatives(raw).map(deLeet) : scriptForms;
  const cleanForms = [...new Set(forms.map((f) => f.replace(/[^a-z0-9]/g, '')).filter((f) => f.length > 0))];
  return { script, cleanForms, primary: cleanForms[0] ?? forms[0] ?? '' };
}

/** The `text` that `analyseToken(raw)` gives, without the phonetic codes, skeletons and variant groups. */
export function primaryText(raw: string): string {
  return tokenCache.get(raw)?.text ?? readings(raw).primary;
}

/** Builds the comparison data for one token; callers intern the result by `raw`. */
export function analyseToken(raw: string): TokenInfo {
  const { script, cleanForms, primary } = readings(raw);
  const kind = classify(raw, primary);
  const groups = new Set<number>();
  for (const form of cleanForms) for (const g of variantGroups.groupsOf(form)) groups.add(g);
  const abjad = script === 'arabic' || script === 'hebrew';
  return {
    raw,
    text: primary,
    forms: cleanForms.length > 0 ? cleanForms : [primary],
    skeletons: [...new Set(cleanForms.map(skeleton))],
    phonetic: phoneticCodes(primary),
    consonants: abjad ? consonantSkeleton(primary) : null,
    groups: [...groups],
    kind,
    script,
  };
}

/** Splits a name into raw lower-case tokens, titles removed (unless nothing else is left). */
export function tokenise(text: string): string[] {
  const ordered = canonicalOrder(normaliseUnicode(text));
  const words = ordered
    .toLowerCase()
    .replace(APOSTROPHES, '')
    .split(SEPARATORS)
    .flatMap(splitArabicArticle)
    .filter((w) => /[\p{L}\p{N}]/u.test(w));
  const kept = words.filter((w) => !TITLES.has(foldLatin(w)));
  return kept.length > 0 ? kept : words;
}

/** A bounded memo: the same tokens recur across names, and analysis (transliteration, metaphone) is the costly part. */
const tokenCache = new Map<string, TokenInfo>();
const TOKEN_CACHE_LIMIT = 50_000;

export function cachedToken(raw: string): TokenInfo {
  const hit = tokenCache.get(raw);
  if (hit) return hit;
  if (tokenCache.size >= TOKEN_CACHE_LIMIT) tokenCache.clear();
  const info = analyseToken(raw);
  tokenCache.set(raw, info);
  return info;
}

/** Analyses a full name string into parts with their comparison keys. */
export function analyseName(text: string): AnalysedName {
  const normalised = normaliseUnicode(text).trim();
  return { text: normalised, parts: tokenise(normalised).map(cachedToken).filter((t) => t.text.length > 0) };
}
