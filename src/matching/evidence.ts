/** Supporting evidence besides the name: partial dates of birth, nationalities (codes or country names) and sex. */
import { foldLatin } from './fold.ts';
import type { DateVerdict, ExplanationItem } from './explain.ts';

export type Sex = 'F' | 'M' | 'U';

/** Bonus when every piece of evidence agrees, at most; contradictions cost more than agreement earns. */
export const EVIDENCE_BONUS_CAP = 0.1;

const DATE_EFFECT: Readonly<Record<DateVerdict, number>> = {
  match: 0.08,
  'day-month-swap': 0.05,
  partial: 0.04,
  near: -0.04,
  mismatch: -0.15,
};
const NATIONALITY_MATCH = 0.03;
const NATIONALITY_MISMATCH = -0.05;
const SEX_MATCH = 0.02;
const SEX_MISMATCH = -0.1;

type PartialDate = { year: number; month: number | null; day: number | null };

/** Parses YYYY, YYYY-MM or YYYY-MM-DD; anything else is treated as unknown. */
export function parsePartialDate(text: string | null | undefined): PartialDate | null {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec((text ?? '').trim());
  if (!m) return null;
  const month = m[2] ? Number(m[2]) : null;
  const day = m[3] ? Number(m[3]) : null;
  return { year: Number(m[1]), month: month && month >= 1 && month <= 12 ? month : null, day: day && day >= 1 ? day : null };
}

export function compareDates(a: PartialDate, b: PartialDate): DateVerdict {
  if (a.year !== b.year) return Math.abs(a.year - b.year) === 1 ? 'near' : 'mismatch';
  if (a.month === null || b.month === null) return 'partial';
  if (a.month === b.month) {
    if (a.day === null || b.day === null) return 'partial';
    return a.day === b.day ? 'match' : 'mismatch';
  }
  if (a.day !== null && b.day !== null && a.month === b.day && a.day === b.month) return 'day-month-swap';
  return 'mismatch';
}

const REGION_NAMES = buildRegionNames();

function buildRegionNames(): ReadonlyMap<string, string> {
  const names = new Map<string, string>();
  const display = new Intl.DisplayNames(['en'], { type: 'region' });
  const letters = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ';
  for (const a of letters) {
    for (const b of letters) {
      const code = a + b;
      const name = display.of(code);
      if (name && name !== code) names.set(foldLatin(name).replace(/[^a-z]/g, ''), code);
    }
  }
  // Official long forms that lists use instead of the short English name.
  const aliases: ReadonlyArray<readonly [string, string]> = [
    ['russianfederation', 'RU'], ['iranislamicrepublicof', 'IR'], ['islamicrepublicofiran', 'IR'],
    ['syrianarabrepublic', 'SY'], ['democraticpeoplesrepublicofkorea', 'KP'], ['koreademocraticpeoplesrepublicof', 'KP'],
    ['republicofkorea', 'KR'], ['unitedstatesofamerica', 'US'], ['usa', 'US'], ['uk', 'GB'], ['greatbritain', 'GB'],
    ['democraticrepublicofthecongo', 'CD'], ['congodemocraticrepublic', 'CD'], ['laopeoplesdemocraticrepublic', 'LA'],
    ['vietnam', 'VN'], ['turkey', 'TR'], ['burma', 'MM'], ['ivorycoast', 'CI'], ['czechrepublic', 'CZ'],
    ['libyanarabjamahiriya', 'LY'], ['palestine', 'PS'], ['bolivia', 'BO'], ['venezuela', 'VE'], ['tanzania', 'TZ'],
  ];
  for (const [name, code] of aliases) names.set(name, code);
  return names;
}

/** ISO alpha-2 code for a code in any case or an English country name; null when unknown. */
export function toCountryCode(value: string): string | null {
  const trimmed = value.trim();
  if (/^[A-Za-z]{2}$/.test(trimmed)) return trimmed.toUpperCase();
  return REGION_NAMES.get(foldLatin(trimmed).replace(/[^a-z]/g, '')) ?? null;
}

export type Evidence = { dateOfBirth: string | null; nationalities: readonly string[]; sex: Sex | null };

export type EvidenceOutcome = { adjustment: number; items: readonly ExplanationItem[] };

/** What a query of names alone says for or against any record (the public search scores every holder of a name). */
const NO_EVIDENCE: EvidenceOutcome = { adjustment: 0, items: [] };

/** Adds up agreement (bounded) and contradiction between query and record evidence. */
export function compareEvidence(query: Evidence, record: Evidence): EvidenceOutcome {
  if (query.dateOfBirth === null && query.nationalities.length === 0 && query.sex !== 'F' && query.sex !== 'M') return NO_EVIDENCE;
  const items: ExplanationItem[] = [];
  // Summed at the end in this order rather than by a closure: under tsx every closure made per call costs a defineProperty.
  const effects: number[] = [];
  const qd = parsePartialDate(query.dateOfBirth);
  // The record's date is read only when the query has one to compare it with (a name search has none).
  const rd = qd ? parsePartialDate(record.dateOfBirth) : null;
  if (qd && rd) {
    const verdict = compareDates(qd, rd);
    effects.push(DATE_EFFECT[verdict]);
    items.push({ kind: 'date-of-birth', verdict, query: query.dateOfBirth ?? '', candidate: record.dateOfBirth ?? '' });
  }
  const qn = query.nationalities.filter((n) => n.length > 0);
  const rn = qn.length > 0 ? record.nationalities.filter((n) => n.length > 0) : [];
  if (qn.length > 0 && rn.length > 0) {
    const verdict = qn.some((n) => rn.includes(n)) ? 'match' : 'mismatch';
    effects.push(verdict === 'match' ? NATIONALITY_MATCH : NATIONALITY_MISMATCH);
    items.push({ kind: 'nationality', verdict, query: qn, candidate: rn });
  }
  if ((query.sex === 'F' || query.sex === 'M') && (record.sex === 'F' || record.sex === 'M')) {
    const verdict = query.sex === record.sex ? 'match' : 'mismatch';
    effects.push(verdict === 'match' ? SEX_MATCH : SEX_MISMATCH);
    items.push({ kind: 'sex', verdict, query: query.sex, candidate: record.sex });
  }
  let bonus = 0;
  let penalty = 0;
  for (const effect of effects) {
    if (effect > 0) bonus += effect;
    else penalty += effect;
  }
  return { adjustment: Math.min(EVIDENCE_BONUS_CAP, bonus) + penalty, items };
}
