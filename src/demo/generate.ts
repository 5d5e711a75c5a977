/** Generates the fictional demonstration notices: pure and deterministic from a seed, with names from every script in use. */
import { countryName, isOfficeCountry, officeCountries } from '../core/countries.ts';
import type { CrimeCategory } from '../core/crime-categories.ts';
import type { Charge, NameVariant, NoticeInput, NoticeKind, Sex } from '../core/notices.ts';
import { isHairColor, type EyeColor, type HairColor } from '../core/physical.ts';
import { familyForm, namePools, parseName, type NamePool, type ParsedName } from './names.ts';
import { createRandom, type Random } from './random.ts';
import {
  FICTIONAL_MARK,
  chargeLanguageOf,
  chargeTemplates,
  distinguishingMarks,
  minorCircumstances,
  missingCircumstances,
  originalCharge,
} from './texts.ts';

/** Ages, disappearance dates and publication dates are counted back from this fixed day. */
export const DEMO_BASE_DATE = '2026-01-15T09:00:00.000Z';
export const DEMO_SEED = 2026;
export const DEMO_NOTICE_COUNT = 330;
/**
 * Notices beyond this many share a few portraits per look (sex and hair): rendering is the slow part of seeding a
 * large set, and a placeholder says nothing more about the person anyway.
 */
export const DEMO_PORTRAIT_POOL = 400;

/** What `renderPortraitJpeg` draws for a notice: its seed and the record's sex and hair. */
export type DemoPortrait = { seed: string; look: { sex: Sex; hairColors: readonly HairColor[] } };

export type DemoNotice = {
  input: NoticeInput;
  /** The placeholder portrait, or null for the few notices shown without a picture. */
  portrait: DemoPortrait | null;
  publishedAt: string;
};

/** Portrait variants per look for notices beyond the pool: enough that neighbours differ, few enough to stay fast. */
const VARIANTS_PER_LOOK = 4;

function portraitFor(seed: number, i: number, input: NoticeInput): DemoPortrait {
  const look = { sex: input.sex, hairColors: input.hairColors.filter(isHairColor) };
  const variant = i < DEMO_PORTRAIT_POOL ? i : i % VARIANTS_PER_LOOK;
  return { seed: `demo-${seed}-${variant}`, look };
}

const poolByKey = new Map(namePools.map((p) => [p.key, p]));
const poolWeights = namePools.map((p) => [p, p.weight] as const);
/** Diaspora pools write names in the spelling of their country of residence, which varies from record to record. */
const variableSpelling = new Set(['arabic-origin']);
const originCountries = ['MA', 'DZ', 'TN', 'EG', 'SY', 'IQ', 'LB'];
const residenceLanguage: Record<string, string> = { FR: 'FRE', BE: 'FRE', NL: 'DUT', ES: 'SPA', IT: 'ITA', DE: 'GER', SE: 'SWE', GE: 'GEO', CY: 'GRE', BG: 'BUL', GR: 'GRE' };
const extraLanguages = ['ENG', 'GER', 'FRE', 'RUS', 'ITA', 'SPA'];

const eyeWeights: readonly (readonly [EyeColor, number])[] = [['BRO', 40], ['BLU', 20], ['GRE', 12], ['GRY', 8], ['HAZ', 12], ['BLA', 8]];
const hairWeights: readonly (readonly [HairColor, number])[] = [['BRO', 35], ['BLA', 30], ['BLN', 12], ['RED', 4], ['GRY', 10], ['WHI', 2], ['BAL', 7]];

const pad = (n: number): string => String(n).padStart(2, '0');
const daysIn = (year: number, month: number): number => new Date(Date.UTC(year, month, 0)).getUTCDate();

/** A date between two years, written at a random precision (mostly full, sometimes year-month or year only). */
function partial(r: Random, year: number, precision: readonly [number, number, number]): string {
  const month = r.int(1, 12);
  const day = r.int(1, daysIn(year, month));
  const p = r.weighted([['day', precision[0]], ['month', precision[1]], ['year', precision[2]]] as const);
  if (p === 'year') return String(year);
  if (p === 'month') return `${year}-${pad(month)}`;
  return `${year}-${pad(month)}-${pad(day)}`;
}

