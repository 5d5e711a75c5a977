/** One published news item or event by its slug; scheduled and unpublished items read as absent. */
import type { NewsItem } from '../../core/news.ts';
import type { Db } from '../../storage/db.ts';
import { getPublishedNews } from '../../storage/repositories/news-read.ts';

export function getNewsItem(db: Db, slug: string, now: Date): Promise<NewsItem | undefined> {
  return getPublishedNews(db, slug, now.toISOString());
}
