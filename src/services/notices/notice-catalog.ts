/**
 * An in-memory catalogue of every published notice's search facts and list summary: answers the public filters, exact
 * totals, orders and result lists without the database, in time that hardly grows with the number of notices.
 *
 * How: each notice has a slot (slots only grow; a compaction renumbers them when many are dead). A filter value is a
 * bitset over slots (`kind=wanted`, `nationality=PL`, a free-text word prefix…), built once by a scan or from the word
 * postings and kept, updated as notices come and go, while it is among the recently used. A search ANDs the sets of
 * its filters, tests what bitsets cannot express (ages, name prefixes, patterns) on the survivors only, counts the bits
 * and walks one presorted order until its page is full.
 */
import { ageBounds, foldedFilter, freeTextWords, latestBirthDate, type NamePattern, type NoticeFilters, type NoticeSort, type NoticeSummary } from '../../core/notices.ts';
import { LruMap } from '../../core/lru.ts';
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
  /** The earliest and latest day the date of birth allows, as `dateKey`s; unknown dates fail every age bound. */
  readonly bornFrom: number;
  readonly bornUntil: number;
  readonly nationalities: readonly string[];
  readonly charges: readonly { readonly country: string; readonly category: string | null }[];
  readonly summary: NoticeSummary;
};

export type CatalogFilters = Omit<NoticeFilters, 'sort' | 'page' | 'perPage'>;
type Test = (e: CatalogEntry) => boolean;

/** The protocol writes names in capitals (see the compatibility API). */
export const upperName = (text: string): string => text.toLocaleUpperCase('en');

/**
 * `YYYY`, `YYYY-MM` or `YYYY-MM-DD` as the number YYYYMMDD, missing parts read 0: against a full date it orders as the
 * text does (`1990` and `1990-05` come before every day of that year or month), so the age bounds keep their meaning.
 */
export function dateKey(date: string): number {
  const [y = 0, m = 0, d = 0] = date.split('-').map(Number);
  return y * 10000 + m * 100 + d;
}

const UNKNOWN_FROM = 0x7fffffff;
const UNKNOWN_UNTIL = -1;

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
    bornFrom: row.dateOfBirth ? dateKey(row.dateOfBirth) : UNKNOWN_FROM,
    bornUntil: row.dateOfBirth ? dateKey(latestBirthDate(row.dateOfBirth)) : UNKNOWN_UNTIL,
    nationalities: row.nationalities,
    charges: row.charges.map((c) => ({ country: c.issuingCountry, category: c.crimeCategory })),
    summary: {
      id: row.id,
      reference: row.reference,
      kind: row.kind,
      familyName: row.familyName,
      forename: row.forename,
      sex: row.sex,
      dateOfBirth: row.dateOfBirth,
      nationalities: row.nationalities,
      wantedBy: [...new Set(row.charges.map((c) => c.issuingCountry))],
      photo: row.photo,
    },
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

// ---- bitsets over slots ----

type Bits = Uint32Array<ArrayBuffer>;

const wordsFor = (slots: number): number => (slots + 31) >>> 5;

function popcount(x: number): number {
  x -= (x >>> 1) & 0x55555555;
  x = (x & 0x33333333) + ((x >>> 2) & 0x33333333);
  return Math.imul((x + (x >>> 4)) & 0x0f0f0f0f, 0x01010101) >>> 24;
}

function countBits(bits: Bits): number {
  let n = 0;
  for (let i = 0; i < bits.length; i++) n += popcount(bits[i]!);
  return n;
}

const hasBit = (bits: Bits, slot: number): boolean => ((bits[slot >>> 5] ?? 0) & (1 << (slot & 31))) !== 0;

function setBit(bits: Bits, slot: number): void {
  bits[slot >>> 5]! |= 1 << (slot & 31);
}

function clearBit(bits: Bits, slot: number): void {
  bits[slot >>> 5]! &= ~(1 << (slot & 31));
}

/** The same values in an array with room for `size` of them, made by `make` (typed arrays cannot grow in place). */
function widened<T extends Bits | Int32Array<ArrayBuffer>>(values: T, size: number, make: (length: number) => T): T {
  if (values.length >= size) return values;
  const out = make(Math.max(size, values.length * 2));
  out.set(values);
  return out;
}

