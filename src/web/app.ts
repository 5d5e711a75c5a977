/**
 * Builds the whole HTTP application: the pipeline's global steps (request context, security headers, URL checks,
 * canonical URLs), then every route through the route kinds of src/web/pipeline, area by area.
 */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { getConnInfo } from '@hono/node-server/conninfo';
import { randomUUID } from 'node:crypto';
import { AppError } from '../core/errors.ts';
import { DEFAULT_LANG } from '../i18n/i18n.ts';
import { readChangeVersion } from '../services/site/read-change-version.ts';
import { registerApiRoutes } from './api/routes.ts';
import { registerCompatRoutes } from './api/notices-protocol.ts';
import type { AppDeps, AppEnv } from './context.ts';
import { handleError, renderError, renderNotFound, UNAVAILABLE_RETRY_AFTER_S } from './errors.tsx';
import { securityHeaders } from './middleware/security.ts';
import { isUploadPath, MAX_BODY_BYTES, MAX_UPLOAD_BODY_BYTES } from './pipeline/body.ts';
import { MAX_UPLOAD_BYTES } from '../render/portrait.ts';
import { createLimiters } from './pipeline/limiters.ts';
import { PageCache } from './pipeline/page-cache.ts';
import { Routes } from './pipeline/routes.ts';
import { registerPortalRoutes } from './portal/routes.tsx';
import { registerPublicRoutes } from './public/routes.tsx';
import { registerStaticRoutes } from './static-files.ts';

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
  const limiters = createLimiters(deps.db);
  const routes = new Routes(app, limiters, deps.i18n.languages, new PageCache(() => readChangeVersion(deps.db)));

  routes.global(async (c, next) => {
    const { lang, basePath } = splitLanguage(c.req.path, (l) => deps.i18n.has(l));
    c.set('deps', deps);
    c.set('lang', lang);
    c.set('tr', deps.i18n.translator(lang));
    c.set('basePath', basePath);
    c.set('requestId', c.req.header('x-request-id')?.slice(0, 64) ?? randomUUID());
    c.set('clientIp', clientIp(c, deps.config.trustProxy));
    c.set('route', undefined);
    await next();
  });
  routes.global(securityHeaders());
  // A request still unanswered after REQUEST_TIMEOUT_MS (a stalled database, a stuck step) gets a 503 with Retry-After.
  // The handler cannot be stopped and runs on; whatever it answers or throws later is dropped, never written.
  routes.global(async (c, next) => {
    let timer: NodeJS.Timeout | undefined;
    const work = next().then(() => 'answered' as const);
    const late = new Promise<'late'>((resolve) => (timer = setTimeout(() => resolve('late'), deps.config.requestTimeoutMs)));
    const first = await Promise.race([work, late]).finally(() => clearTimeout(timer));
    if (first === 'answered') return;
    work.catch((err: unknown) => deps.logger.warn({ err, path: c.req.path, requestId: c.get('requestId') }, 'request failed after its timeout'));
    deps.logger.warn({ path: c.req.path, requestId: c.get('requestId'), timeoutMs: deps.config.requestTimeoutMs }, 'request timed out');
    c.header('Retry-After', String(UNAVAILABLE_RETRY_AFTER_S));
    return renderError(c, new AppError('unavailable', 'error.detail.request_timeout'));
  });
  routes.global(async (c, next) => {
    if (c.req.url.length > MAX_URL_LENGTH) throw new AppError('uri_too_long');
    // A NUL byte is never meaningful in an address, and PostgreSQL refuses it in text: answer 400 up front.
    if (/%00/i.test(c.req.url)) throw new AppError('bad_request', 'error.detail.null_character');
    // One URL per page: `/notices/` and `/fr/` redirect to `/notices` and `/fr`, keeping the query.
    const path = c.req.path;
    if (path.length > 1 && path.endsWith('/') && (c.req.method === 'GET' || c.req.method === 'HEAD')) {
      const url = new URL(c.req.url);
      return c.redirect(`${path.replace(/\/+$/, '') || '/'}${url.search}`, 301);
    }
    await next();
  });
  // Forms and JSON calls are small; the cap is checked before any step reads a body (the CSRF check reads forms).
  // Photo uploads alone may carry an image, and the use case checks the image's own bounds.
  const smallBodies = bodyLimit({
    maxSize: MAX_BODY_BYTES,
    onError: () => {
      throw new AppError('payload_too_large', 'error.detail.body_too_large', { kb: MAX_BODY_BYTES / 1024 });
    },
  });
  const uploads = bodyLimit({
    maxSize: MAX_UPLOAD_BODY_BYTES,
    onError: () => {
      throw new AppError('payload_too_large', 'error.detail.image_too_many_bytes', { mb: MAX_UPLOAD_BYTES / 1024 / 1024 });
    },
  });
  routes.global((c, next) => (isUploadPath(c.req.path) ? uploads(c, next) : smallBodies(c, next)));
  app.onError(handleError);
  app.notFound((c) => renderNotFound(c, limiters));

  registerStaticRoutes(routes);
  registerApiRoutes(routes);
  registerCompatRoutes(routes);
  // The portal comes before the public site so that `/fr/portal` is not taken for a public page.
  registerPortalRoutes(routes);
  registerPublicRoutes(routes);
  return app;
}
