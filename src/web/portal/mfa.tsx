/** The second-factor page: authenticator code, recovery code, or passkey (with JavaScript); nothing else is reachable before it. */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { beginPasskeySignIn, finishPasskeySignIn } from '../../services/sessions/passkey-sign-in.ts';
import { relyingParty } from '../../services/accounts/register-passkey.ts';
import type { ActiveSession } from '../../services/sessions/resolve-session.ts';
import { signInWithRecoveryCode } from '../../services/sessions/use-recovery-code.ts';
import { verifyTotp } from '../../services/sessions/verify-totp.ts';
import { listPasskeys } from '../../storage/repositories/accounts.ts';
import type { AppEnv } from '../context.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { validate } from '../validate.ts';
import { ErrorSummary } from '../views/portal/layout.tsx';
import { requestMeta, requirePendingSession } from './auth-middleware.ts';
import { writeCookie } from './cookies.ts';
import { CsrfField } from './csrf.tsx';
import { field, formBody } from './forms.ts';
import { portalPath } from './paths.ts';
import { renderPortal } from './render.tsx';

const codeForm = z.object({ code: z.string().trim().min(1).max(40) });

function pending(c: Context<AppEnv>): ActiveSession {
  const active = c.get('portalSession');
  if (!active) throw new AppError('unauthenticated', 'Please sign in.');
  return active;
}

export const rpOf = (c: Context<AppEnv>) => relyingParty(c.get('deps').config.publicUrl, c.get('deps').config.site.name);

async function mfaPage(c: Context<AppEnv>, error?: string, status: 200 | 401 | 429 = 200) {
  const t = c.get('tr').t;
  const active = pending(c);
  const hasPasskeys = (await listPasskeys(c.get('deps').store.db, active.user.id)).length > 0;
  const token = c.get('csrfToken');
  return renderPortal(
    c,
    t('portal.mfa.title'),
    <section class="narrow">
      <h1>{t('portal.mfa.title')}</h1>
      <ErrorSummary title={t('portal.form.problem')} messages={error ? [{ field: 'code', text: error }] : []} />
      <p>{t('portal.mfa.intro')}</p>
      <form method="post" action={portalPath(c, '/mfa/totp')}>
        <CsrfField token={token} />
        <p>
          <label for="code">{t('portal.field.totp_code')}</label>
          <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" required maxlength={7} aria-describedby="code-hint" />
          <span id="code-hint" class="hint">{t('portal.mfa.code_hint')}</span>
        </p>
        <p>
          <button type="submit">{t('portal.mfa.submit')}</button>
        </p>
      </form>
      {hasPasskeys ? (
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
          <p>
            <label for="recovery">{t('portal.field.recovery_code')}</label>
            <input id="recovery" name="code" type="text" autocomplete="off" required maxlength={40} />
          </p>
          <p>
            <button type="submit">{t('portal.mfa.recovery_submit')}</button>
          </p>
        </form>
      </details>
      <form method="post" action={portalPath(c, '/sign-out')}>
        <CsrfField token={token} />
        <p>
          <button type="submit" class="secondary">{t('portal.mfa.cancel')}</button>
        </p>
      </form>
    </section>,
    { status, scripts: hasPasskeys ? ['/static/passkey.js'] : [] },
  );
}

/** Wrong or throttled codes re-render the page with one message; anything else is a real error. */
async function answer(c: Context<AppEnv>, run: () => Promise<string>) {
  try {
    writeCookie(c, 'session', await run());
    return c.redirect(portalPath(c, '/'), 303);
  } catch (err) {
    if (err instanceof AppError && err.code === 'unauthenticated') return mfaPage(c, c.get('tr').t('portal.mfa.wrong_code'), 401);
    if (err instanceof AppError && err.code === 'rate_limited') return mfaPage(c, c.get('tr').t('portal.mfa.throttled'), 429);
    throw err;
  }
}

export function registerMfaPages(app: Hono<AppEnv>): void {
  const codeLimit = rateLimit({ name: 'portal-mfa', ratePerSecond: 1, burst: 30 });

  app.get('/mfa', requirePendingSession, (c) => {
    if (pending(c).session.enrolment) return c.redirect(portalPath(c, '/enrol'), 303);
    return mfaPage(c);
  });

  app.post('/mfa/totp', codeLimit, requirePendingSession, async (c) => {
    const { code } = validate(codeForm, { code: field(await formBody(c), 'code') });
    return answer(c, () => verifyTotp(c.get('deps').store.db, pending(c), code, requestMeta(c)));
  });

  app.post('/mfa/recovery', codeLimit, requirePendingSession, async (c) => {
    const { code } = validate(codeForm, { code: field(await formBody(c), 'code') });
    return answer(c, () => signInWithRecoveryCode(c.get('deps').store.db, pending(c), code, requestMeta(c)));
  });

  app.post('/mfa/passkey/options', codeLimit, requirePendingSession, async (c) =>
    c.json(await beginPasskeySignIn(c.get('deps').store.db, pending(c), rpOf(c))),
  );

  app.post('/mfa/passkey/verify', codeLimit, requirePendingSession, async (c) => {
    const body = validate(z.object({ response: z.object({ id: z.string().max(1024) }).passthrough() }), await c.req.json());
    const token = await finishPasskeySignIn(
      c.get('deps').store.db,
      pending(c),
      body.response as unknown as Parameters<typeof finishPasskeySignIn>[2],
      rpOf(c),
      requestMeta(c),
    );
    writeCookie(c, 'session', token);
    return c.json({ redirect: portalPath(c, '/') });
  });
}
