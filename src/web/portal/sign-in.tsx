/** Sign-in (email and password), sign-out and sign-out everywhere. */
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError, type ErrorCode } from '../../core/errors.ts';
import { signIn } from '../../services/sessions/sign-in.ts';
import { signOut } from '../../services/sessions/sign-out.ts';
import type { AppEnv } from '../context.ts';
import { clearCookie, writeCookie } from '../pipeline/cookies.ts';
import type { Routes } from '../pipeline/routes.ts';
import { portalPath } from '../pipeline/session.ts';
import { ErrorSummary, Notice } from '../views/portal/parts/messages.tsx';
import { TextField } from '../views/portal/parts/fields.tsx';
import { PageHeader } from '../views/portal/parts/page-header.tsx';
import { CsrfField } from './csrf-field.tsx';
import { renderPortal } from './render.tsx';

const signInForm = z.object({ email: z.string().trim().min(3).max(254), password: z.string().min(1).max(1024) });

/** `?signed_out` and `?expired` (present, with or without a value) choose the notice above the form. */
const signInQuery = z.object({ signed_out: z.string().optional(), expired: z.string().optional() });

type FormStatus = 200 | 401 | 403 | 429;

function signInPage(c: Context<AppEnv>, opts: { email?: string; error?: string; notice?: string; status?: FormStatus }) {
  const t = c.get('tr').t;
  return renderPortal(
    c,
    t('portal.signin.title'),
    <section class="narrow">
      <PageHeader title={t('portal.signin.title')} lead={t('portal.signin.intro')} />
      <Notice text={opts.notice} />
      <ErrorSummary title={t('portal.form.problem')} messages={opts.error ? [{ text: opts.error }] : []} />
      <form method="post" action={portalPath(c, '/sign-in')}>
        <CsrfField token={c.get('csrfToken')} />
        <TextField id="email" label={t('portal.field.email')} input={{ name: 'email', type: 'email', autocomplete: 'username', required: true, maxlength: 254, value: opts.email ?? '' }} />
        <TextField id="password" label={t('portal.field.password')} input={{ name: 'password', type: 'password', autocomplete: 'current-password', required: true, maxlength: 1024 }} />
        <div class="button-group">
          <button type="submit">{t('portal.signin.submit')}</button>
        </div>
      </form>
      <p>{t('portal.signin.help')}</p>
    </section>,
    { status: opts.status ?? 200 },
  );
}

/** The refusals of a sign-in shown on the form itself, with their message and status; any other error is an error page. */
const refusals: Partial<Record<ErrorCode, [key: string, status: FormStatus]>> = {
  unauthenticated: ['portal.signin.failed', 401],
  rate_limited: ['portal.signin.throttled', 429],
  forbidden: ['portal.signin.no_factor', 403],
};

const signedOut = (c: Context<AppEnv>): Response => {
  clearCookie(c, 'session');
  return c.redirect(`${portalPath(c, '/sign-in')}?signed_out`, 303);
};

export function registerSignInPages(routes: Routes): void {
  routes.portalPage('/portal/sign-in', {
    auth: 'optional-session',
    authorise: 'public',
    input: { query: signInQuery },
    run: async () => undefined,
    render: (c, _out, { query }) => {
      if (c.get('principal')) return c.redirect(portalPath(c, '/'), 303);
      const t = c.get('tr').t;
      const notice = query.signed_out !== undefined ? t('portal.signin.signed_out') : query.expired === 'kept' ? t('portal.signin.expired_kept') : query.expired !== undefined ? t('portal.signin.expired') : undefined;
      return signInPage(c, notice ? { notice } : {});
    },
  });

  // The password check (argon2) must not hold a transaction; sign-in commits its throttle and audit entries itself.
  routes.portalAction('/portal/sign-in', {
    auth: 'optional-session',
    authorise: 'public',
    limit: 'sign-in',
    transaction: 'steps',
    audit: 'use-case',
    input: { body: signInForm },
    run: ({ db, input, meta }) => signIn(db, input.body, meta),
    render: (c, result) => {
      writeCookie(c, 'session', result.token);
      return c.redirect(portalPath(c, '/mfa'), 303);
    },
    recover: (c, err, input) => {
      const known = refusals[err.code];
      if (!known) return undefined;
      return signInPage(c, { email: input.body.email, error: c.get('tr').t(known[0]), status: known[1] });
    },
  });

  // Sign-out works from any session, even one whose second factor is still pending; without one it only clears the cookie.
  routes.portalAction('/portal/sign-out', {
    auth: 'optional-session',
    authorise: 'public',
    transaction: 'steps',
    audit: 'use-case',
    run: async ({ db, session, meta }) => {
      if (session) await signOut(db, session, false, meta);
    },
    render: (c) => signedOut(c),
  });

  routes.portalAction('/portal/sign-out-everywhere', {
    authorise: 'signed-in',
    run: async ({ db, session, meta }) => {
      if (!session) throw new AppError('unauthenticated', 'error.detail.sign_in');
      await signOut(db, session, true, meta);
    },
    render: (c) => signedOut(c),
  });
}
