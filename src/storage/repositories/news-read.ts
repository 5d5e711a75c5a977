/** Reads published news items and events for the public site: pages of the list, one item by slug, and the sitemap. */
import type { Transaction } from 'kysely';
import { nowIso } from '../../core/ids.ts';
import { toCount, type Db } from '../db.ts';
import type { Database } from '../schema.ts';
import { toNewsItem } from './news.ts';
import type { NewsItem } from '../../core/news.ts';

type Executor = Db | Transaction<Database>;

/** One page of the items published by `now`, newest first; ties broken by id so pages never overlap. */
export async function listPublishedNews(db: Executor, opts: { limit: number; offset?: number; now?: string }): Promise<NewsItem[]> {
  const rows = await db
    .selectFrom('news')
    .selectAll()
    .where('published_at', '<=', opts.now ?? nowIso())
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit)
    .offset(opts.offset ?? 0)
    .execute();
  return rows.map(toNewsItem);
}

export async function countPublishedNews(db: Executor, now: string = nowIso()): Promise<number> {
  const row = await db
    .selectFrom('news')
    .select((eb) => eb.fn.countAll().as('n'))
    .where('published_at', '<=', now)
    .executeTakeFirstOrThrow();
  return toCount(row.n);
}

/** The item at this slug if it is published by `now`: a scheduled item stays invisible until its time. */
export async function getPublishedNews(db: Executor, slug: string, now: string = nowIso()): Promise<NewsItem | undefined> {
  const row = await db
    .selectFrom('news')
    .selectAll()
    .where('slug', '=', slug)
    .where('published_at', '<=', now)
    .executeTakeFirst();
  return row ? toNewsItem(row) : undefined;
}

/** Slug and last change of every published item, newest first, for the sitemap. */
export async function listPublishedNewsStamps(db: Executor, now: string = nowIso()): Promise<{ slug: string; updatedAt: string }[]> {
  const rows = await db
    .selectFrom('news')
    .select(['slug', 'updated_at', 'published_at'])
    .where('published_at', '<=', now)
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .execute();
  return rows.map((r) => ({ slug: r.slug, updatedAt: r.updated_at > r.published_at ? r.updated_at : r.published_at }));
}
