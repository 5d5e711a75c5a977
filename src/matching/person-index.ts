/** In-memory candidate index over person records: interned vocabulary, typo-tolerant keys on the vocabulary, compact postings. */
import { cachedToken, primaryText, tokenise, type AnalysedName, type TokenInfo } from './analyse.ts';
import type { Sex } from './evidence.ts';
import type { ExplanationItem } from './explain.ts';
import { consonantSkeleton } from './keys.ts';
import { normaliseNationalities, scoreFacts, scoreNames, toFacts, type NameScore, type NameScorer, type PartComparer, type PersonFacts, type PersonQuery, type PersonRecord, type ScoreResult } from './score.ts';
import { compareParts, type PartSimilarity } from './similarity.ts';
import { frequencyStats, type TokenStats } from './stats.ts';

export type PersonMatch = { id: string; score: number; match: boolean; explanation: ExplanationItem[] };
export type SearchOptions = {
  limit?: number;
  /**
   * Candidates scored in full, at most (default 24, what screening's top ten needs); a search that must find every
   * holder of a name (the public search, with exact totals) asks for more.
   */
  shortlist?: number;
};

/** Candidates kept after the cheap accumulation pass, then scored in full. */
const SHORTLIST = 24;
/** A query part whose expansions hold more records than this is treated as common (see accumulate). */
const COMMON_POSTINGS = 2_000;
/** Vocabulary tokens followed per query part, most similar first. */
const MAX_EXPANSIONS = 8;
const MAX_QUERY_PARTS = 64;
/**
 * Records kept decoded for scoring (a few hundred bytes each): a public search by a common name scores the same
 * hundred records at every request, and decoding them was a fifth of its cost.
 */
const MAX_DECODED = 50_000;
/** Phonetic buckets can hold thousands of vocabulary tokens; only this many are compared per query part. */
const PHONETIC_SCAN_LIMIT = 24;
const MIN_KEY_SIMILARITY = 0.5;
const NAME_SEPARATOR = -1;
/** Scores are rounded to this many steps of [0, 1]; slots stay below SLOT_RANGE, so (steps, slot) packs exactly into a double. */
const SCORE_STEPS = 10_000;
const SLOT_RANGE = 2 ** 32;

/** A typed array that doubles when full. */
class GrowableInt32 {
  data: Int32Array;
  length = 0;
  constructor(capacity = 4) {
    this.data = new Int32Array(capacity);
  }
  push(value: number): void {
    if (this.length === this.data.length) {
      const next = new Int32Array(Math.max(4, this.data.length * 2));
      next.set(this.data);
      this.data = next;
    }
    this.data[this.length++] = value;
  }
}

function grow<T extends Int32Array | Uint16Array | Uint8Array>(array: T, size: number, make: (n: number) => T): T {
  if (size <= array.length) return array;
  const next = make(Math.max(size, array.length * 2));
  next.set(array);
  return next;
}

/** Deletion neighbourhood of distance 1: two words within one edit share at least one of these keys. */
function deletions(word: string): string[] {
  const out = [word];
  for (let i = 0; i < word.length; i++) out.push(word.slice(0, i) + word.slice(i + 1));
  return out;
}

/** Lookup keys of a token: readings, spelling skeletons, consonant skeleton, variant groups, deletion neighbourhood. */
function exactKeys(token: TokenInfo): string[] {
  const keys: string[] = [];
  for (const f of token.forms) keys.push(`f${f}`);
  for (const s of token.skeletons) keys.push(`s${s}`);
  for (const g of token.groups) keys.push(`g${g}`);
  const consonants = token.consonants ?? consonantSkeleton(token.text);
  if (consonants.length >= 2) keys.push(`c${consonants}`);
  const primary = token.skeletons[0] ?? token.text;
  if (primary.length >= 4) for (const d of deletions(primary)) keys.push(`d${d}`);
  return keys;
}

function encodeDate(text: string | null): number {
  const m = /^(\d{4})(?:-(\d{2})(?:-(\d{2}))?)?/.exec(text ?? '');
  if (!m) return 0;
  return Number(m[1]) * 10_000 + Number(m[2] ?? 0) * 100 + Number(m[3] ?? 0);
}

