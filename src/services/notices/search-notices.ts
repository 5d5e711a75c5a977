/**
 * Use case: search published notices with the public filters, names going through the matching index so that
 * spellings and scripts of one name find the same notice, returning one page, the total and why each result matched.
 *
 * How the parts combine:
 * - family name and/or forename: ranked by the matching index (best match first; `sort=name|oldest` re-sorts), then
 *   narrowed by the other filters in SQL (free text included). When the index finds no one, the literal prefix
 *   filter is used instead, so a partial name ("Shev") still finds something.
 * - free text alone: the union of the SQL text filter (words anywhere in names, places, charges) and the index's name
 *   matches for the same text. Literal text matches come first in the requested sort, then the name-only matches by
 *   score, so pagination stays exact over both parts.
 * - neither, or no index given: the SQL filters alone.
 */
import type { Notice, NoticeFilters } from '../../core/notices.ts';
import { explain } from '../../matching/index.ts';
import type { Db } from '../../storage/db.ts';
import { filterNoticeIds, getNoticesByIds, searchNotices as searchRepo, type NoticePage } from '../../storage/repositories/notices.ts';
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

/** Name candidates taken from the index before the SQL filters narrow them. */
const NAME_CANDIDATES = 1000;

type SqlFilters = Omit<NoticeFilters, 'sort' | 'page' | 'perPage'>;

export function toNoticeMatch(hit: NoticeIndexHit): NoticeMatch {
  return { score: hit.score, match: hit.match, explanation: hit.explanation, text: explainAll(hit.explanation) };
}

function explainAll(explanation: NoticeIndexHit['explanation']): string {
  return explanation.map((item) => explain(item)).join(' ');
}

function matchesFor(notices: Notice[], hits: NoticeIndexHit[]): Map<string, NoticeMatch> {
  const byId = new Map(hits.map((h) => [h.id, h]));
  const out = new Map<string, NoticeMatch>();
  for (const n of notices) {
    const hit = byId.get(n.id);
    if (hit) out.set(n.id, toNoticeMatch(hit));
  }
  return out;
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
async function nameMatches(index: NoticeIndex, name: string): Promise<NoticeIndexHit[]> {
  return (await index.search({ names: [name] }, NAME_CANDIDATES)).filter(answersNameSearch);
}

const withoutNames = (f: NoticeFilters): SqlFilters => {
  const { sort: _s, page: _p, perPage: _pp, familyName: _f, forename: _g, ...rest } = f;
  return rest;
};

async function byName(db: Db, filters: NoticeFilters, name: string, today: Date, index: NoticeIndex): Promise<NoticeSearchResult | null> {
  const hits = await nameMatches(index, name);
  const sqlFilters = withoutNames(filters);
  const allowed = await filterNoticeIds(db, sqlFilters, hits.map((h) => h.id), today);
  const ranked = hits.filter((h) => allowed.has(h.id));
  if (ranked.length === 0) return null;
  if (filters.sort === 'name' || filters.sort === 'oldest') {
    const page = await searchRepo(db, { ...sqlFilters, sort: filters.sort, page: filters.page, perPage: filters.perPage }, { today, ids: ranked.map((h) => h.id) });
    return { ...page, matches: matchesFor(page.notices, ranked) };
  }
  const start = (filters.page - 1) * filters.perPage;
  const notices = await getNoticesByIds(db, ranked.slice(start, start + filters.perPage).map((h) => h.id));
  return { total: ranked.length, notices, matches: matchesFor(notices, ranked) };
}

async function byFreeText(db: Db, filters: NoticeFilters, text: string, today: Date, index: NoticeIndex): Promise<NoticeSearchResult> {
  const hits = await nameMatches(index, text);
  const ids = hits.map((h) => h.id);
  const { freeText: _t, ...others } = withoutNames(filters);
  const [allowed, literal] = await Promise.all([filterNoticeIds(db, others, ids, today), filterNoticeIds(db, { ...others, freeText: text }, ids, today)]);
  const nameOnly = hits.filter((h) => allowed.has(h.id) && !literal.has(h.id));
  const start = (filters.page - 1) * filters.perPage;
  const textPage = await searchRepo(db, filters, { today });
  const notices =
    start < textPage.total
      ? [...textPage.notices, ...(await getNoticesByIds(db, nameOnly.slice(0, filters.perPage - textPage.notices.length).map((h) => h.id)))]
      : await getNoticesByIds(db, nameOnly.slice(start - textPage.total, start - textPage.total + filters.perPage).map((h) => h.id));
  return { total: textPage.total + nameOnly.length, notices, matches: matchesFor(notices, hits) };
}

/**
 * Searches published notices. Without `index` (or without a name or free text) this is the SQL filter alone; pass
 * the app's notice index to match names across spellings and get match explanations.
 */
export async function searchNotices(db: Db, filters: NoticeFilters, today: Date = new Date(), index?: NoticeIndex): Promise<NoticeSearchResult> {
  const name = [filters.forename, filters.familyName].map((s) => s?.trim() ?? '').filter(Boolean).join(' ');
  const text = filters.freeText?.trim() ?? '';
  if (index && name) {
    const found = await byName(db, filters, name, today, index);
    if (found) return found;
  } else if (index && text) {
    return byFreeText(db, filters, text, today, index);
  }
  return { ...(await searchRepo(db, filters, { today })), matches: new Map() };
}