const fold = (s: string): string =>
  s
    .replace(/ł/g, 'l').replace(/Ł/g, 'L').replace(/đ/g, 'd').replace(/Đ/g, 'D').replace(/ø/g, 'o').replace(/Ø/g, 'O')
    .replace(/ß/g, 'ss').replace(/ı/g, 'i').replace(/æ/g, 'ae')
    .normalize('NFD')
    .replace(/\p{M}/gu, '');

type Name = { familyName: string; forename: string; nameOriginal: string | null; aliases: NameVariant[]; familySpec: string };

function spellings(name: ParsedName): string[] {
  return [name.latin, ...name.alternatives];
}

function makeName(r: Random, pool: NamePool, sex: 'M' | 'F'): Name {
  const given = parseName(r.pick(sex === 'M' ? pool.male : pool.female));
  const familySpec = r.pick(pool.family);
  const family = familyForm(familySpec, sex);
  let forename = given.latin;
  let familyName = family.latin;
  if (variableSpelling.has(pool.key)) {
    forename = r.pick(spellings(given));
    familyName = r.pick(spellings(family));
  }
  const hasOriginal = given.original !== null && family.original !== null;
  // Names of Arabic origin and Montenegrin names are often registered in Latin script only.
  const showOriginal = hasOriginal && (variableSpelling.has(pool.key) || pool.key === 'ME' ? r.chance(0.5) : true);
  const nameOriginal = showOriginal ? `${given.original} ${family.original}` : null;

  const candidates: NameVariant[] = [];
  const otherGiven = spellings(given).filter((s) => s !== forename);
  const otherFamily = spellings(family).filter((s) => s !== familyName);
  if (otherGiven.length > 0 || otherFamily.length > 0) {
    candidates.push({
      familyName: otherFamily.length > 0 ? r.pick(otherFamily) : familyName,
      forename: otherGiven.length > 0 ? r.pick(otherGiven) : forename,
    });
  }
  if (fold(familyName) !== familyName || fold(forename) !== forename)
    candidates.push({ familyName: fold(familyName), forename: fold(forename) });
  if (sex === 'F' && r.chance(0.3)) candidates.push({ familyName: familyForm(r.pick(pool.family), 'F').latin, forename });
  const aliases: NameVariant[] = [];
  if (r.chance(0.45)) {
    for (const alias of r.sample(candidates, r.int(1, 2))) {
      const duplicate = [{ familyName, forename }, ...aliases].some((a) => a.familyName === alias.familyName && a.forename === alias.forename);
      if (!duplicate) aliases.push(alias);
    }
  }
  return { familyName, forename, nameOriginal, aliases, familySpec };
}

function nationalitiesFor(r: Random, pool: NamePool): string[] {
  const first = r.chance(0.8) ? (pool.nationalities[0] as string) : r.pick(pool.nationalities);
  const out = [first];
  if (variableSpelling.has(pool.key) && r.chance(0.4)) out.push(r.pick(originCountries));
  else if (r.chance(0.12)) {
    const second = r.pick(pool.nationalities);
    if (second !== first) out.push(second);
  }
  return out;
}

function languagesFor(r: Random, pool: NamePool, nationalities: string[]): string[] {
  const langs = new Set(pool.languages.slice(0, r.int(1, pool.languages.length)));
  for (const n of nationalities) {
    const residence = residenceLanguage[n];
    if (residence && pool.nationalities.length > 1) langs.add(residence);
  }
  if (r.chance(0.3)) langs.add(r.pick(extraLanguages));
  return [...langs];
}

/** Where an issuing country's cities come from: its own pool, or any pool holding it as the usual nationality. */
function citiesOf(country: string): readonly string[] {
  return (poolByKey.get(country) ?? namePools.find((p) => p.nationalities[0] === country) ?? namePools[0])?.places ?? [];
}