function decodeDate(value: number): string | null {
  if (value === 0) return null;
  const y = Math.floor(value / 10_000);
  const mo = Math.floor(value / 100) % 100;
  const d = value % 100;
  const pad = (n: number): string => String(n).padStart(2, '0');
  if (mo === 0) return String(y);
  return d === 0 ? `${y}-${pad(mo)}` : `${y}-${pad(mo)}-${pad(d)}`;
}

const SEX_CODES: ReadonlyArray<Sex | null> = [null, 'F', 'M', 'U'];

function encodeCountry(code: string): number {
  return (code.charCodeAt(0) - 65) * 26 + (code.charCodeAt(1) - 65) + 1;
}

function decodeCountry(value: number): string {
  return String.fromCharCode(65 + Math.floor((value - 1) / 26), 65 + ((value - 1) % 26));
}

function byScoreThenId(a: PersonMatch, b: PersonMatch): number {
  return b.score - a.score || (a.id < b.id ? -1 : 1);
}

/** Where a record's token ids (names and separators) lie in the pool, and the result of a names-only query against them. */
type NameSequenceResult = { start: number; count: number; result: ScoreResult };

/** FNV-1a over a run of token ids: groups records by name sequence without building a string or a view per record. */
function hashTokens(pool: Int32Array, start: number, count: number): number {
  let h = 0x811c9dc5;
  for (let i = start; i < start + count; i++) h = Math.imul(h ^ (pool[i] as number), 0x01000193);
  return h;
}

function sameTokens(pool: Int32Array, a: number, b: number, count: number): boolean {
  for (let i = 0; i < count; i++) if (pool[a + i] !== pool[b + i]) return false;
  return true;
}

/**
 * Person records indexed for screening. Storage is columnar: one slot per record version, token ids in one shared
 * Int32Array pool, dates packed as integers, nationalities as 16-bit codes. Names are kept as their analysed tokens
 * (the original spelling, lower-cased), not as the input strings. Removal is lazy: the slot is marked dead and its
 * postings are dropped at the next compaction, which runs once dead slots outnumber live ones.
 */
export class PersonIndex {
  private readonly vocabIds = new Map<string, number>();
  private readonly vocab: TokenInfo[] = [];
  private readonly keyIndex = new Map<string, number | number[]>();
  private postings: GrowableInt32[] = [];
  private documentFrequency = new Int32Array(1024);

  private readonly slotOf = new Map<string, number>();
  /** Decoded facts by slot, oldest first (see MAX_DECODED); cleared when slots are renumbered. */
  private readonly decoded = new Map<number, PersonFacts>();
  private externalIds: (string | undefined)[] = [];
  private tokenStart = new Int32Array(1024);
  private tokenCount = new Uint16Array(1024);
  private tokenPool = new GrowableInt32(1 << 16);
  private dates = new Int32Array(1024);
  private sexes = new Uint8Array(1024);
  private natStart = new Int32Array(1024);
  private natCount = new Uint8Array(1024);
  private natPool = new GrowableInt32(1024);
  private slots = 0;
  private deadSlots = 0;

  private accumulator = new Float32Array(1024);
  private marks = new Int32Array(1024);
  private queryCounter = 0;
  /** Result positions by slot, scratch for `sortResults`. */
  private resultAt = new Int32Array(1024);
  /** Slots a search touched, scratch for `accumulate` (a search runs to its end before the next one starts). */
  private readonly touched = new GrowableInt32(1024);
  /** Vocabulary ids an expansion has found, marked with the expansion's number (scratch for `expand`). */
  private foundMarks = new Int32Array(1024);
  private expansions = 0;

  get size(): number {
    return this.slotOf.size;
  }

  has(id: string): boolean {
    return this.slotOf.has(id);
  }

