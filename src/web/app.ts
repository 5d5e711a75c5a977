/** Builds the whole HTTP application: global middleware, then the public site, feeds, API and portal route groups. */
import { Hono, type Context } from 'hono';
import { getConnInfo } from '@hono/node-server/conninfo';
import { randomUUID } from 'node:crypto';
import { AppError } from '../core/errors.ts';
import { DEFAULT_LANG } from '../i18n/i18n.ts';
import { ping } from '../storage/db.ts';
import { interpolCompatRoutes } from './api/interpol-compat.ts';
import { apiRoutes } from './api/routes.ts';
import type { AppDeps, AppEnv } from './context.ts';
import { handleError, renderError } from './errors.tsx';
import { securityHeaders } from './middleware/security.ts';
import { noticeFeedRoutes } from './public/feeds-notices.ts';
import { siteFeedRoutes } from './public/feeds-site.ts';
import { publicRoutes } from './public/routes.tsx';
import { portalRoutes } from './portal/routes.tsx';
import { PageCache } from './middleware/page-cache.ts';
import { staticRoutes } from './static-files.ts';

/** Longest URL accepted; longer ones get 414 rather than costing work. */
const MAX_URL_LENGTH = 4096;

/** Splits `/fr/notices` into the language and the language-neutral path. */
function splitLanguage(path: string, known: (lang: string) => boolean): { lang: string; basePath: string } {
  const m = /^\/([a-z]{2,3})(\/.*)?$/.exec(path);
  if (m && m[1] !== DEFAULT_LANG && known(m[1]!)) return { lang: m[1]!, basePath: m[2] && m[2] !== '/' ? m[2] : '/' };
  return { lang: DEFAULT_LANG, basePath: path };
}

function clientIp(c: Context<AppEnv>, trustProxy: boolean): string {
  if (trustProxy) {
    const fwd = c.req.header('x-forwarded-for');
    const last = fwd?.split(',').pop()?.trim();
    if (last) return last;
  }
  try {
    return getConnInfo(c as unknown as Context).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export function createApp(deps: AppDeps): Hono<AppEnv> {
  const app = new Hono<AppEnv>();

  app.use(async (c, next) => {
    const { lang, basePath } = splitLanguage(c.req.path, (l) => deps.i18n.has(l));
    c.set('deps', deps);
    c.set('lang', lang);
    c.set('tr', deps.i18n.translator(lang));
    c.set('basePath', basePath);
    c.set('requestId', c.req.header('x-request-id')?.slice(0, 64) ?? randomUUID());
    c.set('clientIp', clientIp(c, deps.config.trustProxy));
    await next();
  });
  app.use(securityHeaders());
  app.use(async (c, next) => {
    if (c.req.url.length > MAX_URL_LENGTH) throw new AppError('uri_too_long', 'The address is too long.');
    // A NUL byte is never meaningful in an address, and PostgreSQL refuses it in text: answer 400 up front.
    if (/%00/i.test(c.req.url)) throw new AppError('bad_request', 'The address contains a null character.');
    await next();
  });
  app.onError(handleError);
  app.notFound((c) => renderError(c, new AppError('not_found', c.get('tr').t('error.not_found.message'))));

  app.get('/healthz', async (c) => {
    try {
      await ping(deps.store.db);
    } catch (err) {
      deps.logger.error({ err }, 'health check failed');
      return c.json({ status: 'unavailable' }, 503);
    }
    return c.json({ status: 'ok' });
  });
  app.route('/', staticRoutes());
  app.route('/', siteFeedRoutes());
  app.route('/', noticeFeedRoutes());
  app.route('/api', apiRoutes());
  app.route('/notices/v1', interpolCompatRoutes());

  // The portal comes before the public site so that `/fr/portal` is not taken for a public page.
  for (const prefix of ['', ...deps.i18n.languages.filter((l) => l !== DEFAULT_LANG).map((l) => `/${l}`)]) {
    app.route(`${prefix}/portal`, portalRoutes());
  }

  const site = publicRoutes(new PageCache(deps.store.db));
  app.route('/', site);
  for (const lang of deps.i18n.languages.filter((l) => l !== DEFAULT_LANG)) app.route(`/${lang}`, site);

  return app;
}