function chargesFor(r: Random, nationalities: string[]): Charge[] {
  const issuers = new Set<string>();
  const own = nationalities.find((n) => isOfficeCountry(n));
  issuers.add(own && r.chance(0.5) ? own : r.weighted(poolWeights).nationalities[0] as string);
  if (r.chance(0.2)) issuers.add((r.weighted(poolWeights).nationalities[0] as string));
  const charges: Charge[] = [];
  for (const issuingCountry of issuers) {
    const count = r.weighted([[1, 60], [2, 30], [3, 10]] as const);
    const used = new Set<CrimeCategory>();
    for (let i = 0; i < count; i++) {
      const [category, , template] = r.weighted(chargeTemplates.map((t) => [t, t[1]] as const));
      if (used.has(category)) continue;
      used.add(category);
      const city = r.pick(citiesOf(issuingCountry));
      const english = `${template(city)} ${FICTIONAL_MARK}`;
      const lang = chargeLanguageOf[issuingCountry];
      const original = lang && r.chance(0.4) ? originalCharge(lang, category, city) : null;
      charges.push({
        issuingCountry,
        charge: original ?? english,
        chargeTranslation: original ? english : null,
        crimeCategory: category,
      });
    }
  }
  return charges;
}

const officeCodes = officeCountries.map((c) => c.code);

/** One to three countries the person may travel to: often a country of nationality (going home), else any office country. */
function likelyVisits(extra: Random, country: string, nationalities: string[]): string[] {
  const visits = new Set<string>();
  const home = nationalities.find((n) => n !== country);
  if (home && extra.chance(0.5)) visits.add(home);
  const count = extra.int(1, 3);
  for (const code of extra.sample(officeCodes.filter((c) => c !== country), 3)) if (visits.size < count) visits.add(code);
  return [...visits];
}

// Every office pool's usual nationality is an office country, so the country of disappearance is one too.
function disappearanceFor(r: Random, extra: Random, birthYear: number, baseYear: number, nationalities: string[]) {
  const country = r.chance(0.7) ? (nationalities[0] as string) : (r.weighted(poolWeights).nationalities[0] as string);
  const city = r.pick(citiesOf(country));
  const fromYear = Math.max(2018, birthYear + 12);
  const year = r.int(fromYear, baseYear - 1);
  const minor = year - birthYear < 18;
  const circumstances = `${r.pick(minor ? minorCircumstances : missingCircumstances)(city)} ${FICTIONAL_MARK}`;
  return {
    date: partial(r, year, [85, 15, 0]),
    place: `${city}, ${countryName(country, 'en')}`,
    circumstances,
    country,
    countriesLikelyToBeVisited: likelyVisits(extra, country, nationalities),
  };
}

type Relatives = { fatherName: string | null; fatherForename: string | null; motherName: string | null; motherForename: string | null; birthName: string | null };
const noRelatives: Relatives = { fatherName: null, fatherForename: null, motherName: null, motherForename: null, birthName: null };

/** Parents' names for some missing persons (the father's family name is the person's, in its male form), and some women's birth names. */
function relativesFor(extra: Random, pool: NamePool, name: Name, sex: Sex, age: number): Relatives {
  const father = extra.chance(0.6);
  const mother = extra.chance(0.4);
  const otherFamily = (): string => familyForm(extra.pick(pool.family.filter((f) => f !== name.familySpec)), 'F').latin;
  const married = sex === 'F' && age >= 25 && extra.chance(0.15);
  return {
    fatherName: father ? (name.familySpec.includes('|') ? familyForm(name.familySpec, 'M').latin : name.familyName) : null,
    fatherForename: father ? parseName(extra.pick(pool.male)).latin : null,
    motherName: mother ? (extra.chance(0.5) ? otherFamily() : familyForm(name.familySpec, 'F').latin) : null,
    motherForename: mother ? parseName(extra.pick(pool.female)).latin : null,
    birthName: married ? otherFamily() : null,
  };
}

/**
 * One notice. `extra` draws the fields added for the public notices protocol from a stream of its own, so the notices
 * drawn from `r` stay what they were before those fields existed.
 */
