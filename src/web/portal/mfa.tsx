/** The second-factor page: authenticator code, recovery code, or passkey (with JavaScript); nothing else is reachable before it. */
import type { Context } from 'hono';
import { z } from 'zod';
import type { Config } from '../../config/config.ts';
import { AppError } from '../../core/errors.ts';
import { relyingParty } from '../../services/accounts/register-passkey.ts';
import { hasPasskeys } from '../../services/sessions/has-passkeys.ts';
import { beginPasskeySignIn, finishPasskeySignIn } from '../../services/sessions/passkey-sign-in.ts';
import type { ActiveSession } from '../../services/sessions/resolve-session.ts';
import { signInWithRecoveryCode } from '../../services/sessions/use-recovery-code.ts';
import { verifyTotp } from '../../services/sessions/verify-totp.ts';
import type { AppEnv } from '../context.ts';
import { writeCookie } from '../pipeline/cookies.ts';
import type { RouteSpec } from '../pipeline/route.ts';
import type { Routes } from '../pipeline/routes.ts';
import { portalPath } from '../pipeline/session.ts';
import { ErrorSummary } from '../views/portal/parts/messages.tsx';
import { TextField } from '../views/portal/parts/fields.tsx';
import { PageHeader } from '../views/portal/parts/page-header.tsx';
import { CsrfField } from './csrf-field.tsx';
import { renderPortal } from './render.tsx';

const codeForm = z.object({ code: z.string().trim().min(1).max(40) });
const passkeyAnswer = z.object({ response: z.looseObject({ id: z.string().max(1024) }) });

/** The session the pipeline's `pending-session` step let through (password done, second factor pending). */
function pending(session: ActiveSession | undefined): ActiveSession {
  if (!session) throw new AppError('unauthenticated', 'error.detail.sign_in');
  return session;
}

const rpFor = (config: Config) => relyingParty(config.publicUrl, config.site.name);

type MfaView = { hasPasskeys: boolean; error?: string; status?: 200 | 401 | 429 };

function mfaPage(c: Context<AppEnv>, view: MfaView) {
  const t = c.get('tr').t;
  const token = c.get('csrfToken');
  return renderPortal(
    c,
    t('portal.mfa.title'),
    <section class="narrow">
      <PageHeader title={t('portal.mfa.title')} lead={t('portal.mfa.intro')} />
      <ErrorSummary title={t('portal.form.problem')} messages={view.error ? [{ field: 'code', text: view.error }] : []} />
      <form method="post" action={portalPath(c, '/mfa/totp')}>
        <CsrfField token={token} />
        <TextField
          id="code"
          label={t('portal.field.totp_code')}
          hint={t('portal.mfa.code_hint')}
          error={view.error}
          input={{ name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9 ]{6,7}', required: true, maxlength: 7 }}
        />
        <button type="submit">{t('portal.mfa.submit')}</button>
      </form>
      {view.hasPasskeys ? (
        <div id="passkey-signin" class="passkey" hidden data-msg-unsupported={t('portal.passkey.unsupported')} data-msg-working={t('portal.passkey.working')} data-msg-failed={t('portal.passkey.failed')} data-options={portalPath(c, '/mfa/passkey/options')} data-verify={portalPath(c, '/mfa/passkey/verify')} data-csrf={token}>
          <h2>{t('portal.mfa.passkey_title')}</h2>
          <p>
            <button type="button" id="passkey-signin-button">{t('portal.mfa.passkey_button')}</button>
          </p>
          <p class="passkey-status" role="status"></p>
        </div>
      ) : null}
      <details>
        <summary>{t('portal.mfa.recovery_title')}</summary>
        <form method="post" action={portalPath(c, '/mfa/recovery')}>
          <CsrfField token={token} />
          <TextField id="recovery" label={t('portal.field.recovery_code')} input={{ name: 'code', autocomplete: 'off', required: true, maxlength: 40 }} />
          <button type="submit" class="secondary">{t('portal.mfa.recovery_submit')}</button>
        </form>
      </details>
      <form method="post" action={portalPath(c, '/sign-out')}>
        <CsrfField token={token} />
        <p>
          <button type="submit" class="secondary">{t('portal.mfa.cancel')}</button>
        </p>
      </form>
    </section>,
    { status: view.status ?? 200, scripts: view.hasPasskeys ? ['/static/passkey.js'] : [] },
  );
}

/** Wrong and throttled codes show the page again with one message; any other refusal is an error page. */
function codeRefused(c: Context<AppEnv>, err: AppError): Promise<Response> | undefined {
  const t = c.get('tr').t;
  const answer = err.code === 'unauthenticated' ? { error: t('portal.mfa.wrong_code'), status: 401 as const } : err.code === 'rate_limited' ? { error: t('portal.mfa.throttled'), status: 429 as const } : undefined;
  const active = c.get('portalSession');
  if (!answer || !active) return undefined;
  return hasPasskeys(c.get('deps').db, active.user.id).then((has) => mfaPage(c, { ...answer, hasPasskeys: has }));
}

/** A code form: the checks run their own short transactions and audit every attempt, so none is opened around them. */
function codeAction(check: typeof verifyTotp): RouteSpec<{ body: typeof codeForm }, string> {
  return {
    auth: 'pending-session',
    authorise: 'public',
    limit: 'sign-in',
    transaction: 'steps',
    audit: 'use-case',
    input: { body: codeForm },
    run: ({ db, session, input, meta }) => check(db, pending(session), input.body.code, meta),
    render: (c, token) => {
      writeCookie(c, 'session', token);
      return c.redirect(portalPath(c, '/'), 303);
    },
    recover: codeRefused,
  };
}

export function registerMfaPages(routes: Routes): void {
  routes.portalPage('/portal/mfa', {
    auth: 'pending-session',
    authorise: 'public',
    run: async ({ db, session }) => {
      const active = pending(session);
      if (active.session.enrolment) return { enrolment: true as const };
      return { enrolment: false as const, hasPasskeys: await hasPasskeys(db, active.user.id) };
    },
    render: (c, out) => (out.enrolment ? c.redirect(portalPath(c, '/enrol'), 303) : mfaPage(c, { hasPasskeys: out.hasPasskeys })),
  });

  routes.portalAction('/portal/mfa/totp', codeAction(verifyTotp));
  routes.portalAction('/portal/mfa/recovery', codeAction(signInWithRecoveryCode));

  // Issues a challenge bound to the session: one write, nothing to audit until the answer comes back (the use case
  // records the sign-in then).
  routes.portalAction('/portal/mfa/passkey/options', {
    auth: 'pending-session',
    authorise: 'public',
    limit: 'sign-in',
    audit: 'use-case',
    run: ({ db, session, deps }) => beginPasskeySignIn(db, pending(session), rpFor(deps.config)),
    render: (c, options) => c.json(options),
  });

  routes.portalAction('/portal/mfa/passkey/verify', {
    auth: 'pending-session',
    authorise: 'public',
    limit: 'sign-in',
    transaction: 'steps',
    audit: 'use-case',
    input: { body: passkeyAnswer },
    run: ({ db, session, input, meta, deps }) =>
      finishPasskeySignIn(
        db,
        pending(session),
        input.body.response as unknown as Parameters<typeof finishPasskeySignIn>[2],
        rpFor(deps.config),
        meta,
      ),
    render: (c, token) => {
      writeCookie(c, 'session', token);
      return c.json({ redirect: portalPath(c, '/') });
    },
  });
}
