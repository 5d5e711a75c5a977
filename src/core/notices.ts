/** The notice domain: wanted and missing person notices, their parts and the rules on their fields. */
import { z } from 'zod';
import { foldText } from './text.ts';

export const noticeKinds = ['wanted', 'missing'] as const;
export type NoticeKind = (typeof noticeKinds)[number];

export const noticeStatuses = ['draft', 'published', 'withdrawn'] as const;
export type NoticeStatus = (typeof noticeStatuses)[number];

export const sexes = ['F', 'M', 'U'] as const;
export type Sex = (typeof sexes)[number];

/** A date that may be known only to the year or month: YYYY, YYYY-MM or YYYY-MM-DD. */
export const partialDate = z
  .string()
  .regex(/^\d{4}(-(0[1-9]|1[0-2])(-(0[1-9]|[12]\d|3[01]))?)?$/, 'must be YYYY, YYYY-MM or YYYY-MM-DD')
  .refine((v) => {
    const [y, m, d] = v.split('-').map(Number);
    if (d === undefined || m === undefined || y === undefined) return true;
    return new Date(Date.UTC(y, m - 1, d)).getUTCDate() === d;
  }, 'is not a real date');

const countryCode = z.string().regex(/^[A-Z]{2}$/, 'must be an ISO 3166-1 alpha-2 code');
const languageCode = z.string().regex(/^[A-Z]{3}$/, 'must be a three-letter language code');
const shortText = (max: number) => z.string().trim().min(1).max(max);

export const nameVariantSchema = z.object({
  familyName: shortText(200),
  forename: z.string().trim().max(200),
});
export type NameVariant = z.infer<typeof nameVariantSchema>;

export const chargeSchema = z.object({
  issuingCountry: countryCode,
  charge: shortText(2000),
  chargeTranslation: z.string().trim().max(2000).nullable(),
  crimeCategory: z.string().max(64).nullable(),
});
export type Charge = z.infer<typeof chargeSchema>;

/** A relative's or earlier name, as the public notices protocol carries it; null when the requesting bureau gave none. */
const knownName = z.string().trim().min(1).max(200).nullable().default(null);

export const disappearanceSchema = z.object({
  date: partialDate.nullable(),
  place: z.string().trim().max(300).nullable(),
  circumstances: z.string().trim().max(4000).nullable(),
  /** Where the person went missing, as a code: `place` is free text, from which no client can read the country. */
  country: countryCode.nullable().default(null),
  countriesLikelyToBeVisited: z.array(countryCode).max(20).default([]),
});

/** Everything a caller supplies to create or replace a notice. */
export const noticeInputSchema = z
  .object({
    kind: z.enum(noticeKinds),
    familyName: shortText(200),
    forename: z.string().trim().max(200),
    nameOriginal: z.string().trim().max(300).nullable(),
    aliases: z.array(nameVariantSchema).max(50),
    sex: z.enum(sexes),
    dateOfBirth: partialDate.nullable(),
    placeOfBirth: z.string().trim().max(300).nullable(),
    countryOfBirth: countryCode.nullable(),
    nationalities: z.array(countryCode).max(10),
    heightM: z.number().min(0.3).max(2.6).nullable(),
    weightKg: z.number().min(1).max(400).nullable(),
    eyeColors: z.array(z.string().max(20)).max(5),
    hairColors: z.array(z.string().max(20)).max(5),
    languages: z.array(languageCode).max(20),
    distinguishingMarks: z.string().trim().max(2000).nullable(),
    charges: z.array(chargeSchema).max(50),
    disappearance: disappearanceSchema.nullable(),
    /** The country whose bureau requested the notice (for a wanted person, not necessarily every warrant's country). */
    issuingCountry: countryCode.nullable().default(null),
    fatherName: knownName,
    fatherForename: knownName,
    motherName: knownName,
    motherForename: knownName,
    /** Family name at birth, when it differs from today's. */
    birthName: knownName,
    isDemo: z.boolean(),
  })
  .superRefine((n, ctx) => {
    if (n.kind === 'wanted' && n.charges.length === 0)
      ctx.addIssue({ code: 'custom', path: ['charges'], message: 'a wanted notice needs at least one charge' });
    if (n.kind === 'missing' && n.charges.length > 0)
      ctx.addIssue({ code: 'custom', path: ['charges'], message: 'a missing-person notice carries no charges' });
  });
/**
 * What a caller supplies: the public notices protocol's fields added later (issuing country, parents' and birth names,
 * countries of disappearance and likely travel) may be left out and then read as unknown, so older callers keep working.
 */
export type NoticeInput = z.input<typeof noticeInputSchema>;
/** A notice's facts once read back: every field present, unknown ones null or empty. */
type NoticeFacts = z.output<typeof noticeInputSchema>;

export type NoticeImageRef = { id: string; contentType: string; width: number; height: number };

export type Notice = NoticeFacts & {
  id: string;
  /** Public reference, `YYYY/NNNNN`. */
  reference: string;
  status: NoticeStatus;
  images: NoticeImageRef[];
  createdAt: string;
  updatedAt: string;
  publishedAt: string | null;
};

/**
 * What a list of results shows of a notice (a result card, a protocol list item): few enough fields that the search
 * keeps them in memory for every published notice and answers a results page without reading the database.
 */
