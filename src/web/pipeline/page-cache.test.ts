import { Hono, type Context } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore } from '../../../test/support/stores.ts';
import { readChangeVersion } from '../../services/site/read-change-version.ts';
import type { Store } from '../../storage/db.ts';
import { recordChange } from '../../storage/repositories/change-log.ts';
import type { AppEnv } from '../context.ts';
import { PageCache } from './page-cache.ts';

describe('page cache', () => {
  let store: Store;
  let renders = 0;
  let app: Hono<AppEnv>;
  let cache: PageCache;
  /** A page keyed as the pipeline keys it: on the value it reads, not on the raw query string. */
  const cached = (key: string, render: () => Response) => async (c: Context<AppEnv>) => {
    const hit = await cache.lookup(c, key);
    if (hit) return hit;
    const res = render();
    await cache.store(c, key, res);
    return res;
  };
  beforeAll(async () => {
    store = await freshStore('sqlite');
    cache = new PageCache(() => readChangeVersion(store.db), { maxEntries: 3 });
    app = new Hono<AppEnv>();
    app.get('/page', (c) =>
      cached(`page ${c.req.query('q') ?? ''}`, () => {
        renders++;
        return c.html(`<p>render ${renders} ${c.req.query('q') ?? ''}</p>`);
      })(c),
    );
    app.get('/json', (c) =>
      cached('json', () => {
        renders++;
        return c.json({ n: renders });
      })(c),
    );
    app.get('/missing', (c) => cached('missing', () => c.html('<p>nope</p>', 404))(c));
  });
  afterAll(async () => store.close());

  it('renders a page once until the change log moves', async () => {
    const first = await (await app.request('/page?q=a')).text();
    const second = await (await app.request('/page?q=a&other=1')).text();
    expect(second).toBe(first);
    await recordChange(store.db, 'notice', 'x');
    const third = await (await app.request('/page?q=a')).text();
    expect(third).not.toBe(first);
  });

  it('answers 304 to a matching ETag', async () => {
    const res = await app.request('/page?q=x');
    const etag = res.headers.get('etag');
    expect(etag).toBeTruthy();
    const again = await app.request('/page?q=x', { headers: { 'If-None-Match': etag! } });
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
