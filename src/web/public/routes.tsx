/** Routes of the public site, mounted once per language prefix. */
import { Hono } from 'hono';
import type { AppEnv } from '../context.ts';
import { renderPage } from '../render.tsx';
import { registerNoticeRoutes } from './notices.tsx';

export function publicRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.get('/', (c) => {
    const tr = c.get('tr');
    return renderPage(c, { title: tr.t('home.title') }, <h1>{c.get('deps').config.site.name}</h1>);
  });
  registerNoticeRoutes(app);
  return app;
}
