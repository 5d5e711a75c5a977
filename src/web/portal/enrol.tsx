/** Authenticator-app enrolment (first enrolment after an invite, or a replacement later): QR code, secret, recovery codes. */
import type { Context } from 'hono';
import QRCode from 'qrcode';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { REAUTH_WINDOW_MS } from '../../core/session-policy.ts';
import { totpUri } from '../../core/totp.ts';
import { confirmTotpEnrolment, startTotpEnrolment } from '../../services/accounts/enrol-totp.ts';
import type { ActiveSession } from '../../services/sessions/resolve-session.ts';
import type { AppEnv } from '../context.ts';
import { writeCookie } from '../pipeline/cookies.ts';
import type { Routes } from '../pipeline/routes.ts';
import { portalPath, requireRecentAuth } from '../pipeline/session.ts';
import { ErrorSummary } from '../views/portal/parts/messages.tsx';
import { TextField } from '../views/portal/parts/fields.tsx';
import { PageHeader } from '../views/portal/parts/page-header.tsx';
import { CsrfField } from './csrf-field.tsx';
import { renderPortal } from './render.tsx';

const codeForm = z.object({ code: z.string().trim().min(1).max(12) });

/** Where a request that may not enrol yet is sent first. */
type Detour = 'sign-in' | 'mfa' | 'reauth';

/**
 * An invite-born session may enrol straight away; a signed-in user only within the re-authentication window, since
 * enrolling replaces the factor that guards the account. The route is `optional-session` because of the first case.
 */
function detourOf(active: ActiveSession | undefined, now: Date): Detour | undefined {
  if (active && !active.principal && active.session.enrolment) return undefined;
  if (!active) return 'sign-in';
  if (!active.principal) return 'mfa';
  return now.getTime() - Date.parse(active.session.reauthAt) <= REAUTH_WINDOW_MS ? undefined : 'reauth';
}

/** The session detourOf let through. */
function enrolling(active: ActiveSession | undefined): ActiveSession {
  if (!active) throw new AppError('unauthenticated', 'error.detail.sign_in');
  return active;
}

/** Asks for the password or a code again, then comes back (to this page, or to the page the form was on). */
const reauthFirst = (c: Context<AppEnv>): Response => requireRecentAuth(c) ?? c.redirect(portalPath(c, '/reauth'), 303);

type EnrolView = { secret: string; email: string };

async function enrolPage(c: Context<AppEnv>, view: EnrolView, error?: string) {
  const t = c.get('tr').t;
  const uri = totpUri(view.secret, c.get('deps').config.site.name, view.email);
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return renderPortal(
    c,
    t('portal.enrol.title'),
    <section class="narrow">
      <PageHeader title={t('portal.enrol.title')} />
      <ErrorSummary title={t('portal.form.problem')} messages={error ? [{ field: 'code', text: error }] : []} />
      <ol>
        <li>{t('portal.enrol.step_app')}</li>
        <li>
          {t('portal.enrol.step_scan')}
          <p>
            <img src={`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`} width="220" height="220" alt={t('portal.enrol.qr_alt')} />
          </p>
          <p>
            {t('portal.enrol.manual')} <code class="secret">{view.secret.replace(/(.{4})/g, '$1 ').trim()}</code>
          </p>
        </li>
        <li>
          <form method="post" action={portalPath(c, '/enrol')}>
            <CsrfField token={c.get('csrfToken')} />
            <TextField id="code" label={t('portal.enrol.step_code')} error={error} input={{ name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', pattern: '[0-9 ]{6,7}', required: true, maxlength: 7 }} />
            <button type="submit">{t('portal.enrol.submit')}</button>
          </form>
        </li>
      </ol>
    </section>,
    { status: error ? 400 : 200 },
  );
}

/** Recovery codes are shown once, right after they are made; only their digests are stored. */
export function recoveryCodesPage(c: Context<AppEnv>, codes: string[]) {
  const t = c.get('tr').t;
  return renderPortal(
    c,
    t('portal.recovery.title'),
    <section class="narrow">
      <PageHeader title={t('portal.recovery.title')} />
      <p>{t('portal.recovery.intro')}</p>
      <ul class="recovery-codes">
        {codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <a class="button" href={portalPath(c, '/')}>{t('portal.recovery.continue')}</a>
      </p>
    </section>,
  );
}

export function registerEnrolPages(routes: Routes): void {
  // Starting an enrolment keeps a pending secret on the session; nothing changes on the account until it is confirmed.
  routes.portalPage('/portal/enrol', {
    auth: 'optional-session',
    authorise: 'public',
    run: async ({ db, session, meta }) => {
      const detour = detourOf(session, meta.now);
      if (detour) return { detour };
      const active = enrolling(session);
      return { detour: undefined, secret: await startTotpEnrolment(db, active, meta.now), email: active.user.email };
    },
    render: (c, out) => {
      if (out.detour === 'reauth') return reauthFirst(c);
      if (out.detour) return c.redirect(portalPath(c, `/${out.detour}`), 303);
      return enrolPage(c, out);
    },
  });

  // Confirming runs its own transaction with its audit entry (and completes the sign-in of an invite-born session).
  routes.portalAction('/portal/enrol', {
    auth: 'optional-session',
    authorise: 'public',
    transaction: 'steps',
    audit: 'use-case',
    input: { body: codeForm },
    run: async ({ db, session, input, meta }) => {
      const detour = detourOf(session, meta.now);
      if (detour === 'reauth') return { detour };
      if (detour) throw new AppError('unauthenticated', 'error.detail.sign_in');
      return { detour: undefined, ...(await confirmTotpEnrolment(db, enrolling(session), input.body.code, meta)) };
    },
    render: (c, out) => {
      if (out.detour) return reauthFirst(c);
      if (out.token) writeCookie(c, 'session', out.token);
      return recoveryCodesPage(c, out.recoveryCodes);
    },
    recover: (c, err) => {
      const active = c.get('portalSession');
      if (err.code !== 'validation_failed' || !active) return undefined;
      const wrong = c.get('tr').t('portal.mfa.wrong_code');
      return startTotpEnrolment(c.get('deps').db, active, new Date()).then((secret) => enrolPage(c, { secret, email: active.user.email }, wrong));
    },
  });
}