  /** Adds a record, replacing any record with the same id. */
  add(record: PersonRecord): void {
    if (this.slotOf.has(record.id)) this.remove(record.id);
    const slot = this.slots++;
    this.ensureSlotCapacity(slot + 1);
    this.externalIds[slot] = record.id;
    this.slotOf.set(record.id, slot);
    this.tokenStart[slot] = this.tokenPool.length;
    const seen = new Set<number>();
    let count = 0;
    for (const name of record.names) {
      const ids = tokenise(name).map((raw) => this.intern(raw)).filter((id) => id >= 0);
      if (ids.length === 0) continue;
      if (count > 0) {
        this.tokenPool.push(NAME_SEPARATOR);
        count++;
      }
      for (const id of ids) {
        this.tokenPool.push(id);
        count++;
        if (seen.has(id)) continue;
        seen.add(id);
        this.postingsOf(id).push(slot);
        this.documentFrequency[id] = (this.documentFrequency[id] ?? 0) + 1;
      }
    }
    this.tokenCount[slot] = Math.min(count, 0xffff);
    this.dates[slot] = encodeDate(record.dateOfBirth ?? null);
    this.sexes[slot] = Math.max(0, SEX_CODES.indexOf(record.sex ?? null));
    const nats = normaliseNationalities(record.nationalities);
    this.natStart[slot] = this.natPool.length;
    this.natCount[slot] = Math.min(nats.length, 255);
    for (const n of nats.slice(0, 255)) this.natPool.push(encodeCountry(n));
  }

  /** Removes a record by id; returns whether it was there. */
  remove(id: string): boolean {
    const slot = this.slotOf.get(id);
    if (slot === undefined) return false;
    this.slotOf.delete(id);
    this.externalIds[slot] = undefined;
    this.decoded.delete(slot);
    for (const tokenId of new Set(this.slotTokens(slot))) {
      if (tokenId >= 0) this.documentFrequency[tokenId] = (this.documentFrequency[tokenId] ?? 1) - 1;
    }
    this.deadSlots++;
    if (this.deadSlots > 1024 && this.deadSlots > this.slotOf.size) this.compact();
    return true;
  }

  /** Finds the records most similar to the query, best first, each scored and explained. */
  search(query: PersonQuery, options: SearchOptions = {}): PersonMatch[] {
    const limit = options.limit ?? 10;
    const facts = toFacts(query);
    const queryTokens = [...new Set(facts.names.flatMap((n) => n.parts))];
    if (queryTokens.length === 0 || this.slotOf.size === 0) return [];
    const stats = this.statsNow();
    const cache = new Map<TokenInfo, Map<TokenInfo, PartSimilarity>>();
    // Nearly every call compares the same query part as the call before (one part against a record's parts).
    let lastA: TokenInfo | null = null;
    let lastRow = new Map<TokenInfo, PartSimilarity>();
    const compare: PartComparer = (a, b) => {
      let row = a === lastA ? lastRow : cache.get(a);
      if (!row) {
        row = new Map();
        cache.set(a, row);
      }
      lastA = a;
      lastRow = row;
      let hit = row.get(b);
      if (!hit) {
        hit = compareParts(a, b);
        row.set(b, hit);
      }
      return hit;
    };
    const shortlist = this.accumulate(queryTokens, facts.names, stats, compare, options.shortlist ?? SHORTLIST);
    const results: PersonMatch[] = [];
    const resultSlots: number[] = [];
    // A query of names alone scores a record by its names alone (no date, nationality or sex to weigh), so records
    // holding the same names in the same order get the same result: scored once per distinct name sequence. A common
    // name's many holders share a few such sequences.
    const namesOnly = facts.dateOfBirth === null && facts.nationalities.length === 0 && facts.sex !== 'F' && facts.sex !== 'M';
    const byNames = new Map<number, NameSequenceResult[]>();
    // Record names repeat across records (the same full name beside different aliases): each query name is scored
    // against each distinct record name once per search. Names are compared by their parts' text, which is what
    // `scoreNames` reads of them.
    const nameScores = new Map<AnalysedName, Map<string, NameScore>>();
    const scoreName: NameScorer = (qn, rn) => {
      let row = nameScores.get(qn);
      if (!row) {
        row = new Map();
        nameScores.set(qn, row);
      }
      let hit = row.get(rn.text);
      if (!hit) {
        hit = scoreNames(qn, rn, stats, compare);
        row.set(rn.text, hit);
      }
      return hit;
    };
    for (const slot of shortlist) {
      const id = this.externalIds[slot];
      if (id === undefined) continue;
      let result: ScoreResult | undefined;
      if (namesOnly) {
        const pool = this.tokenPool.data;
        const start = this.tokenStart[slot] as number;
        const count = this.tokenCount[slot] as number;
        const key = hashTokens(pool, start, count);
        let same = byNames.get(key);
        if (same) {
          for (let k = 0; k < same.length && !result; k++) {
            const other = same[k] as NameSequenceResult;
            if (other.count === count && sameTokens(pool, other.start, start, count)) result = other.result;
          }
        }
        if (!result) {
          result = scoreFacts(facts, this.factsOf(slot), stats, compare, scoreName);
          if (!same) byNames.set(key, (same = []));
          same.push({ start, count, result });
        }
      } else result = scoreFacts(facts, this.factsOf(slot), stats, compare, scoreName);
      if (result.score > 0) {
        results.push({ id, score: result.score, match: result.match, explanation: result.explanation });
        resultSlots.push(slot);
      }
    }
    return this.sortResults(results, resultSlots).slice(0, limit);
  }

