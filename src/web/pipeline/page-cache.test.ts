import { createServer, type AddressInfo, type Server, type Socket } from 'node:net';
import { Hono, type Context } from 'hono';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { freshStore } from '../../../test/support/stores.ts';
import { readChangeVersion } from '../../services/site/read-change-version.ts';
import { isDatabaseUnavailable } from '../../core/db-errors.ts';
import { openStore, type Store } from '../../storage/db.ts';
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
    cache = new PageCache(() => readChangeVersion(store.db), { maxEntries: 3, admitAfter: 1 });
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

  it('keeps a page from its second request when admitting after two', async () => {
    const twice = new PageCache(() => readChangeVersion(store.db), { admitAfter: 2 });
    let drawn = 0;
    const a = new Hono<AppEnv>();
    a.get('/p', async (c) => {
      const hit = await twice.lookup(c, 'p');
      if (hit) return hit;
      drawn++;
      const res = c.html(`<p>${drawn}</p>`);
      await twice.store(c, 'p', res);
      return res;
    });
    const first = await a.request('/p');
    expect(first.headers.get('etag')).toBeNull();
    const second = await a.request('/p');
    expect(second.headers.get('etag')).toBeTruthy();
    expect(await (await a.request('/p')).text()).toBe('<p>2</p>');
    expect(drawn).toBe(2);
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

describe('page cache while the database is unavailable', () => {
  let up: Store;
  /** A PostgreSQL store on a loopback port nobody listens on: every query fails with ECONNREFUSED. */
  let refused: Store;
  /** A PostgreSQL store on a loopback server that accepts connections and never answers, as a frozen database does. */
  let frozen: Store;
  let silent: Server;
  const sockets = new Set<Socket>();
  let db: Store['db'];
  let renders = 0;
  let app: Hono<AppEnv>;
  /** Pages `/page/:name` through `cache`; a database error becomes the 503 (or 500) the app's error step gives. */
  const cachedApp = (cache: PageCache): Hono<AppEnv> => {
    const a = new Hono<AppEnv>();
    a.onError((err, c) => c.text(isDatabaseUnavailable(err) ? 'unavailable' : 'broken', isDatabaseUnavailable(err) ? 503 : 500));
    a.get('/page/:name', async (c) => {
      const key = c.req.param('name');
      const hit = await cache.lookup(c, key);
      if (hit) return hit;
      renders++;
      const res = c.html(`<p>${key} ${renders}</p>`);
      await cache.store(c, key, res);
      return res;
    });
    return a;
  };

  beforeAll(async () => {
    up = await freshStore('sqlite');
    const closed = createServer();
    await new Promise<void>((resolve) => closed.listen(0, '127.0.0.1', resolve));
    const closedPort = (closed.address() as AddressInfo).port;
    await new Promise<void>((resolve) => closed.close(() => resolve()));
    refused = openStore({ databaseUrl: `postgres://nobody:nothing@127.0.0.1:${closedPort}/none`, connectTimeoutMs: 2_000 });
    silent = createServer((socket) => {
      sockets.add(socket);
      socket.on('close', () => sockets.delete(socket));
    });
    await new Promise<void>((resolve) => silent.listen(0, '127.0.0.1', resolve));
    frozen = openStore({ databaseUrl: `postgres://nobody:nothing@127.0.0.1:${(silent.address() as AddressInfo).port}/none`, connectTimeoutMs: 2_000 });
    db = up.db;
    app = cachedApp(new PageCache(() => readChangeVersion(db), { maxStaleMs: 60_000, staleAfterMs: 300, admitAfter: 1 }));
  });
  afterAll(async () => {
    // Cut the silent server's connections first: the pool ends only once its pending connection attempt has failed.
    for (const s of sockets) s.destroy();
    await new Promise<void>((resolve) => silent.close(() => resolve()));
    await Promise.all([up.close(), refused.close(), frozen.close()]);
  });

  it('serves a kept page when the version cannot be read, and fails only pages it has not kept', async () => {
    db = up.db;
    const first = await app.request('/page/kept');
    expect(first.status).toBe(200);
    const body = await first.text();
    db = refused.db;
    const during = await app.request('/page/kept');
    expect(during.status).toBe(200);
    expect(await during.text()).toBe(body);
    const missing = await app.request('/page/never-seen');
    expect(missing.status).toBe(503);
    expect(await missing.text()).toBe('unavailable');
    db = up.db;
  });

  it('serves a kept page within staleAfterMs when the database accepts connections but never answers', async () => {
    db = up.db;
    const body = await (await app.request('/page/stall')).text();
    db = frozen.db;
    const started = Date.now();
    const during = await app.request('/page/stall');
    expect(during.status).toBe(200);
    expect(await during.text()).toBe(body);
    expect(Date.now() - started).toBeLessThan(1_500);
    db = up.db;
  });

  it('does not serve a kept page older than maxStaleMs', async () => {
    const strict = cachedApp(new PageCache(() => readChangeVersion(db), { maxStaleMs: 0, staleAfterMs: 300 }));
    db = up.db;
    expect((await strict.request('/page/old')).status).toBe(200);
    await new Promise((resolve) => setTimeout(resolve, 5));
    db = refused.db;
    expect((await strict.request('/page/old')).status).toBe(503);
    db = up.db;
  });
});
