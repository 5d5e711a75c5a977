/** An in-memory catalogue of every published notice's search facts: answers the public filters, exact totals and orders without the database. */
import { ageBounds, foldedFilter, freeTextWords, latestBirthDate, type NamePattern, type NoticeFilters, type NoticeSort } from '../../core/notices.ts';
import type { NoticeSearchRow } from '../../storage/repositories/notices.ts';

/** One published notice as the filters see it; the text forms are those the SQL filters compare. */
export type CatalogEntry = {
  readonly id: string;
  readonly kind: NoticeSearchRow['kind'];
  readonly sex: NoticeSearchRow['sex'];
  readonly publishedAt: string;
  readonly familyFold: string;
  readonly forenameFold: string;
  /** ` word word … `, the notice's searchable text folded, as stored in `search_fold`. */
  readonly searchFold: string;
  /** The names in capitals, as the notices protocol shows them: what its patterns are tested against. */
  readonly familyUpper: string;
  readonly forenameUpper: string;
  readonly dateOfBirth: string | null;
  readonly latestBirth: string | null;
  readonly nationalities: readonly string[];
  readonly charges: readonly { readonly country: string; readonly category: string | null }[];
};

export type CatalogFilters = Omit<NoticeFilters, 'sort' | 'page' | 'perPage'>;
type Test = (e: CatalogEntry) => boolean;

/** The protocol writes names in capitals (see the compatibility API). */
export const upperName = (text: string): string => text.toLocaleUpperCase('en');

function toEntry(row: NoticeSearchRow): CatalogEntry {
  return {
    id: row.id,
    kind: row.kind,
    sex: row.sex,
    publishedAt: row.publishedAt ?? '',
    familyFold: row.familyNameFold,
    forenameFold: row.forenameFold,
    searchFold: row.searchFold,
    familyUpper: upperName(row.familyName),
    forenameUpper: upperName(row.forename),
    dateOfBirth: row.dateOfBirth,
    latestBirth: row.dateOfBirth ? latestBirthDate(row.dateOfBirth) : null,
    nationalities: row.nationalities,
    charges: row.charges.map((c) => ({ country: c.issuingCountry, category: c.crimeCategory })),
  };
}

/** Newest first: published_at descending, then id descending (the SQL order; ids are unique, so the order is total). */
function newestFirst(a: CatalogEntry, b: CatalogEntry): number {
  if (a.publishedAt !== b.publishedAt) return a.publishedAt < b.publishedAt ? 1 : -1;
  return a.id < b.id ? 1 : a.id > b.id ? -1 : 0;
}

/** By folded family name, forename, then id, compared byte by byte like the SQL order. */
function byName(a: CatalogEntry, b: CatalogEntry): number {
  if (a.familyFold !== b.familyFold) return a.familyFold < b.familyFold ? -1 : 1;
  if (a.forenameFold !== b.forenameFold) return a.forenameFold < b.forenameFold ? -1 : 1;
  return a.id < b.id ? -1 : a.id > b.id ? 1 : 0;
}

export function compareFor(sort: NoticeSort): (a: CatalogEntry, b: CatalogEntry) => number {
  if (sort === 'name') return byName;
  if (sort === 'oldest') return (a, b) => newestFirst(b, a);
  return newestFirst;
}

/** A pattern tested once per distinct name of a request: names repeat a lot, and the test is the costly part. */
function memoised(pattern: NamePattern): (name: string) => boolean {
  const seen = new Map<string, boolean>();
  return (name) => {
    let hit = seen.get(name);
    if (hit === undefined) {
      hit = pattern.test(name);
      seen.set(name, hit);
    }
    return hit;
  };
}

/**
 * Compiles the filters into one test, with exactly the SQL path's meaning (`applyFilters` in the notices repository),
 * plus the protocol's name patterns; `null` when they can match nothing (a text filter made only of punctuation).
 */
export function compileFilters(f: CatalogFilters, today: Date): Test | null {
  const tests: Test[] = [];
  if (f.kind) tests.push((e) => e.kind === f.kind);
  if (f.sex) tests.push((e) => e.sex === f.sex);
  const family = foldedFilter(f.familyName);
  const forename = foldedFilter(f.forename);
  const words = freeTextWords(f.freeText);
  if (family === null || forename === null || words === null) return null;
  if (family) tests.push((e) => e.familyFold.startsWith(family));
  if (forename) tests.push((e) => e.forenameFold.startsWith(forename));
  if (words) {
    const needles = words.map((w) => ` ${w}`);
    tests.push((e) => needles.every((n) => e.searchFold.includes(n)));
  }
  const { min, max } = ageBounds(today, f.ageMin, f.ageMax);
  if (min !== undefined) tests.push((e) => e.dateOfBirth !== null && e.dateOfBirth <= min);
  if (max !== undefined) tests.push((e) => e.latestBirth !== null && e.latestBirth > max);
  if (f.nationality) {
    const nat = f.nationality;
    tests.push((e) => e.nationalities.includes(nat));
  }
  if (f.wantedBy || f.crimeCategory) {
    const { wantedBy, crimeCategory } = f;
    tests.push((e) => e.charges.some((c) => (!wantedBy || c.country === wantedBy) && (!crimeCategory || c.category === crimeCategory)));
  }
  if (f.familyNamePattern) {
    const test = memoised(f.familyNamePattern);
    tests.push((e) => test(e.familyUpper));
  }
  if (f.forenamePattern) {
    const test = memoised(f.forenamePattern);
    tests.push((e) => test(e.forenameUpper));
  }
  return (e) => {
    for (const t of tests) if (!t(e)) return false;
    return true;
  };
}

/** A window of an ordered selection: how many entries matched in all, and the ids from `start`, at most `count`. */
export type CatalogWindow = { total: number; ids: string[] };

export class NoticeCatalog {
  private readonly entries = new Map<string, CatalogEntry>();
  /** Every entry newest first and by name, rebuilt on the first search after a change (changes are rare, searches not). */
  private newest: CatalogEntry[] | null = null;
  private named: CatalogEntry[] | null = null;

  get size(): number {
    return this.entries.size;
  }

  get(id: string): CatalogEntry | undefined {
    return this.entries.get(id);
  }

  /** Takes in a notice as read now: a published one is (re)catalogued, any other leaves the catalogue. */
  put(row: NoticeSearchRow): void {
    if (row.status === 'published') this.entries.set(row.id, toEntry(row));
    else this.entries.delete(row.id);
    this.newest = null;
    this.named = null;
  }

  remove(id: string): void {
    if (this.entries.delete(id)) {
      this.newest = null;
      this.named = null;
    }
  }

  /**
   * The entries passing `test`, in `sort` order: the exact total, and the ids of positions `start` to `start + count`.
   * One pass over the presorted list, so a page costs the same wherever it is.
   */
  window(test: Test, sort: NoticeSort, start: number, count: number): CatalogWindow {
    const list = sort === 'name' ? (this.named ??= [...this.entries.values()].sort(byName)) : (this.newest ??= [...this.entries.values()].sort(newestFirst));
    const end = start + count;
    const ids: string[] = [];
    let total = 0;
    const n = list.length;
    for (let i = 0; i < n; i++) {
      const e = list[sort === 'oldest' ? n - 1 - i : i]!;
      if (!test(e)) continue;
      if (total >= start && total < end) ids.push(e.id);
      total++;
    }
    return { total, ids };
  }
}