  /**
   * Best score first, then by id. Scores are multiples of 1/10,000 (see `scoreFacts`), so each result packs into one
   * number (score, then slot) and a native numeric sort replaces a comparator that compared ids (a tenth to a sixth of the cost
   * of a search by a common name). Slots are in id order as the notice index loads them; where they are not (a record
   * re-added later), a check of the ties finds it and the comparator sorts instead.
   */
  private sortResults(results: PersonMatch[], slots: readonly number[]): PersonMatch[] {
    const n = results.length;
    const keys = new Float64Array(n);
    let packable = true;
    for (let i = 0; i < n && packable; i++) {
      const steps = Math.round((results[i] as PersonMatch).score * SCORE_STEPS);
      packable = steps / SCORE_STEPS === (results[i] as PersonMatch).score && steps >= 0 && steps <= SCORE_STEPS;
      keys[i] = (SCORE_STEPS - steps) * SLOT_RANGE + (slots[i] as number);
    }
    if (!packable) return results.sort(byScoreThenId);
    if (this.resultAt.length < this.slots) this.resultAt = new Int32Array(Math.max(this.slots, this.resultAt.length * 2));
    for (let i = 0; i < n; i++) this.resultAt[slots[i] as number] = i;
    keys.sort();
    const sorted = new Array<PersonMatch>(n);
    for (let i = 0; i < n; i++) sorted[i] = results[this.resultAt[(keys[i] as number) % SLOT_RANGE] as number] as PersonMatch;
    for (let i = 1; i < n; i++) {
      const a = sorted[i - 1] as PersonMatch;
      const b = sorted[i] as PersonMatch;
      if (a.score === b.score && !(a.id < b.id)) return results.sort(byScoreThenId);
    }
    return sorted;
  }

  private statsNow(): TokenStats {
    return frequencyStats((token) => {
      const id = this.vocabIds.get(token.raw);
      return id === undefined ? 0 : (this.documentFrequency[id] ?? 0);
    }, this.slotOf.size);
  }

  private intern(raw: string): number {
    const known = this.vocabIds.get(raw);
    if (known !== undefined) return known;
    const token = cachedToken(raw);
    if (token.text.length === 0) return -1;
    const id = this.vocab.length;
    this.vocab.push(token);
    this.vocabIds.set(raw, id);
    this.postings.push(new GrowableInt32(2));
    this.documentFrequency = grow(this.documentFrequency, id + 1, (n) => new Int32Array(n));
    for (const key of exactKeys(token)) this.addKey(key, id);
    for (const code of token.phonetic) this.addKey(`p${code}`, id);
    return id;
  }

  private addKey(key: string, id: number): void {
    const current = this.keyIndex.get(key);
    if (current === undefined) this.keyIndex.set(key, id);
    else if (typeof current === 'number') {
      if (current !== id) this.keyIndex.set(key, [current, id]);
    } else if (current[current.length - 1] !== id) current.push(id);
  }

  /** Appends the ids under `key` not found yet by this expansion (`mark`), in the order a Set would keep them. */
  private lookup(key: string, out: number[], mark: number, cap = Number.POSITIVE_INFINITY): void {
    const hit = this.keyIndex.get(key);
    if (hit === undefined) return;
    if (typeof hit === 'number') this.found(hit, out, mark);
    else for (let i = 0; i < hit.length && i < cap; i++) this.found(hit[i] as number, out, mark);
  }

  private found(id: number, out: number[], mark: number): void {
    if (this.foundMarks[id] === mark) return;
    this.foundMarks[id] = mark;
    out.push(id);
  }

