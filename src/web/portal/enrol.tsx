/** Authenticator-app enrolment (first enrolment after an invite, or a replacement later): QR code, secret, recovery codes. */
import type { Context, Hono, MiddlewareHandler } from 'hono';
import QRCode from 'qrcode';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { totpUri } from '../../core/totp.ts';
import { confirmTotpEnrolment, startTotpEnrolment } from '../../services/accounts/enrol-totp.ts';
import type { ActiveSession } from '../../services/sessions/resolve-session.ts';
import type { AppEnv } from '../context.ts';
import { validate } from '../validate.ts';
import { ErrorSummary } from '../views/portal/layout.tsx';
import { requestMeta, requireRecentAuth } from './auth-middleware.ts';
import { writeCookie } from './cookies.ts';
import { CsrfField } from './csrf.tsx';
import { field, formBody } from './forms.ts';
import { portalPath } from './paths.ts';
import { renderPortal } from './render.tsx';

/** An invite-born session may enrol straight away; a signed-in user must have re-authenticated recently. */
const mayEnrol: MiddlewareHandler<AppEnv> = async (c, next) => {
  const active = c.get('portalSession');
  if (active && !active.principal && active.session.enrolment) return next();
  return requireRecentAuth(c, next);
};

function session(c: Context<AppEnv>): ActiveSession {
  const active = c.get('portalSession');
  if (!active) throw new AppError('unauthenticated', 'Please sign in.');
  return active;
}

async function enrolPage(c: Context<AppEnv>, error?: string) {
  const t = c.get('tr').t;
  const active = session(c);
  const secret = await startTotpEnrolment(c.get('deps').store.db, active, new Date());
  const uri = totpUri(secret, c.get('deps').config.site.name, active.user.email);
  const svg = await QRCode.toString(uri, { type: 'svg', errorCorrectionLevel: 'M', margin: 2 });
  return renderPortal(
    c,
    t('portal.enrol.title'),
    <section class="narrow">
      <h1>{t('portal.enrol.title')}</h1>
      <ErrorSummary title={t('portal.form.problem')} messages={error ? [{ field: 'code', text: error }] : []} />
      <ol>
        <li>{t('portal.enrol.step_app')}</li>
        <li>
          {t('portal.enrol.step_scan')}
          <p>
            <img src={`data:image/svg+xml;base64,${Buffer.from(svg).toString('base64')}`} width="220" height="220" alt={t('portal.enrol.qr_alt')} />
          </p>
          <p>
            {t('portal.enrol.manual')} <code class="secret">{secret.replace(/(.{4})/g, '$1 ').trim()}</code>
          </p>
        </li>
        <li>
          <form method="post" action={portalPath(c, '/enrol')}>
            <CsrfField token={c.get('csrfToken')} />
            <label for="code">{t('portal.enrol.step_code')}</label>
            <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" pattern="[0-9 ]{6,7}" required maxlength={7} />
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
      <h1>{t('portal.recovery.title')}</h1>
      <p>{t('portal.recovery.intro')}</p>
      <ul class="recovery-codes">
        {codes.map((code) => (
          <li>
            <code>{code}</code>
          </li>
        ))}
      </ul>
      <p>
        <a href={portalPath(c, '/')}>{t('portal.recovery.continue')}</a>
      </p>
    </section>,
  );
}

export function registerEnrolPages(app: Hono<AppEnv>): void {
  app.get('/enrol', mayEnrol, (c) => enrolPage(c));

  app.post('/enrol', mayEnrol, async (c) => {
    const { code } = validate(z.object({ code: z.string().trim().min(1).max(12) }), { code: field(await formBody(c), 'code') });
    try {
      const result = await confirmTotpEnrolment(c.get('deps').store.db, session(c), code, requestMeta(c));
      if (result.token) writeCookie(c, 'session', result.token);
      return recoveryCodesPage(c, result.recoveryCodes);
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation_failed') return enrolPage(c, c.get('tr').t('portal.mfa.wrong_code'));
      throw err;
    }
  });
}
