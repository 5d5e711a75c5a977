/**
 * The varied-query workloads of the HTTP benchmark: a vocabulary read from the seeded database, and from it long lists
 * of distinct request paths (filter combinations, family names and their misspellings, free text, protocol names), so
 * that no measured request can be answered from the page cache by an earlier identical one.
 */
import { createRandom, type Random } from '../src/demo/random.ts';
import { noticeSorts, sexes } from '../src/core/notices.ts';
import type { Db } from '../src/storage/db.ts';

/** What the generators draw from: values that occur in the published notices of this database. */
export type Vocabulary = {
  familyNames: string[];
  nationalities: string[];
  issuingCountries: string[];
  crimeCategories: string[];
  /** Words of places (birth, disappearance) and of charges, four letters or more. */
  words: string[];
};

const distinct = (values: (string | null)[]): string[] => [...new Set(values.filter((v): v is string => v !== null && v.trim() !== ''))];

/** Reads the vocabulary from the published notices (a sample of at most `names` family names, deterministic). */
export async function readVocabulary(db: Db, names = 2000): Promise<Vocabulary> {
  const published = db.selectFrom('notices').where('status', '=', 'published');
  const familyNames = distinct((await published.select('family_name').distinct().execute()).map((r) => r.family_name));
  const places = await published.select(['place_of_birth', 'place_of_disappearance']).execute();
  const nationalities = await db.selectFrom('notice_nationalities').select('country').distinct().execute();
  const charges = await db.selectFrom('notice_charges').select(['charge', 'issuing_country', 'crime_category']).execute();
  const words = new Set<string>();
  for (const text of [...places.flatMap((p) => [p.place_of_birth, p.place_of_disappearance]), ...charges.map((c) => c.charge)]) {
    for (const w of (text ?? '').split(/[^\p{L}]+/u)) if (w.length >= 4) words.add(w.toLocaleLowerCase('en'));
  }
  const r = createRandom(7);
  return {
    familyNames: r.sample(familyNames.sort(), names),
    nationalities: distinct(nationalities.map((n) => n.country)).sort(),
    issuingCountries: distinct(charges.map((c) => c.issuing_country)).sort(),
    crimeCategories: distinct(charges.map((c) => c.crime_category)).sort(),
    words: [...words].sort(),
  };
}

/** One typing mistake: a letter dropped, doubled, swapped with the next or replaced; accents and case lost sometimes. */
export function misspell(r: Random, name: string): string {
  const chars = [...name];
  if (chars.length < 3) return name + 'e';
  const i = r.int(1, chars.length - 2);
  const letters = 'abcdefghijklmnopqrstuvwxyz';
  switch (r.int(0, 4)) {
    case 0:
      chars.splice(i, 1);
      break;
    case 1:
      chars.splice(i, 0, chars[i] as string);
      break;
    case 2:
      [chars[i], chars[i + 1]] = [chars[i + 1] as string, chars[i] as string];
      break;
    case 3:
      chars[i] = letters[r.int(0, letters.length - 1)] as string;
      break;
    default:
      return name.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('en');
  }
  return chars.join('');
}

/** Up to `count` distinct values of `make` (fewer when the space runs out: `make` is tried at most 20 times per value). */
function distinctPaths(count: number, make: () => string): string[] {
  const out = new Set<string>();
  for (let tries = 0; out.size < count && tries < count * 20; tries++) out.add(make());
  return [...out];
}

const q = (params: [string, string | number][]): string => new URLSearchParams(params.map(([k, v]): [string, string] => [k, String(v)])).toString();

/** A page among the first few, mostly the first (as people read them). */
const somePage = (r: Random): number => r.weighted([[1, 60], [2, 20], [3, 10], [4, 6], [5, 4]] as const);

/** Random combinations of every public filter, the sort order and a page among the first five. */
export function variedFilterPaths(v: Vocabulary, count: number, seed: number): string[] {
  const r = createRandom(seed);
  return distinctPaths(count, () => {
    const p: [string, string | number][] = [];
    const kind = r.weighted([['wanted', 35], ['missing', 25], [null, 40]] as const);
    if (kind) p.push(['kind', kind]);
    if (r.next() < 0.4) p.push(['sex', r.pick(sexes)]);
    if (r.next() < 0.3 && v.nationalities.length > 0) p.push(['nationality', r.pick(v.nationalities)]);
    if (r.next() < 0.5) {
      const min = r.int(0, 70);
      if (r.next() < 0.7) p.push(['ageMin', min]);
      if (r.next() < 0.7) p.push(['ageMax', min + r.int(0, 40)]);
    }
    if (kind !== 'missing' && r.next() < 0.25 && v.issuingCountries.length > 0) p.push(['wantedBy', r.pick(v.issuingCountries)]);
    if (kind !== 'missing' && r.next() < 0.25 && v.crimeCategories.length > 0) p.push(['crime', r.pick(v.crimeCategories)]);
    p.push(['sort', r.pick(noticeSorts)]);
    const page = somePage(r);
    if (page > 1) p.push(['page', page]);
    return `/notices?${q(p)}`;
  });
}

/** A name of the vocabulary as written in the data (a third of the time) or with one typing mistake. */
const someName = (r: Random, v: Vocabulary): string => {
  const name = r.pick(v.familyNames);
  return r.next() < 0.33 ? name : misspell(r, name);
};

/** Family-name searches: names from the data and misspellings of them, sometimes narrowed by kind or sorted by name. */
export function variedFamilyNamePaths(v: Vocabulary, count: number, seed: number): string[] {
  const r = createRandom(seed);
  return distinctPaths(count, () => {
    const p: [string, string | number][] = [['familyName', someName(r, v)]];
    const kind = r.weighted([['wanted', 15], ['missing', 15], [null, 70]] as const);
    if (kind) p.push(['kind', kind]);
    if (r.next() < 0.2) p.push(['sort', 'name']);
    return `/notices?${q(p)}`;
  });
}

/** Free text of one or two words from places and charges, sometimes narrowed by kind. */
export function variedFreeTextPaths(v: Vocabulary, count: number, seed: number): string[] {
  const r = createRandom(seed);
  return distinctPaths(count, () => {
    const words = r.next() < 0.6 ? [r.pick(v.words)] : [r.pick(v.words), r.pick(v.words)];
    const p: [string, string | number][] = [['q', words.join(' ')]];
    const kind = r.weighted([['wanted', 20], ['missing', 20], [null, 60]] as const);
    if (kind) p.push(['kind', kind]);
    return `/notices?${q(p)}`;
  });
}

/**
 * The compatibility API's lists (red and yellow) with `name=` drawn like the family names, and one request in twenty
 * a length pattern (`^.....$`) or a prefix pattern (`^Ko.*`) as the protocol's crawlers send.
 */
export function compatNamePaths(v: Vocabulary, count: number, seed: number): string[] {
  const r = createRandom(seed);
  return distinctPaths(count, () => {
    const colour = r.pick(['red', 'yellow'] as const);
    let name: string;
    if (r.next() < 0.05) {
      name = r.next() < 0.5 ? `^${'.'.repeat(r.int(3, 12))}$` : `^${[...r.pick(v.familyNames)].slice(0, 2).join('')}.*`;
    } else {
      name = someName(r, v);
    }
    const p: [string, string | number][] = [['name', name]];
    if (r.next() < 0.3) p.push(['resultPerPage', r.pick([20, 50, 160])]);
    return `/notices/v1/${colour}?${q(p)}`;
  });
}
