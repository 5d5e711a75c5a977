/** Use case: search published notices with the public filters, returning one page and the total. */
import type { NoticeFilters } from '../core/notices.ts';
import type { Db } from '../storage/db.ts';
import { searchNotices as searchRepo, type NoticePage } from '../storage/repositories/notices.ts';

export type NoticeSearchResult = NoticePage;

export async function searchNotices(db: Db, filters: NoticeFilters, today: Date = new Date()): Promise<NoticeSearchResult> {
  return searchRepo(db, filters, { today });
}
