/** The law-enforcement portal: one middleware chain (rate limit, origin check, session, CSRF token), then its pages. */
import { Hono, type Context } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { AppError } from '../../core/errors.ts';
import { can } from '../../core/permissions.ts';
import type { AppEnv } from '../context.ts';
import { ErrorSection, handleError } from '../errors.tsx';
import { rateLimit } from '../middleware/rate-limit.ts';
import { registerAccountPages } from './account.tsx';
import { registerAdminPages } from './admin.tsx';
import { registerApiKeyPages } from './api-keys.tsx';
import { registerAuditPages } from './audit.tsx';
import { authenticateSession, requireSignedIn } from './auth-middleware.ts';
import { csrfTokens, sameOrigin } from './csrf.tsx';
import { registerEnrolPages } from './enrol.tsx';
import { registerInvitePages } from './invite.tsx';
import { registerMfaPages } from './mfa.tsx';
import { portalPath } from './paths.ts';
import { renderPortal } from './render.tsx';
import { registerSignInPages } from './sign-in.tsx';

const wantsJson = (c: Context<AppEnv>): boolean =>
  (c.req.header('accept') ?? '').includes('application/json') || (c.req.header('content-type') ?? '').startsWith('application/json');

/** Errors inside the portal keep the portal's layout and `no-store`; a lapsed session leads back to sign-in. */
async function portalError(err: Error, c: Context<AppEnv>): Promise<Response> {
  const known = err instanceof AppError ? err : err instanceof HTTPException && err.status === 403 ? new AppError('csrf_failed', 'The request did not come from this site.') : undefined;
  if (!known) return handleError(err, c);
  c.header('Cache-Control', 'no-store');
  if (wantsJson(c)) return c.json({ error: { code: known.code, message: known.message, issues: known.issues } }, known.status as 400);
  if (known.code === 'unauthenticated' && !c.get('portalSession')) return c.redirect(`${portalPath(c, '/sign-in')}?expired`, 303);
  const t = c.get('tr').t;
  return renderPortal(
    c,
    t(`error.${known.code}.title`),
    <ErrorSection title={t(`error.${known.code}.title`)} err={known} homeHref={portalPath(c, '/')} homeLabel={t('portal.nav.home')} />,
    { status: known.status as 400 },
  );
}

export function portalRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  app.onError(portalError);
  app.use(async (c, next) => {
    await next();
    c.header('Cache-Control', 'no-store');
    c.header('X-Robots-Tag', 'noindex, nofollow');
  });
  app.use(rateLimit({ name: 'portal', ratePerSecond: 20, burst: 200 }));
  // Portal forms are small; a cap keeps the CSRF check (which reads the body) cheap.
  app.use(
    bodyLimit({
      maxSize: 64 * 1024,
      onError: () => {
        throw new AppError('payload_too_large', 'The request is too large.');
      },
    }),
  );
  app.use(csrf({ origin: (origin, c) => origin === new URL(c.req.url).origin || origin === new URL((c as Context<AppEnv>).get('deps').config.publicUrl).origin }));
  app.use(sameOrigin);
  app.use(authenticateSession);
  app.use(csrfTokens);

  registerSignInPages(app);
  registerMfaPages(app);
  registerEnrolPages(app);
  registerInvitePages(app);
  registerAccountPages(app);
  registerAdminPages(app);
  registerAuditPages(app);
  registerApiKeyPages(app);

  app.get('/', requireSignedIn, (c) => {
    const t = c.get('tr').t;
    const p = c.get('principal');
    const links = [
      { href: '/admin/users', label: t('portal.nav.users'), show: can(p, 'users.manage') },
      { href: '/admin/agencies', label: t('portal.nav.agencies'), show: can(p, 'agencies.manage') },
      { href: '/audit', label: t('portal.nav.audit'), show: can(p, 'audit.read') },
      { href: '/api-keys', label: t('portal.nav.api_keys'), show: can(p, 'apikeys.own') },
      { href: '/account', label: t('portal.nav.account'), show: true },
    ].filter((l) => l.show);
    return renderPortal(
      c,
      t('portal.home.title'),
      <>
        <h1>{t('portal.home.welcome', { name: p?.name ?? '' })}</h1>
        <p>{t('portal.home.roles', { roles: (p?.roles ?? []).map((r) => t(`portal.role.${r}`)).join(', '), agency: p?.agencyCode ?? '' })}</p>
        <ul>
          {links.map((l) => (
            <li>
              <a href={portalPath(c, l.href)}>{l.label}</a>
            </li>
          ))}
        </ul>
      </>,
    );
  });
  return app;
}
