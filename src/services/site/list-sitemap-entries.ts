/** What the sitemap lists besides the fixed pages: every published notice and news item with its last change. */
import type { Db } from '../../storage/db.ts';
import { listPublishedNewsStamps } from '../../storage/repositories/news-read.ts';
import { listPublishedNoticeStamps } from '../../storage/repositories/sitemap-read.ts';

export type SitemapEntries = { notices: { reference: string; updatedAt: string }[]; news: { slug: string; updatedAt: string }[] };

export async function listSitemapEntries(db: Db, maxNotices: number, now: Date): Promise<SitemapEntries> {
  const [notices, news] = await Promise.all([listPublishedNoticeStamps(db, maxNotices), listPublishedNewsStamps(db, now.toISOString())]);
  return { notices, news };
}
