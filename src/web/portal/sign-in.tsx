/** Sign-in (email and password), sign-out and sign-out everywhere. */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { signIn } from '../../services/sessions/sign-in.ts';
import { signOut } from '../../services/sessions/sign-out.ts';
import type { AppEnv } from '../context.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { validate } from '../validate.ts';
import { ErrorSummary, Notice } from '../views/portal/layout.tsx';
import { requestMeta, requireSignedIn } from './auth-middleware.ts';
import { clearCookie, writeCookie } from './cookies.ts';
import { CsrfField } from './csrf.tsx';
import { field, formBody } from './forms.ts';
import { portalPath } from './paths.ts';
import { renderPortal } from './render.tsx';

const signInForm = z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(1024) });

function signInPage(c: Context<AppEnv>, opts: { email?: string; error?: string; notice?: string; status?: 200 | 400 | 401 | 403 | 429 }) {
  const t = c.get('tr').t;
  return renderPortal(
    c,
    t('portal.signin.title'),
    <section class="narrow">
      <h1>{t('portal.signin.title')}</h1>
      <Notice text={opts.notice} />
      <ErrorSummary title={t('portal.form.problem')} messages={opts.error ? [{ text: opts.error }] : []} />
      <p>{t('portal.signin.intro')}</p>
      <form method="post" action={portalPath(c, '/sign-in')}>
        <CsrfField token={c.get('csrfToken')} />
        <p>
          <label for="email">{t('portal.field.email')}</label>
          <input id="email" name="email" type="email" autocomplete="username" required maxlength={254} value={opts.email ?? ''} />
        </p>
        <p>
          <label for="password">{t('portal.field.password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" required maxlength={1024} />
        </p>
        <p>
          <button type="submit">{t('portal.signin.submit')}</button>
        </p>
      </form>
      <p>{t('portal.signin.help')}</p>
    </section>,
    { status: opts.status ?? 200 },
  );
}

export function registerSignInPages(app: Hono<AppEnv>): void {
  const signInLimit = rateLimit({ name: 'portal-sign-in', ratePerSecond: 1, burst: 30 });

  app.get('/sign-in', (c) => {
    if (c.get('principal')) return c.redirect(portalPath(c, '/'), 303);
    const t = c.get('tr').t;
    const notice = c.req.query('signed_out') !== undefined ? t('portal.signin.signed_out') : c.req.query('expired') !== undefined ? t('portal.signin.expired') : undefined;
    return signInPage(c, notice ? { notice } : {});
  });

  app.post('/sign-in', signInLimit, async (c) => {
    const t = c.get('tr').t;
    const body = await formBody(c);
    const input = validate(signInForm, { email: field(body, 'email'), password: field(body, 'password') });
    try {
      const result = await signIn(c.get('deps').store.db, input, requestMeta(c));
      writeCookie(c, 'session', result.token);
      return c.redirect(portalPath(c, '/mfa'), 303);
    } catch (err) {
      if (!(err instanceof AppError)) throw err;
      const byCode: Partial<Record<string, [string, 401 | 403 | 429]>> = {
        unauthenticated: ['portal.signin.failed', 401],
        rate_limited: ['portal.signin.throttled', 429],
        forbidden: ['portal.signin.no_factor', 403],
      };
      const known = byCode[err.code];
      if (!known) throw err;
      return signInPage(c, { email: input.email, error: t(known[0]), status: known[1] });
    }
  });

  // Sign-out works from any session, even one whose second factor is still pending.
  app.post('/sign-out', async (c) => {
    const active = c.get('portalSession');
    if (active) await signOut(c.get('deps').store.db, active, false, requestMeta(c));
    clearCookie(c, 'session');
    return c.redirect(`${portalPath(c, '/sign-in')}?signed_out`, 303);
  });

  app.post('/sign-out-everywhere', requireSignedIn, async (c) => {
    const active = c.get('portalSession');
    if (!active) throw new AppError('unauthenticated', 'Please sign in.');
    await signOut(c.get('deps').store.db, active, true, requestMeta(c));
    clearCookie(c, 'session');
    return c.redirect(`${portalPath(c, '/sign-in')}?signed_out`, 303);
  });
}