const newBits = (length: number): Bits => new Uint32Array(length);
const newColumn = (length: number): Int32Array<ArrayBuffer> => new Int32Array(length);

/** A kept filter set: its bits and the test that keeps them right as notices are added. */
type KeptSet = { test: Test; bits: Bits };

/** Filter sets kept at most; a set is a bit per slot, so 1,024 of them over 100,000 notices take about 13 MB. */
const MAX_KEPT_SETS = 1024;
/** Removals tolerated before the slots are renumbered (and every set rebuilt on demand). */
const MIN_DEAD_FOR_COMPACTION = 1000;
/** Additions applied to the presorted orders one by one; more at once and the orders are sorted afresh. */
const MAX_SINGLE_INSERTS = 64;

/** The notices that pass a search's filters, as a bitset over the catalogue's slots. */
export class CatalogSelection {
  private count: number | undefined;

  constructor(
    private readonly catalog: NoticeCatalog,
    readonly bits: Bits,
  ) {}

  /** How many notices passed: the exact total of the search. */
  get total(): number {
    return (this.count ??= countBits(this.bits));
  }

  has(id: string): boolean {
    const slot = this.catalog.slotOf(id);
    return slot !== undefined && hasBit(this.bits, slot);
  }

  /** The ids at positions `start` to `start + count` of the selection in `sort` order. */
  window(sort: NoticeSort, start: number, count: number): string[] {
    return this.catalog.windowOf(this, sort, start, count);
  }
}

export class NoticeCatalog {
  private slots: (CatalogEntry | null)[] = [];
  private readonly slotById = new Map<string, number>();
  private alive = new Uint32Array(1);
  private dead = 0;
  /** Filter sets by key, the least recently used dropped first. */
  private readonly kept = new LruMap<string, KeptSet>(MAX_KEPT_SETS);
  /** Live slots newest first and by name; additions wait in `pending` and removals are filtered out lazily. */
  private newest: number[] = [];
  private named: number[] = [];
  private pending: number[] = [];
  private removedSinceSort = false;
  /** Slots by folded word, ascending (dead slots stay until compaction; the alive set masks them); built on first use. */
  private postings: SortedNames | null = null;
  /**
   * Slots by distinct name (dead slots masked by the alive set): upper-case names for protocol patterns, folded names
   * for prefixes, each folded list with its names sorted (rebuilt when a new name arrives).
   */
  private names: NameLists | null = null;
  /**
   * The birth bounds by slot (dead slots keep theirs; the alive set masks them): an age set is made by one pass over
   * these numbers, where a pass over the entries took 10 ms at 100,000 notices, every new bound stalling the instance.
   */
  private bornFromAt = new Int32Array(1024);
  private bornUntilAt = new Int32Array(1024);
  /**
   * Slots by the key of each choice filter the notice passes (`kind:wanted`, `nat:FR`, `by:PL`, `crime:…`), built in
   * one pass when the catalogue is prepared (or on first use): each set is then made from its list, where a pass over the entries took 30–40 ms at
   * 100,000 notices. Dead slots stay until compaction; the alive set masks them.
   */
  private choices: Map<string, number[]> | null = null;
  /** Published notices by nationality, and the nationalities held (one array until that set changes). */
  private readonly byNationality = new Map<string, number>();
  private held: readonly string[] | null = null;

  get size(): number {
    return this.slotById.size;
  }

  get(id: string): CatalogEntry | undefined {
    const slot = this.slotById.get(id);
    return slot === undefined ? undefined : (this.slots[slot] ?? undefined);
  }

  slotOf(id: string): number | undefined {
    return this.slotById.get(id);
  }

  /**
   * The nationalities some published notice holds, by code: the search form offers these, not every country in the
   * world (a choice that finds no one, and ten kilobytes on every results page). The same array until the set changes.
   */
  nationalities(): readonly string[] {
    return (this.held ??= [...this.byNationality.keys()].sort());
  }

  private countNationalities(entry: CatalogEntry, by: 1 | -1): void {
    for (const code of new Set(entry.nationalities)) {
      const n = (this.byNationality.get(code) ?? 0) + by;
      if (n > 0) this.byNationality.set(code, n);
      else this.byNationality.delete(code);
      if (n === 0 || (n === 1 && by === 1)) this.held = null;
    }
  }

