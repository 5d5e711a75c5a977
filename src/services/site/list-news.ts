/** One page of the published news and events, newest first, with the total for pagination. */
import type { NewsItem } from '../../core/news.ts';
import type { Db } from '../../storage/db.ts';
import { countPublishedNews, listPublishedNews } from '../../storage/repositories/news-read.ts';

export type NewsPage = { items: NewsItem[]; total: number };

export async function listNews(db: Db, opts: { limit: number; offset?: number; now: Date; withTotal?: boolean }): Promise<NewsPage> {
  const now = opts.now.toISOString();
  const [items, total] = await Promise.all([
    listPublishedNews(db, { limit: opts.limit, offset: opts.offset ?? 0, now }),
    opts.withTotal === false ? Promise.resolve(-1) : countPublishedNews(db, now),
  ]);
  return { items, total };
}