export type NoticeSummary = Pick<Notice, 'id' | 'reference' | 'kind' | 'familyName' | 'forename' | 'sex' | 'dateOfBirth' | 'nationalities'> & {
  /** Countries issuing the charges, once each, in the notice's order (empty for missing persons). */
  wantedBy: readonly string[];
  /** The first image, shown in lists. */
  photo: NoticeImageRef | null;
};

export function summariseNotice(n: Notice): NoticeSummary {
  return {
    id: n.id,
    reference: n.reference,
    kind: n.kind,
    familyName: n.familyName,
    forename: n.forename,
    sex: n.sex,
    dateOfBirth: n.dateOfBirth,
    nationalities: n.nationalities,
    wantedBy: [...new Set(n.charges.map((c) => c.issuingCountry))],
    photo: n.images[0] ?? null,
  };
}

/** `2026/00123` in bodies becomes `2026-00123` in URLs, and back. */
export const referenceToSlug = (reference: string): string => reference.replace('/', '-');
export const slugToReference = (slug: string): string | null =>
  /^\d{4}-\d{5}$/.test(slug) ? slug.replace('-', '/') : null;

/** Age in whole years on a given day, from a possibly partial date of birth (a lower bound when only the year is known). */
export function ageOn(dateOfBirth: string | null, today: Date): number | null {
  if (!dateOfBirth) return null;
  const [y, m = 12, d = 31] = dateOfBirth.split('-').map(Number);
  if (y === undefined) return null;
  let age = today.getUTCFullYear() - y;
  const beforeBirthday = today.getUTCMonth() + 1 < m || (today.getUTCMonth() + 1 === m && today.getUTCDate() < d);
  if (beforeBirthday) age -= 1;
  return age;
}

const pad2 = (n: number): string => String(n).padStart(2, '0');

/**
 * The latest day a possibly partial date of birth allows, as `YYYY-MM-DD` (a missing month reads 12, a missing day 31,
 * as in `ageOn`). Compared as text with `ageCutoff`; the raw date itself is the earliest day it allows, since `1990`
 * and `1990-05` sort before every full date of that year or month.
 */
export function latestBirthDate(dateOfBirth: string): string {
  if (dateOfBirth.length === 4) return `${dateOfBirth}-12-31`;
  if (dateOfBirth.length === 7) return `${dateOfBirth}-31`;
  return dateOfBirth;
}

/**
 * The day, as `YYYY-MM-DD` text, on or before which someone must be born to be at least `years` old on `today` (a
 * person born on 29 February turns a year older on 1 March in other years, as `ageOn` counts it).
 */
function ageCutoff(today: Date, years: number): string {
  return `${String(today.getUTCFullYear() - years).padStart(4, '0')}-${pad2(today.getUTCMonth() + 1)}-${pad2(today.getUTCDate())}`;
}

/**
 * Text bounds of the age filters. A date of birth passes when some day it allows gives an age within the bounds: a
 * full date is exact (`ageOn`), a year-only or year-month date is kept when it may satisfy them, since leaving out the
 * person searched for is worse than showing one more notice. With `min`, the earliest allowed day must be on or
 * before `min` (`dateOfBirth <= min`); with `max`, the latest allowed day must be after `max` (`latest > max`).
 */
export function ageBounds(today: Date, ageMin: number | undefined, ageMax: number | undefined): { min?: string; max?: string } {
  return {
    ...(ageMin !== undefined ? { min: ageCutoff(today, ageMin) } : {}),
    ...(ageMax !== undefined ? { max: ageCutoff(today, ageMax + 1) } : {}),
  };
}

/**
 * How a text filter compares: folded (`foldText`: lower case, no diacritics, every other character a word separator,
 * so `%`, `_` and `\` are never wildcards). `undefined` when the filter is absent or blank; `null` when it holds only
 * punctuation and so matches nothing.
 */
export function foldedFilter(value: string | undefined): string | null | undefined {
  if (value === undefined || value.trim() === '') return undefined;
  const folded = foldText(value);
  return folded === '' ? null : folded;
}

const MAX_FREE_TEXT_WORDS = 8;

/** Free-text words as searched: the first eight folded words; `null` when the text holds only punctuation. */
export function freeTextWords(value: string | undefined): string[] | null | undefined {
  const folded = foldedFilter(value);
  if (folded === undefined || folded === null) return folded;
  return folded.split(' ').slice(0, MAX_FREE_TEXT_WORDS);
}

/**
 * A name pattern of the public notices protocol, compiled by the service that accepted it: tested against the name in
 * capitals, as the protocol shows it.
 */
export type NamePattern = { source: string; test(upperName: string): boolean };

/** Public search filters, as on the public notice search and the notices protocol. */
export const noticeSorts = ['newest', 'oldest', 'name'] as const;
export type NoticeSort = (typeof noticeSorts)[number];

export type NoticeFilters = {
  kind?: NoticeKind | undefined;
  familyName?: string | undefined;
  forename?: string | undefined;
  nationality?: string | undefined;
  ageMin?: number | undefined;
  ageMax?: number | undefined;
  sex?: Sex | undefined;
  wantedBy?: string | undefined;
  crimeCategory?: string | undefined;
  freeText?: string | undefined;
  /** Protocol name patterns (compatibility API); evaluated from the in-memory catalogue only. */
  familyNamePattern?: NamePattern | undefined;
  forenamePattern?: NamePattern | undefined;
  sort: NoticeSort;
  page: number;
  perPage: number;
};
