/**
 * Use case: search published notices with the public filters, names going through the matching index so that
 * spellings and scripts of one name find the same notice, returning one page, the total and why each result matched.
 *
 * With the app's notice index, every filter, total and order is computed in memory from its catalogue, and only the
 * page's notices are read from the database (by id). How the parts combine:
 * - family name and/or forename: ranked by the matching index (best match first; `sort=name|oldest` re-sorts), then
 *   narrowed by the other filters (free text included). When the index finds no one, the literal prefix filter is
 *   used instead, so a partial name ("Shev") still finds something.
 * - free text alone: the union of the literal text filter (words anywhere in names, places, charges) and the index's
 *   name matches for the same text. Literal text matches come first in the requested sort, then the name-only matches
 *   by score, so pagination stays exact over both parts.
 * - neither: the filters alone, in the requested sort.
 * Without an index (operators' tools) the same filters run in SQL, with the same results (test/search-equivalence).
 */
import type { NoticeFilters } from '../../core/notices.ts';
import { explain } from '../../matching/index.ts';
import type { Db } from '../../storage/db.ts';
import { foldText } from '../../core/text.ts';
import { getNoticesByIds, searchNotices as searchRepo, type NoticePage } from '../../storage/repositories/notices.ts';
import { compareFor, type CatalogFilters } from './notice-catalog.ts';
import type { NoticeIndex, NoticeIndexHit } from './notice-index.ts';

/** Why a notice matched a name: the engine's score and verdict, its reasons, and the reasons as English text. */
export type NoticeMatch = {
  score: number;
  match: NoticeIndexHit['match'];
  explanation: NoticeIndexHit['explanation'];
  text: string;
};

export type NoticeSearchResult = NoticePage & {
  /** Match details by notice id, for the results that matched by name. */
  matches: ReadonlyMap<string, NoticeMatch>;
};

/** Name candidates taken from the index before the other filters narrow them. */
const NAME_CANDIDATES = 1000;

export function toNoticeMatch(hit: NoticeIndexHit): NoticeMatch {
  return { score: hit.score, match: hit.match, explanation: hit.explanation, text: explainAll(hit.explanation) };
}

function explainAll(explanation: NoticeIndexHit['explanation']): string {
  return explanation.map((item) => explain(item)).join(' ');
}

/**
 * Whether a candidate answers a name search. The engine never calls one shared part a match on its own (screening
 * needs more), but a search by family name or forename alone asks exactly that: it counts when every searched part
 * found its counterpart and nothing clashes.
 */
export function answersNameSearch(hit: NoticeIndexHit): boolean {
  if (hit.match) return true;
  const items = hit.explanation;
  return (
    items.some((e) => e.kind === 'single-part-only') &&
    !items.some(
      (e) =>
        (e.kind === 'part-unmatched' && e.side === 'query') ||
        e.kind === 'part-gender-form' ||
        e.kind === 'part-different-name' ||
        e.kind === 'parts-conflict',
    )
  );
}

/** Candidates that answer the name; weaker ones are for screening (`matchPerson`), not for a public search. */
function nameMatches(index: NoticeIndex, name: string): NoticeIndexHit[] {
  return index.rank({ names: [name] }, NAME_CANDIDATES, NAME_CANDIDATES).filter(answersNameSearch);
}

const withoutNames = (f: NoticeFilters): CatalogFilters => {
  const { sort: _s, page: _p, perPage: _pp, familyName: _f, forename: _g, ...rest } = f;
  return rest;
};

/** What a search found, before the notices are read: the exact total, the page's ids in order, the name hits. */
export type FoundNotices = { total: number; ids: string[]; hits: NoticeIndexHit[] };