  private postingsOf(id: number): GrowableInt32 {
    const list = this.postings[id];
    if (!list) throw new RangeError(`unknown token id ${id}`);
    return list;
  }

  private ensureSlotCapacity(size: number): void {
    this.tokenStart = grow(this.tokenStart, size, (n) => new Int32Array(n));
    this.tokenCount = grow(this.tokenCount, size, (n) => new Uint16Array(n));
    this.dates = grow(this.dates, size, (n) => new Int32Array(n));
    this.sexes = grow(this.sexes, size, (n) => new Uint8Array(n));
    this.natStart = grow(this.natStart, size, (n) => new Int32Array(n));
    this.natCount = grow(this.natCount, size, (n) => new Uint8Array(n));
  }

  private slotTokens(slot: number): Int32Array {
    const start = this.tokenStart[slot] ?? 0;
    return this.tokenPool.data.subarray(start, start + (this.tokenCount[slot] ?? 0));
  }

  /** Vocabulary tokens that may be the same name part as `token`, with their similarity. */
  private expand(token: TokenInfo, compare: PartComparer): Array<readonly [number, number]> {
    this.foundMarks = grow(this.foundMarks, this.vocab.length, (n) => new Int32Array(n));
    this.expansions = (this.expansions % 1_000_000_000) + 1;
    // Marks from before a wrap-around would look current: cleared once per thousand million expansions.
    if (this.expansions === 1) this.foundMarks.fill(0);
    const mark = this.expansions;
    const ids: number[] = [];
    const own = this.vocabIds.get(token.raw);
    if (own !== undefined) this.found(own, ids, mark);
    for (const key of exactKeys(token)) this.lookup(key, ids, mark);
    for (const code of token.phonetic) this.lookup(`p${code}`, ids, mark, PHONETIC_SCAN_LIMIT);
    const found: Array<readonly [number, number]> = [];
    for (const id of ids) {
      const other = this.vocab[id];
      if (!other) continue;
      const s = compare(token, other);
      if (s.score >= MIN_KEY_SIMILARITY) found.push([id, s.score]);
    }
    if (token.kind === 'name' && token.text.length >= 6 && !found.some(([, s]) => s >= 0.9)) found.push(...this.splitJoined(token));
    return found.sort((a, b) => b[1] - a[1]);
  }

  /** A part written as two ("RamiMakhlouf"): both halves, when the vocabulary knows them, count as found. */
  private splitJoined(token: TokenInfo): Array<readonly [number, number]> {
    const text = token.text;
    for (let i = 2; i <= text.length - 2; i++) {
      const left = this.vocabIds.get(text.slice(0, i));
      const right = this.vocabIds.get(text.slice(i));
      if (left !== undefined && right !== undefined) return [[left, 0.9], [right, 0.9]];
    }
    return [];
  }