  /** The list summaries of the given notices, in the order given (ids no longer published are left out). */
  summaries(ids: readonly string[]): NoticeSummary[] {
    return ids.flatMap((id) => this.get(id)?.summary ?? []);
  }

  /** Takes in a notice as read now: a published one is (re)catalogued, any other leaves the catalogue. */
  put(row: NoticeSearchRow): void {
    this.remove(row.id);
    if (row.status !== 'published') return;
    const entry = toEntry(row);
    this.countNationalities(entry, 1);
    const slot = this.slots.length;
    this.slots.push(entry);
    this.slotById.set(entry.id, slot);
    const words = wordsFor(slot + 1);
    this.alive = widened(this.alive, words, newBits);
    setBit(this.alive, slot);
    for (const set of this.kept.values()) {
      set.bits = widened(set.bits, words, newBits);
      if (set.test(entry)) setBit(set.bits, slot);
    }
    this.setBornBounds(slot, entry);
    if (this.postings) this.addPostings(slot, entry);
    if (this.names) this.addNames(slot, entry);
    if (this.choices) addChoices(this.choices, slot, entry);
    this.pending.push(slot);
  }

  remove(id: string): void {
    const slot = this.slotById.get(id);
    if (slot === undefined) return;
    this.countNationalities(this.slots[slot]!, -1);
    this.slotById.delete(id);
    this.slots[slot] = null;
    clearBit(this.alive, slot);
    for (const set of this.kept.values()) clearBit(set.bits, slot);
    this.removedSinceSort = true;
    this.dead++;
    if (this.dead >= MIN_DEAD_FOR_COMPACTION && this.dead * 4 > this.slots.length) this.compact();
  }

  /** Sorts the orders and lists the choices now (after the start-up load), so the first search does not pay for them. */
  prepare(): void {
    this.orders();
    this.choices ??= this.buildChoices();
  }

  /**
   * Compiles the filters, with exactly the SQL path's meaning (`applyFilters` in the notices repository) plus the
   * protocol's name patterns, into the set of notices that pass; empty when a text filter is only punctuation.
   */
  select(f: CatalogFilters, today: Date): CatalogSelection {
    const family = foldedFilter(f.familyName);
    const forename = foldedFilter(f.forename);
    const words = freeTextWords(f.freeText);
    if (family === null || forename === null || words === null) return new CatalogSelection(this, new Uint32Array(this.alive.length));
    const sets: Bits[] = [];
    const { kind, sex, nationality, wantedBy, crimeCategory } = f;
    if (kind) sets.push(this.choiceSet(`kind:${kind}`, (e) => e.kind === kind));
    if (sex) sets.push(this.choiceSet(`sex:${sex}`, (e) => e.sex === sex));
    if (nationality) sets.push(this.choiceSet(`nat:${nationality}`, (e) => e.nationalities.includes(nationality)));
    // One set per issuing country and one per category: the pairs would be hundreds of sets. Both sets together are a
    // superset of "one charge with both", which the residual test then checks on the few notices left.
    if (wantedBy) sets.push(this.choiceSet(`by:${wantedBy}`, (e) => e.charges.some((c) => c.country === wantedBy)));
    if (crimeCategory) sets.push(this.choiceSet(`crime:${crimeCategory}`, (e) => e.charges.some((c) => c.category === crimeCategory)));
    for (const word of words ?? []) sets.push(this.wordPrefixSet(word));
    if (family) sets.push(this.prefixSet('family', family));
    if (forename) sets.push(this.prefixSet('forename', forename));
    if (f.familyNamePattern) sets.push(this.patternSet('family', f.familyNamePattern));
    if (f.forenamePattern) sets.push(this.patternSet('forename', f.forenamePattern));
    const { min, max } = ageBounds(today, f.ageMin, f.ageMax);
    if (min !== undefined || max !== undefined) {
      // Born on or before `from` (at least the minimum age) and after `until` (below the maximum age plus one). The
      // default of a bound not given passes every known date, and an unknown date fails any bound (see UNKNOWN_FROM).
      // Bounds are days, so a day's searches share a few hundred such sets.
      const from = min === undefined ? UNKNOWN_FROM - 1 : dateKey(min);
      const until = max === undefined ? UNKNOWN_UNTIL : dateKey(max);
      sets.push(this.bornSet(`born-from:${from}`, this.bornFromAt, from, false, (e) => e.bornFrom <= from));
      sets.push(this.bornSet(`born-until:${until}`, this.bornUntilAt, until, true, (e) => e.bornUntil > until));
    }
    const bits = this.intersection(sets);
    const rest = this.residualTest(f);
    if (rest) this.narrow(bits, rest);
    return new CatalogSelection(this, bits);
  }

