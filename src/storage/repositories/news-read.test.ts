import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, freshStore } from '../../../test/support/stores.ts';
import type { Store } from '../db.ts';
import { insertNews } from './news.ts';
import type { NewsInput } from '../../core/news.ts';
import { countPublishedNews, getPublishedNews, listPublishedNews, listPublishedNewsStamps } from './news-read.ts';

const item = (slug: string, publishedAt: string): NewsInput => ({
  slug, kind: 'news', lang: 'en', title: slug, summary: 'Summary.', body: 'Body.', eventStart: null, eventEnd: null,
  eventPlace: null, isDemo: false, publishedAt,
});
const NOW = '2026-06-01T00:00:00.000Z';

describe.each(dialects)('news reading on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(dialect);
    await store.db.transaction().execute(async (trx) => {
      await insertNews(trx, item('a', '2026-01-01T00:00:00.000Z'), '2026-01-01T00:00:00.000Z');
      await insertNews(trx, item('b', '2026-02-01T00:00:00.000Z'), '2026-03-05T00:00:00.000Z');
      await insertNews(trx, item('c', '2026-03-01T00:00:00.000Z'), '2026-03-01T00:00:00.000Z');
      await insertNews(trx, item('later', '2026-12-01T00:00:00.000Z'));
    });
  });
  afterAll(async () => store.close());

  it('pages through published items newest first', async () => {
    expect((await listPublishedNews(store.db, { limit: 2, now: NOW })).map((n) => n.slug)).toEqual(['c', 'b']);
    expect((await listPublishedNews(store.db, { limit: 2, offset: 2, now: NOW })).map((n) => n.slug)).toEqual(['a']);
    expect(await countPublishedNews(store.db, NOW)).toBe(3);
  });

  it('hides items scheduled after now', async () => {
    expect(await getPublishedNews(store.db, 'later', NOW)).toBeUndefined();
    expect(await getPublishedNews(store.db, 'later', '2027-01-01T00:00:00.000Z')).toMatchObject({ slug: 'later' });
    expect(await getPublishedNews(store.db, 'b', NOW)).toMatchObject({ slug: 'b', body: 'Body.' });
    expect(await getPublishedNews(store.db, 'nope', NOW)).toBeUndefined();
  });

  it('stamps each published item with its last change for the sitemap', async () => {
    expect(await listPublishedNewsStamps(store.db, NOW)).toEqual([
      { slug: 'c', updatedAt: '2026-03-01T00:00:00.000Z' },
      { slug: 'b', updatedAt: '2026-03-05T00:00:00.000Z' },
      { slug: 'a', updatedAt: '2026-01-01T00:00:00.000Z' },
    ]);
  });
});
