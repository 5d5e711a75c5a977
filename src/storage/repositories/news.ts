/** Reads and writes news items and events on either dialect. */
import type { Selectable, Transaction } from 'kysely';
import { newId, nowIso } from '../../core/ids.ts';
import { toCount, type Db } from '../db.ts';
import type { Database, NewsTable } from '../schema.ts';
import { recordChange } from './change-log.ts';
import type { NewsKind, NewsInput, NewsItem } from '../../core/news.ts';

type Executor = Db | Transaction<Database>;

export function toNewsItem(row: Selectable<NewsTable>): NewsItem {
  return {
    id: row.id,
    slug: row.slug,
    kind: row.kind,
    lang: row.lang,
    title: row.title,
    summary: row.summary,
    body: row.body,
    eventStart: row.event_start,
    eventEnd: row.event_end,
    eventPlace: row.event_place,
    isDemo: row.is_demo === 1,
    publishedAt: row.published_at,
    updatedAt: row.updated_at,
  };
}

export async function insertNews(trx: Transaction<Database>, input: NewsInput, now: string = nowIso()): Promise<NewsItem> {
  const row: Selectable<NewsTable> = {
    id: newId(),
    slug: input.slug,
    kind: input.kind,
    lang: input.lang,
    title: input.title,
    summary: input.summary,
    body: input.body,
    event_start: input.eventStart,
    event_end: input.eventEnd,
    event_place: input.eventPlace,
    is_demo: input.isDemo ? 1 : 0,
    published_at: input.publishedAt,
    updated_at: now,
  };
  await trx.insertInto('news').values(row).execute();
  await recordChange(trx, 'news', row.id);
  return toNewsItem(row);
}

export async function getNewsBySlug(db: Executor, slug: string): Promise<NewsItem | undefined> {
  const row = await db.selectFrom('news').selectAll().where('slug', '=', slug).executeTakeFirst();
  return row ? toNewsItem(row) : undefined;
}

/** Published items (publication time not after `now`), newest first. */
export async function listNews(
  db: Executor,
  opts: { now?: string; lang?: string; kind?: NewsKind; limit: number; offset?: number },
): Promise<NewsItem[]> {
  let query = db.selectFrom('news').selectAll().where('published_at', '<=', opts.now ?? nowIso());
  if (opts.lang) query = query.where('lang', '=', opts.lang);
  if (opts.kind) query = query.where('kind', '=', opts.kind);
  const rows = await query
    .orderBy('published_at', 'desc')
    .orderBy('id', 'desc')
    .limit(opts.limit)
    .offset(opts.offset ?? 0)
    .execute();
  return rows.map(toNewsItem);
}

export async function countNews(db: Executor): Promise<number> {
  const row = await db.selectFrom('news').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
  return toCount(row.n);
}