  /** Positions `start` to `start + count` of a selection in `sort` order, by whichever way costs less here. */
  windowOf(selection: CatalogSelection, sort: NoticeSort, start: number, count: number): string[] {
    const total = selection.total;
    if (start >= total || count <= 0) return [];
    const { newest, named } = this.orders();
    const live = newest.length;
    // Walking an order visits about (start + count) × live / total slots; sorting the selection costs about
    // total × log2(total) comparisons of a few string compares each, plus a pass over the bits.
    const walk = ((start + count) * live) / total;
    const sortCost = total * Math.log2(total + 1) * 8 + selection.bits.length;
    if (sortCost < walk) {
      const compare = compareFor(sort);
      return this.entriesOf(selection.bits)
        .sort(compare)
        .slice(start, start + count)
        .map((e) => e.id);
    }
    const order = sort === 'name' ? named : newest;
    const reverse = sort === 'oldest';
    const ids: string[] = [];
    let seen = 0;
    for (let i = 0; i < live && ids.length < count; i++) {
      const slot = order[reverse ? live - 1 - i : i]!;
      if (!hasBit(selection.bits, slot)) continue;
      if (seen >= start) ids.push(this.slots[slot]!.id);
      seen++;
    }
    return ids;
  }

  // ---- sets ----

  /** The notices a choice filter keeps (`test` says the same of one notice, for those added later). */
  private choiceSet(key: string, test: Test): Bits {
    const known = this.kept.get(key);
    if (known) return known.bits;
    return this.keptUnion(key, [(this.choices ??= this.buildChoices()).get(key) ?? []], test);
  }

  /** The notices whose birth bound in `column` is above `bound` (`above`) or at most `bound`, by one pass over it. */
  private bornSet(key: string, column: Int32Array, bound: number, above: boolean, test: Test): Bits {
    const known = this.kept.get(key);
    if (known) return known.bits;
    const bits = new Uint32Array(this.alive.length);
    const n = this.slots.length;
    if (above) {
      for (let slot = 0; slot < n; slot++) if ((column[slot] as number) > bound) setBit(bits, slot);
    } else {
      for (let slot = 0; slot < n; slot++) if ((column[slot] as number) <= bound) setBit(bits, slot);
    }
    for (let i = 0; i < bits.length; i++) bits[i]! &= this.alive[i]!;
    return this.keep(key, { test, bits });
  }

  private setBornBounds(slot: number, e: CatalogEntry): void {
    this.bornFromAt = widened(this.bornFromAt, slot + 1, newColumn);
    this.bornUntilAt = widened(this.bornUntilAt, slot + 1, newColumn);
    this.bornFromAt[slot] = e.bornFrom;
    this.bornUntilAt[slot] = e.bornUntil;
  }

  private buildChoices(): Map<string, number[]> {
    const choices = new Map<string, number[]>();
    for (let slot = 0; slot < this.slots.length; slot++) {
      const e = this.slots[slot];
      if (e) addChoices(choices, slot, e);
    }
    return choices;
  }

  private keep(key: string, set: KeptSet): Bits {
    this.kept.set(key, set);
    return set.bits;
  }

  /** Notices with a word starting with `word` (what ` word` found in `search_fold` means): the union of its postings. */
  private wordPrefixSet(word: string): Bits {
    const key = `word:${word}`;
    const known = this.kept.get(key);
    if (known) return known.bits;
    const needle = ` ${word}`;
    return this.keptUnion(key, withPrefix((this.postings ??= this.buildPostings()), word), (e) => e.searchFold.includes(needle));
  }

  /** A set made of the slots of the given lists (dead ones masked out) and kept, `test` deciding for newcomers. */
  private keptUnion(key: string, lists: Iterable<readonly number[]>, test: Test): Bits {
    const bits = new Uint32Array(this.alive.length);
    for (const slots of lists) for (const slot of slots) setBit(bits, slot);
    for (let i = 0; i < bits.length; i++) bits[i]! &= this.alive[i]!;
    return this.keep(key, { test, bits });
  }

