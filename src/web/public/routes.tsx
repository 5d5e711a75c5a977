/** Routes of the public site, mounted once per language prefix. */
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { pageCache, type PageCache } from '../middleware/page-cache.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { registerNoticeRoutes } from './notices.tsx';
import { registerSitePages } from './site.tsx';

export function publicRoutes(cache: PageCache): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  // Rate limit first, then the page cache: a cached page still counts against the client's budget.
  app.use(rateLimit({ name: 'public-site', ratePerSecond: 20, burst: 100 }));
  app.use(pageCache(cache));
  registerSitePages(app);
  registerNoticeRoutes(app);
  return app;
}
