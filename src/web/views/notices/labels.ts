/** Localised labels for notice facts (names, ages, codes) shared by the notice list, detail page and feed. */
import { crimeCategoryMessageKey, isCrimeCategory } from '../../../core/crime-categories.ts';
import { ageOn, type Notice } from '../../../core/notices.ts';
import { isEyeColor, isHairColor } from '../../../core/physical.ts';
import type { Translator } from '../../../i18n/i18n.ts';

/** `Forename Family` as written on the notice, for sentences and alt text. */
export const fullName = (n: Pick<Notice, 'forename' | 'familyName'>): string => `${n.forename} ${n.familyName}`.trim();

export function crimeLabel(tr: Translator, code: string): string {
  return isCrimeCategory(code) ? tr.t(crimeCategoryMessageKey(code)) : code;
}

export const eyeLabel = (tr: Translator, code: string): string => (isEyeColor(code) ? tr.t(`eyes.${code}`) : code);
export const hairLabel = (tr: Translator, code: string): string => (isHairColor(code) ? tr.t(`hair.${code}`) : code);
export const sexLabel = (tr: Translator, sex: Notice['sex']): string => tr.t(`sex.${sex}`);
export const kindLabel = (tr: Translator, kind: Notice['kind']): string => tr.t(`notices.kind.${kind}`);

/** `Wanted: Forename Family`, the title of a notice in page titles, sharing cards and feeds. */
export const noticeTitle = (tr: Translator, n: Pick<Notice, 'kind' | 'forename' | 'familyName'>): string =>
  tr.t('notices.detail.title', { kind: kindLabel(tr, n.kind), name: fullName(n) });

/** `34 years old`, or `about 34` when only the year or month of birth is known. */
export function ageLabel(tr: Translator, dateOfBirth: string | null, today: Date): string | null {
  const age = ageOn(dateOfBirth, today);
  if (age === null || age < 0 || !dateOfBirth) return null;
  const key = dateOfBirth.length === 10 ? 'notices.card.age' : 'notices.card.age_approx';
  // Few distinct ages and two forms: each label is formatted once per language (a results page shows dozens).
  const memo = `${tr.lang}:${key}:${age}`;
  let label = ageLabels.get(memo);
  if (label === undefined) {
    label = tr.t(key, { age });
    ageLabels.set(memo, label);
  }
  return label;
}

const ageLabels = new Map<string, string>();

/** Countries issuing the charges of a wanted notice, once each, in the notice's order. */
export const issuingCountries = (n: Pick<Notice, 'charges'>): string[] => [...new Set(n.charges.map((c) => c.issuingCountry))];

/** List formatters by language, built once: constructing one costs more than formatting a page of lists. */
const listFormats = new Map<string, Intl.ListFormat>();

export function countryList(tr: Translator, codes: readonly string[]): string {
  let format = listFormats.get(tr.lang);
  if (!format) {
    format = new Intl.ListFormat(tr.lang, { type: 'conjunction' });
    listFormats.set(tr.lang, format);
  }
  return format.format(codes.map((c) => tr.country(c)));
}
