import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, freshStore } from '../../../test/support/stores.ts';
import type { Store } from '../db.ts';
import { countNews, getNewsBySlug, insertNews, listNews } from './news.ts';
import type { NewsInput } from '../../core/news.ts';

const item = (slug: string, publishedAt: string, over: Partial<NewsInput> = {}): NewsInput => ({
  slug, kind: 'news', lang: 'en', title: `Demo: ${slug}`, summary: 'Summary.', body: 'One.\n\nTwo.', eventStart: null,
  eventEnd: null, eventPlace: null, isDemo: true, publishedAt, ...over,
});

describe.each(dialects)('news repository on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(dialect);
    await store.db.transaction().execute(async (trx) => {
      await insertNews(trx, item('old', '2026-01-01T00:00:00.000Z'));
      await insertNews(trx, item('new', '2026-03-01T00:00:00.000Z'));
      await insertNews(trx, item('fete', '2026-02-01T00:00:00.000Z', { lang: 'fr', kind: 'event', eventStart: '2026-05-01T09:00:00.000Z', eventEnd: '2026-05-01T17:00:00.000Z', eventPlace: 'Salle (fictive)' }));
      await insertNews(trx, item('future', '2027-01-01T00:00:00.000Z'));
    });
  });
  afterAll(async () => store.close());

  it('round-trips an item by slug', async () => {
    const got = await getNewsBySlug(store.db, 'fete');
    expect(got).toMatchObject({ kind: 'event', lang: 'fr', eventPlace: 'Salle (fictive)', isDemo: true, body: 'One.\n\nTwo.' });
    expect(await getNewsBySlug(store.db, 'nope')).toBeUndefined();
    expect(await countNews(store.db)).toBe(4);
  });

  it('lists published items newest first, filtered by language and kind', async () => {
    const now = '2026-06-01T00:00:00.000Z';
    expect((await listNews(store.db, { now, limit: 10 })).map((n) => n.slug)).toEqual(['new', 'fete', 'old']);
    expect((await listNews(store.db, { now, lang: 'en', limit: 10 })).map((n) => n.slug)).toEqual(['new', 'old']);
    expect((await listNews(store.db, { now, kind: 'event', limit: 10 })).map((n) => n.slug)).toEqual(['fete']);
    expect((await listNews(store.db, { now, limit: 1, offset: 1 })).map((n) => n.slug)).toEqual(['fete']);
  });

  it('refuses a duplicate slug', async () => {
    await expect(store.db.transaction().execute((trx) => insertNews(trx, item('old', '2026-01-02T00:00:00.000Z')))).rejects.toThrow();
  });
});
