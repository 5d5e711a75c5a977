import { Hono } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore } from '../../../test/support/stores.ts';
import type { Store } from '../../storage/db.ts';
import { recordChange } from '../../storage/repositories/change-log.ts';
import type { AppEnv } from '../context.ts';
import { PageCache, pageCache } from './page-cache.ts';

describe('page cache', () => {
  let store: Store;
  let renders = 0;
  let app: Hono<AppEnv>;
  let cache: PageCache;
  beforeAll(async () => {
    store = await freshStore('sqlite');
    cache = new PageCache(store.db, { maxEntries: 3 });
    app = new Hono<AppEnv>();
    app.use(pageCache(cache));
    app.get('/page', (c) => {
      renders++;
      return c.html(`<p>render ${renders} ${c.req.query('q') ?? ''}</p>`);
    });
    app.get('/json', (c) => {
      renders++;
      return c.json({ n: renders });
    });
    app.get('/missing', (c) => c.html('<p>nope</p>', 404));
  });
  afterAll(async () => store.close());

  it('renders a page once until the change log moves', async () => {
    const first = await (await app.request('/page?b=2&a=1')).text();
    const second = await (await app.request('/page?a=1&b=2')).text();
    expect(second).toBe(first);
    await recordChange(store.db, 'notice', 'x');
    const third = await (await app.request('/page?a=1&b=2')).text();
    expect(third).not.toBe(first);
  });

  it('answers 304 to a matching ETag', async () => {
    const res = await app.request('/page?x=1');
    const etag = res.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await app.request('/page?x=1', { headers: { 'If-None-Match': etag! } });
    expect(again.status).toBe(304);
  });

  it('keeps only successful HTML pages, and at most maxEntries', async () => {
    const before = renders;
    await app.request('/json');
    await app.request('/json');
    expect(renders).toBe(before + 2);
    await app.request('/missing');
    for (const q of ['1', '2', '3', '4', '5']) await app.request(`/page?q=${q}`);
    expect(cache.size).toBeLessThanOrEqual(3);
  });
});