  /**
   * Notices whose family name (or forename) a protocol pattern matches: the pattern is tested once per distinct name
   * (a few hundred at 20,000 notices), and the matching names' slots make the set.
   */
  private patternSet(field: 'family' | 'forename', pattern: NamePattern): Bits {
    const key = `${field}-pattern:${pattern.source}`;
    const known = this.kept.get(key);
    if (known) return known.bits;
    const names = (this.names ??= this.buildNames())[field === 'family' ? 'familyUpper' : 'forenameUpper'];
    const test = memoised(pattern);
    const matching = [...names].flatMap(([name, slots]) => (test(name) ? [slots] : []));
    const upper = field === 'family' ? (e: CatalogEntry) => e.familyUpper : (e: CatalogEntry) => e.forenameUpper;
    return this.keptUnion(key, matching, (e) => test(upper(e)));
  }

  /** Notices whose folded family name (or forename) starts with `prefix`: the names in its range of the sorted list. */
  private prefixSet(field: 'family' | 'forename', prefix: string): Bits {
    const key = `${field}-prefix:${prefix}`;
    const known = this.kept.get(key);
    if (known) return known.bits;
    const names = (this.names ??= this.buildNames());
    const folded = field === 'family' ? (e: CatalogEntry) => e.familyFold : (e: CatalogEntry) => e.forenameFold;
    return this.keptUnion(key, withPrefix(field === 'family' ? names.familyFold : names.forenameFold, prefix), (e) => folded(e).startsWith(prefix));
  }

  private buildNames(): NameLists {
    this.names = { familyUpper: new Map(), forenameUpper: new Map(), familyFold: { slots: new Map(), sorted: null }, forenameFold: { slots: new Map(), sorted: null } };
    for (let slot = 0; slot < this.slots.length; slot++) {
      const e = this.slots[slot];
      if (e) this.addNames(slot, e);
    }
    return this.names;
  }

  private addNames(slot: number, e: CatalogEntry): void {
    const names = this.names!;
    addSlot(names.familyUpper, e.familyUpper, slot);
    addSlot(names.forenameUpper, e.forenameUpper, slot);
    if (addSlot(names.familyFold.slots, e.familyFold, slot)) names.familyFold.sorted = null;
    if (addSlot(names.forenameFold.slots, e.forenameFold, slot)) names.forenameFold.sorted = null;
  }

  private buildPostings(): SortedNames {
    const postings: SortedNames = { slots: new Map(), sorted: null };
    this.postings = postings;
    for (let slot = 0; slot < this.slots.length; slot++) {
      const e = this.slots[slot];
      if (e) this.addPostings(slot, e);
    }
    return postings;
  }

  private addPostings(slot: number, e: CatalogEntry): void {
    const postings = this.postings!;
    for (const word of e.searchFold.split(' ')) if (word !== '' && addSlot(postings.slots, word, slot)) postings.sorted = null;
  }

  /** The AND of the sets (and of the live slots), in a new array the caller may change. */
  private intersection(sets: Bits[]): Bits {
    const out = this.alive.slice();
    for (const set of sets) for (let i = 0; i < out.length; i++) out[i]! &= set[i] ?? 0;
    return out;
  }

  /**
   * What the sets cannot say: one charge with both the issuing country and the category (the two sets hold notices
   * with each, perhaps on different charges); `null` when the search asks no such pair.
   */
  private residualTest(f: CatalogFilters): Test | null {
    const { wantedBy, crimeCategory } = f;
    if (!wantedBy || !crimeCategory) return null;
    return (e) => e.charges.some((c) => c.country === wantedBy && c.category === crimeCategory);
  }


  private narrow(bits: Bits, test: Test): void {
    for (let w = 0; w < bits.length; w++) {
      let word = bits[w]!;
      while (word !== 0) {
        const low = word & -word;
        const slot = (w << 5) + 31 - Math.clz32(low);
        if (!test(this.slots[slot]!)) bits[w]! &= ~low;
        word ^= low;
      }
    }
  }