function makeNotice(r: Random, extra: Random, kind: NoticeKind, baseYear: number): NoticeInput {
  const pool = r.weighted(poolWeights);
  const sex: Sex = kind === 'wanted' ? (r.chance(0.82) ? 'M' : 'F') : r.chance(0.5) ? 'M' : 'F';
  const name = makeName(r, pool, sex === 'F' ? 'F' : 'M');
  const age = kind === 'wanted' ? r.int(19, 66) : r.int(13, 86);
  const birthYear = baseYear - age;
  const nationalities = nationalitiesFor(r, pool);
  const bornAbroad = nationalities.length > 1 && !isOfficeCountry(nationalities[1] as string) && r.chance(0.5);
  const countryOfBirth = bornAbroad ? (nationalities[1] as string) : (nationalities[0] as string);
  const male = sex === 'M';
  const hair: HairColor[] = [r.weighted(hairWeights)];
  if (age > 55 && hair[0] !== 'GRY' && hair[0] !== 'BAL' && r.chance(0.6)) hair.push('GRY');
  // Drawn from `r` in this order: reordering the fields would change every demo notice.
  const drawn = {
    kind,
    familyName: name.familyName,
    forename: name.forename,
    nameOriginal: name.nameOriginal,
    aliases: name.aliases,
    sex,
    dateOfBirth: partial(r, birthYear, [70, 18, 12]),
    placeOfBirth: !bornAbroad && r.chance(0.8) ? r.pick(citiesOf(countryOfBirth)) : null,
    countryOfBirth,
    nationalities,
    heightM: r.chance(0.9) ? (age < 18 ? r.int(140, 178) : male ? r.int(162, 197) : r.int(150, 183)) / 100 : null,
    weightKg: r.chance(0.85) ? (age < 18 ? r.int(34, 70) : male ? r.int(58, 118) : r.int(46, 96)) : null,
    eyeColors: r.chance(0.95) ? [r.weighted(eyeWeights)] : [],
    hairColors: r.chance(0.95) ? hair : [],
    languages: languagesFor(r, pool, nationalities),
    distinguishingMarks: r.chance(0.3) ? `${r.pick(distinguishingMarks)} (fictional)` : null,
    charges: kind === 'wanted' ? chargesFor(r, nationalities) : [],
    disappearance: kind === 'missing' ? disappearanceFor(r, extra, birthYear, baseYear, nationalities) : null,
    isDemo: true,
  };
  return {
    ...drawn,
    // The requesting bureau: for a wanted person the first warrant's country, for a missing one where they went missing.
    issuingCountry: drawn.charges[0]?.issuingCountry ?? drawn.disappearance?.country ?? null,
    ...(kind === 'missing' ? relativesFor(extra, pool, name, sex, age) : noRelatives),
  };
}

/**
 * The demo set: `count` notices, two wanted for every missing person, published over the 18 months before the base
 * date and returned oldest first (so public references grow with publication dates).
 */
export function generateDemoNotices(opts: { seed?: number; count?: number; baseDate?: string } = {}): DemoNotice[] {
  const seed = opts.seed ?? DEMO_SEED;
  const count = opts.count ?? DEMO_NOTICE_COUNT;
  const base = new Date(opts.baseDate ?? DEMO_BASE_DATE);
  const r = createRandom(seed);
  const extra = createRandom(seed ^ 0x9e3779b9);
  const notices: DemoNotice[] = [];
  for (let i = 0; i < count; i++) {
    const kind: NoticeKind = i % 3 === 2 ? 'missing' : 'wanted';
    const input = makeNotice(r, extra, kind, base.getUTCFullYear());
    const minutesBack = r.int(0, 548 * 24 * 60);
    const publishedAt = new Date(base.getTime() - minutesBack * 60_000).toISOString();
    notices.push({ input, portrait: r.chance(0.92) ? portraitFor(seed, i, input) : null, publishedAt });
  }
  return notices.sort((a, b) => a.publishedAt.localeCompare(b.publishedAt));
}