  /**
   * Cheap pass: each query part adds its weight times the best similarity of any vocabulary token found for it to
   * every record holding that token (once per record and part). Returns the best-scoring slots.
   */
  private accumulate(tokens: readonly TokenInfo[], names: readonly AnalysedName[], stats: TokenStats, compare: PartComparer, shortlist: number): number[] {
    if (this.accumulator.length < this.slots) {
      this.accumulator = new Float32Array(Math.max(this.slots, this.accumulator.length * 2));
      this.marks = new Int32Array(this.accumulator.length);
    }
    const acc = this.accumulator;
    const marks = this.marks;
    const touched = this.touched;
    touched.length = 0;
    this.queryCounter = (this.queryCounter % 1_000_000) + 1;
    // Marks from before a wrap-around would look current: clear them once per million queries.
    if (this.queryCounter === 1) marks.fill(0);
    const base = this.queryCounter * 1024;
    // Two parts written as one ("van" "berg" for "Vanberg") count only when the index knows the joined reading; most
    // pairs of a free text are not names, so the full analysis waits for that.
    const joinedRaw = names.flatMap((n) => n.parts.slice(1).map((p, i) => `${n.parts[i]?.raw ?? ''}${p.raw}`));
    const all = [...tokens, ...joinedRaw.filter((raw) => this.keyIndex.has(`f${primaryText(raw)}`)).map((raw) => cachedToken(raw))];
    const plans = all.slice(0, MAX_QUERY_PARTS).map((token) => {
      const expansions = this.expand(token, compare).slice(0, MAX_EXPANSIONS);
      const postings = expansions.reduce((sum, [id]) => sum + (this.postings[id]?.length ?? 0), 0);
      return { expansions, postings, weight: stats.weight(token) };
    });
    // Rare parts first: they generate candidates; a common part only re-scores records already found, which costs a
    // scan of those few records instead of a walk over a posting list of tens of thousands.
    plans.sort((a, b) => a.postings - b.postings);
    plans.forEach((plan, qi) => {
      if (qi > 0 && plan.postings > COMMON_POSTINGS && touched.length >= shortlist) {
        this.rescoreTouched(touched, new Map(plan.expansions), plan.weight, acc);
        return;
      }
      const mark = base + qi + 1;
      for (const [id, similarity] of plan.expansions) {
        const list = this.postings[id];
        if (!list) continue;
        const gain = plan.weight * similarity;
        const data = list.data;
        for (let k = 0; k < list.length; k++) {
          const slot = data[k] as number;
          const previous = marks[slot] ?? 0;
          if (previous === mark) continue;
          if (previous < base) {
            acc[slot] = 0;
            touched.push(slot);
          }
          marks[slot] = mark;
          acc[slot] = (acc[slot] ?? 0) + gain;
        }
      }
    });
    const candidates: number[] = [];
    for (let k = 0; k < touched.length; k++) {
      const slot = touched.data[k] as number;
      if (this.externalIds[slot] !== undefined) candidates.push(slot);
    }
    if (candidates.length > shortlist) {
      candidates.sort((a, b) => (acc[b] ?? 0) - (acc[a] ?? 0));
      candidates.length = shortlist;
    }
    return candidates;
  }

  /** Adds a common query part's best similarity to each already-found record that holds one of its expansions. */
  private rescoreTouched(touched: GrowableInt32, expansions: ReadonlyMap<number, number>, weight: number, acc: Float32Array): void {
    for (let k = 0; k < touched.length; k++) {
      const slot = touched.data[k] as number;
      let best = 0;
      for (const id of this.slotTokens(slot)) best = Math.max(best, expansions.get(id) ?? 0);
      if (best > 0) acc[slot] = (acc[slot] ?? 0) + weight * best;
    }
  }

  private factsOf(slot: number): PersonFacts {
    const known = this.decoded.get(slot);
    if (known) return known;
    const facts = this.decodeFacts(slot);
    if (this.decoded.size >= MAX_DECODED) this.decoded.delete(this.decoded.keys().next().value!);
    this.decoded.set(slot, facts);
    return facts;
  }

  private decodeFacts(slot: number): PersonFacts {
    const names: AnalysedName[] = [];
    let parts: TokenInfo[] = [];
    const flush = (): void => {
      if (parts.length > 0) names.push({ text: parts.map((p) => p.raw).join(' '), parts });
      parts = [];
    };
    for (const id of this.slotTokens(slot)) {
      if (id === NAME_SEPARATOR) flush();
      else {
        const token = this.vocab[id];
        if (token) parts.push(token);
      }
    }
    flush();
    const natStart = this.natStart[slot] ?? 0;
    const nationalities = [...this.natPool.data.subarray(natStart, natStart + (this.natCount[slot] ?? 0))].map(decodeCountry);
    return { names, dateOfBirth: decodeDate(this.dates[slot] ?? 0), nationalities, sex: SEX_CODES[this.sexes[slot] ?? 0] ?? null };
  }

  /** Drops postings and pooled data of removed records by re-adding the live ones into fresh slots. */
  private compact(): void {
    const live = [...this.slotOf.entries()].map(([id, slot]) => ({ id, facts: this.factsOf(slot) }));
    this.postings = this.vocab.map(() => new GrowableInt32(2));
    this.documentFrequency = new Int32Array(Math.max(1024, this.vocab.length));
    this.slotOf.clear();
    this.decoded.clear();
    this.externalIds = [];
    this.tokenPool = new GrowableInt32(1 << 16);
    this.natPool = new GrowableInt32(1024);
    this.slots = 0;
    this.deadSlots = 0;
    for (const { id, facts } of live) {
      this.add({
        id,
        names: facts.names.map((n) => n.text),
        dateOfBirth: facts.dateOfBirth,
        nationalities: [...facts.nationalities],
        sex: facts.sex,
      });
    }
  }
}