  private entriesOf(bits: Bits): CatalogEntry[] {
    const out: CatalogEntry[] = [];
    for (let w = 0; w < bits.length; w++) {
      let word = bits[w]!;
      while (word !== 0) {
        const low = word & -word;
        out.push(this.slots[(w << 5) + 31 - Math.clz32(low)]!);
        word ^= low;
      }
    }
    return out;
  }

  // ---- orders ----

  private orders(): { newest: number[]; named: number[] } {
    if (this.removedSinceSort) {
      const live = (slot: number) => this.slots[slot] !== null;
      this.newest = this.newest.filter(live);
      this.named = this.named.filter(live);
      this.removedSinceSort = false;
    }
    const added = this.pending.filter((slot) => this.slots[slot] !== null);
    this.pending = [];
    if (added.length > MAX_SINGLE_INSERTS) {
      const all = [...this.newest, ...added];
      const entry = (slot: number) => this.slots[slot]!;
      this.newest = all.slice().sort((a, b) => newestFirst(entry(a), entry(b)));
      this.named = all.sort((a, b) => byName(entry(a), entry(b)));
    } else {
      for (const slot of added) {
        this.insertSorted(this.newest, slot, newestFirst);
        this.insertSorted(this.named, slot, byName);
      }
    }
    return { newest: this.newest, named: this.named };
  }

  private insertSorted(order: number[], slot: number, compare: (a: CatalogEntry, b: CatalogEntry) => number): void {
    const e = this.slots[slot]!;
    let lo = 0;
    let hi = order.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if (compare(this.slots[order[mid]!]!, e) < 0) lo = mid + 1;
      else hi = mid;
    }
    order.splice(lo, 0, slot);
  }

  /** Renumbers the live notices into fresh slots; kept sets and postings are rebuilt when next asked for. */
  private compact(): void {
    const live = this.slots.filter((e): e is CatalogEntry => e !== null);
    this.slots = live;
    this.slotById.clear();
    live.forEach((e, slot) => this.slotById.set(e.id, slot));
    this.alive = new Uint32Array(Math.max(1, wordsFor(live.length)));
    live.forEach((_, slot) => setBit(this.alive, slot));
    this.dead = 0;
    this.kept.clear();
    live.forEach((e, slot) => this.setBornBounds(slot, e));
    this.postings = null;
    this.names = null;
    this.choices = null;
    this.newest = [];
    this.named = [];
    this.pending = live.map((_, slot) => slot);
    this.removedSinceSort = false;
  }
}

/** Slots by distinct word or name, with the words sorted once asked for (for prefix ranges; cleared by a new word). */
type SortedNames = { slots: Map<string, number[]>; sorted: string[] | null };
type NameLists = { familyUpper: Map<string, number[]>; forenameUpper: Map<string, number[]>; familyFold: SortedNames; forenameFold: SortedNames };

/** Adds a slot to a word's list (once, however often the notice holds the word); true when the word is new. */
function addSlot(map: Map<string, number[]>, name: string, slot: number): boolean {
  const list = map.get(name);
  if (list) {
    if (list[list.length - 1] !== slot) list.push(slot);
    return false;
  }
  map.set(name, [slot]);
  return true;
}

/** The slot lists of the words that start with `prefix`. */
function* withPrefix(words: SortedNames, prefix: string): Generator<readonly number[]> {
  const sorted = (words.sorted ??= [...words.slots.keys()].sort());
  for (let i = lowerBound(sorted, prefix); i < sorted.length && sorted[i]!.startsWith(prefix); i++) yield words.slots.get(sorted[i]!)!;
}

/** The first index whose word is not below `word` in a sorted list. */
function lowerBound(sorted: readonly string[], word: string): number {
  let lo = 0;
  let hi = sorted.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (sorted[mid]! < word) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** Adds a slot under every choice filter key its notice passes (the keys `select` asks for). */
function addChoices(choices: Map<string, number[]>, slot: number, e: CatalogEntry): void {
  addSlot(choices, `kind:${e.kind}`, slot);
  if (e.sex) addSlot(choices, `sex:${e.sex}`, slot);
  for (const code of e.nationalities) addSlot(choices, `nat:${code}`, slot);
  for (const c of e.charges) {
    addSlot(choices, `by:${c.country}`, slot);
    if (c.category !== null) addSlot(choices, `crime:${c.category}`, slot);
  }
}