function byName(filters: NoticeFilters, name: string, today: Date, index: NoticeIndex): FoundNotices | null {
  const selected = index.catalog.select(withoutNames(filters), today);
  const ranked = nameMatches(index, name).filter((h) => selected.has(h.id));
  if (ranked.length === 0) return null;
  let ordered = ranked.map((h) => h.id);
  if (filters.sort === 'name' || filters.sort === 'oldest') {
    const compare = compareFor(filters.sort);
    ordered = ranked
      .map((h) => index.catalog.get(h.id)!)
      .sort(compare)
      .map((e) => e.id);
  }
  const start = (filters.page - 1) * filters.perPage;
  return { total: ranked.length, ids: ordered.slice(start, start + filters.perPage), hits: ranked };
}

function byFreeText(filters: NoticeFilters, text: string, today: Date, index: NoticeIndex): FoundNotices {
  const { freeText: _t, ...others } = withoutNames(filters);
  const literal = index.catalog.select({ ...others, freeText: text }, today);
  const narrowed = index.catalog.select(others, today);
  const hits = nameMatches(index, text);
  const nameOnly = hits.filter((h) => narrowed.has(h.id) && !literal.has(h.id));
  const start = (filters.page - 1) * filters.perPage;
  const literalIds = literal.window(filters.sort, start, filters.perPage);
  const fromNames = Math.max(0, start - literal.total);
  const ids = [...literalIds, ...nameOnly.slice(fromNames, fromNames + filters.perPage - literalIds.length).map((h) => h.id)];
  return { total: literal.total + nameOnly.length, ids, hits };
}

function byFilters(filters: NoticeFilters, today: Date, index: NoticeIndex): FoundNotices {
  const selected = index.catalog.select(filters, today);
  return { total: selected.total, ids: selected.window(filters.sort, (filters.page - 1) * filters.perPage, filters.perPage), hits: [] };
}

/**
 * The search itself, from the index's memory after catching up with the change log (to `changeHead` when the caller
 * has just read it): which notices, in which order, and how they matched by name; the callers read the page's
 * notices in the form they show.
 */
export async function findNotices(filters: NoticeFilters, today: Date, index: NoticeIndex, changeHead?: number): Promise<FoundNotices> {
  await index.sync(changeHead);
  const name = [filters.forename, filters.familyName].map((s) => s?.trim() ?? '').filter(Boolean).join(' ');
  const text = filters.freeText?.trim() ?? '';
  if (name && foldText(name) !== '') {
    const found = byName(filters, name, today, index);
    if (found) return found;
  } else if (!name && text && foldText(text) !== '') {
    return byFreeText(filters, text, today, index);
  }
  return byFilters(filters, today, index);
}

/** The name hits of the page's notices, by notice id (a name search has up to a thousand hits; a page shows 20). */
export function pageHits(ids: readonly string[], hits: readonly NoticeIndexHit[]): Map<string, NoticeIndexHit> {
  const onPage = new Set(ids);
  const out = new Map<string, NoticeIndexHit>();
  for (const hit of hits) if (onPage.has(hit.id)) out.set(hit.id, hit);
  return out;
}

/** Match details by notice id, for the page's notices that matched by name. */
function matchesOf(ids: readonly string[], hits: readonly NoticeIndexHit[]): Map<string, NoticeMatch> {
  const byId = pageHits(ids, hits);
  const out = new Map<string, NoticeMatch>();
  for (const id of ids) {
    const hit = byId.get(id);
    if (hit) out.set(id, toNoticeMatch(hit));
  }
  return out;
}

/**
 * Searches published notices and reads the page's notices in full (the JSON API, feeds). With `index`, everything but
 * the page's notices comes from memory, and names match across spellings with explanations; without it, the filters
 * run in SQL.
 */
export async function searchNotices(db: Db, filters: NoticeFilters, today: Date = new Date(), index?: NoticeIndex): Promise<NoticeSearchResult> {
  if (!index) return { ...(await searchRepo(db, filters, { today })), matches: new Map() };
  const found = await findNotices(filters, today, index);
  const notices = await getNoticesByIds(db, found.ids);
  return { total: found.total, notices, matches: matchesOf(notices.map((n) => n.id), found.hits) };
}
