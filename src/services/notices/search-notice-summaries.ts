/**
 * Use case: search published notices as result lists show them (the public results page, the protocol's lists): the
 * same search as `searchNotices`, with the page's summaries taken from the in-memory catalogue, so a results page
 * costs no database read.
 */
import { summariseNotice, type NoticeFilters, type NoticeSummary } from '../../core/notices.ts';
import type { Db } from '../../storage/db.ts';
import type { NoticeIndex } from './notice-index.ts';
import { findNotices, pageHits, searchNotices, type NoticeMatch } from './search-notices.ts';

export type NoticeSummaryPage = {
  total: number;
  notices: NoticeSummary[];
  /** How the results that matched by name matched, by notice id (lists show the reasons, not the English text). */
  matches: ReadonlyMap<string, Pick<NoticeMatch, 'score' | 'match' | 'explanation'>>;
  /** The nationalities published notices hold, for the search form's choice; null when not known (the SQL path). */
  nationalities: readonly string[] | null;
};

/**
 * Without `index` (operators' tools, tests of the SQL path) the search runs in SQL and the summaries come from it.
 * `changeHead`: the change log's newest number if the caller read it during this request (see `NoticeIndex.sync`).
 */
export async function searchNoticeSummaries(
  db: Db,
  filters: NoticeFilters,
  today: Date = new Date(),
  index?: NoticeIndex,
  changeHead?: number,
): Promise<NoticeSummaryPage> {
  if (!index) {
    const page = await searchNotices(db, filters, today);
    return { total: page.total, notices: page.notices.map(summariseNotice), matches: page.matches, nationalities: null };
  }
  const found = await findNotices(filters, today, index, changeHead);
  const notices = index.catalog.summaries(found.ids);
  return { total: found.total, notices, matches: pageHits(notices.map((n) => n.id), found.hits), nationalities: index.catalog.nationalities() };
}
