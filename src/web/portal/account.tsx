/** The user's own account: identity, sessions, second factors, password; and re-authentication before sensitive changes. */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { changePassword } from '../../services/accounts/change-password.ts';
import { reauthenticate } from '../../services/sessions/reauthenticate.ts';
import { regenerateRecoveryCodes } from '../../services/accounts/regenerate-recovery-codes.ts';
import { beginPasskeyRegistration, finishPasskeyRegistration } from '../../services/accounts/register-passkey.ts';
import { removePasskey } from '../../services/accounts/remove-passkey.ts';
import type { ActiveSession } from '../../services/sessions/resolve-session.ts';
import { countUnusedRecoveryCodes, getTotp, listPasskeys } from '../../storage/repositories/accounts.ts';
import { listUserSessions } from '../../storage/repositories/sessions.ts';
import type { AppEnv } from '../context.ts';
import { validate } from '../validate.ts';
import { ErrorSummary, Notice } from '../views/portal/layout.tsx';
import { requestMeta, requireRecentAuth, requireSignedIn, safeLocalPath } from './auth-middleware.ts';
import { CsrfField } from './csrf.tsx';
import { recoveryCodesPage } from './enrol.tsx';
import { field, formBody } from './forms.ts';
import { rpOf } from './mfa.tsx';
import { portalPath } from './paths.ts';
import { renderPortal } from './render.tsx';

function signedIn(c: Context<AppEnv>): ActiveSession {
  const active = c.get('portalSession');
  if (!active?.principal) throw new AppError('unauthenticated', 'Please sign in.');
  return active;
}

const siteNames = (c: Context<AppEnv>) => [c.get('deps').config.site.name, c.get('deps').config.site.shortName];

async function accountPage(c: Context<AppEnv>, opts: { notice?: string; errors?: { field?: string; text: string }[]; status?: 200 | 400 } = {}) {
  const tr = c.get('tr');
  const t = tr.t;
  const db = c.get('deps').store.db;
  const active = signedIn(c);
  const { user, agency, session } = active;
  const [sessions, totp, passkeys, codesLeft] = await Promise.all([
    listUserSessions(db, user.id),
    getTotp(db, user.id),
    listPasskeys(db, user.id),
    countUnusedRecoveryCodes(db, user.id),
  ]);
  const token = c.get('csrfToken');
  const when = (iso: string) => `${tr.date(iso, 'medium')} ${iso.slice(11, 16)} UTC`;
  return renderPortal(
    c,
    t('portal.account.title'),
    <>
      <h1>{t('portal.account.title')}</h1>
      <Notice text={opts.notice} />
      <ErrorSummary title={t('portal.form.problem')} messages={opts.errors ?? []} />
      <dl class="facts">
        <dt>{t('portal.field.name')}</dt>
        <dd>{user.name}</dd>
        <dt>{t('portal.field.email')}</dt>
        <dd>{user.email}</dd>
        <dt>{t('portal.field.agency')}</dt>
        <dd>
          {agency.name} ({agency.code}, {tr.country(agency.country)})
        </dd>
        <dt>{t('portal.field.roles')}</dt>
        <dd>{user.roles.map((r) => t(`portal.role.${r}`)).join(', ')}</dd>
      </dl>

      <h2>{t('portal.account.factors')}</h2>
      <p>{totp ? t('portal.account.totp_on') : t('portal.account.totp_off')}</p>
      <p>
        <a href={portalPath(c, '/enrol')}>{totp ? t('portal.account.totp_replace') : t('portal.account.totp_add')}</a>
      </p>
      <p>{t('portal.account.codes_left', { count: codesLeft })}</p>
      <form method="post" action={portalPath(c, '/account/recovery-codes')}>
        <CsrfField token={token} />
        <button type="submit">{t('portal.account.codes_new')}</button>
      </form>

      <h3>{t('portal.account.passkeys')}</h3>
      {passkeys.length ? (
        <ul>
          {passkeys.map((p) => (
            <li>
              {p.name} — {t('portal.account.added', { date: when(p.createdAt) })}
              <form method="post" action={portalPath(c, `/account/passkeys/${p.id}/delete`)} class="inline">
                <CsrfField token={token} />
                <button type="submit" aria-label={t('portal.account.passkey_remove_named', { name: p.name })}>
                  {t('portal.account.passkey_remove')}
                </button>
              </form>
            </li>
          ))}
        </ul>
      ) : (
        <p>{t('portal.account.no_passkeys')}</p>
      )}
      <div id="passkey-register" class="passkey" hidden data-msg-unsupported={t('portal.passkey.unsupported')} data-msg-working={t('portal.passkey.working')} data-msg-failed={t('portal.passkey.failed')} data-options={portalPath(c, '/account/passkeys/options')} data-verify={portalPath(c, '/account/passkeys')} data-csrf={token}>
        <p>
          <label for="passkey-name">{t('portal.account.passkey_name')}</label>
          <input id="passkey-name" type="text" maxlength={60} />
          <button type="button" id="passkey-register-button">{t('portal.account.passkey_add')}</button>
        </p>
        <p class="passkey-status" role="status"></p>
      </div>

      <h2>{t('portal.account.password')}</h2>
      <form method="post" action={portalPath(c, '/account/password')}>
        <CsrfField token={token} />
        <p>
          <label for="current">{t('portal.field.current_password')}</label>
          <input id="current" name="current" type="password" autocomplete="current-password" required maxlength={1024} />
        </p>
        <p>
          <label for="password">{t('portal.field.new_password')}</label>
          <input id="password" name="password" type="password" autocomplete="new-password" required minlength={12} maxlength={128} aria-describedby="password-hint" />
          <span id="password-hint" class="hint">{t('portal.password.hint')}</span>
        </p>
        <p>
          <button type="submit">{t('portal.account.password_submit')}</button>
        </p>
      </form>

      <h2>{t('portal.account.sessions')}</h2>
      <table>
        <caption>{t('portal.account.sessions_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('portal.account.session_started')}</th>
            <th scope="col">{t('portal.account.session_seen')}</th>
            <th scope="col">{t('portal.account.session_from')}</th>
          </tr>
        </thead>
        <tbody>
          {sessions.map((s) => (
            <tr>
              <td>
                {when(s.createdAt)} {s.id === session.id ? <strong>({t('portal.account.this_session')})</strong> : null}
              </td>
              <td>{when(s.lastSeenAt)}</td>
              <td>
                {s.ip ?? '—'} · {s.userAgent?.slice(0, 80) ?? '—'}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <form method="post" action={portalPath(c, '/sign-out-everywhere')}>
        <CsrfField token={token} />
        <button type="submit">{t('portal.account.sign_out_everywhere')}</button>
      </form>
    </>,
    { status: opts.status ?? 200, scripts: ['/static/passkey.js'] },
  );
}

function reauthPage(c: Context<AppEnv>, next: string, error?: string) {
  const t = c.get('tr').t;
  const token = c.get('csrfToken');
  return renderPortal(
    c,
    t('portal.reauth.title'),
    <section class="narrow">
      <h1>{t('portal.reauth.title')}</h1>
      <ErrorSummary title={t('portal.form.problem')} messages={error ? [{ text: error }] : []} />
      <p>{t('portal.reauth.intro')}</p>
      <form method="post" action={portalPath(c, '/reauth')}>
        <CsrfField token={token} />
        <input type="hidden" name="next" value={next} />
        <p>
          <label for="code">{t('portal.field.totp_code')}</label>
          <input id="code" name="code" type="text" inputmode="numeric" autocomplete="one-time-code" maxlength={7} />
        </p>
        <p>{t('portal.reauth.or')}</p>
        <p>
          <label for="password">{t('portal.field.password')}</label>
          <input id="password" name="password" type="password" autocomplete="current-password" maxlength={1024} />
        </p>
        <p>
          <button type="submit">{t('portal.reauth.submit')}</button>
        </p>
      </form>
    </section>,
    { status: error ? 401 : 200 },
  );
}

const passwordProblemText = (c: Context<AppEnv>, err: AppError): { field?: string; text: string }[] =>
  err.issues.map((i) =>
    i.field === 'password'
      ? { field: 'password', text: c.get('tr').t(`portal.password.${i.message}`) }
      : { field: 'current', text: c.get('tr').t('portal.account.current_wrong') },
  );

export function registerAccountPages(app: Hono<AppEnv>): void {
  app.get('/account', requireSignedIn, (c) => accountPage(c, c.req.query('done') !== undefined ? { notice: c.get('tr').t('portal.account.saved') } : {}));

  app.post('/account/password', requireRecentAuth, async (c) => {
    const body = await formBody(c);
    const input = validate(z.object({ current: z.string().min(1).max(1024), next: z.string().min(1).max(1024) }), {
      current: field(body, 'current'),
      next: field(body, 'password'),
    });
    try {
      await changePassword(c.get('deps').store.db, signedIn(c), input, requestMeta(c), siteNames(c));
    } catch (err) {
      if (err instanceof AppError && err.code === 'validation_failed') return accountPage(c, { errors: passwordProblemText(c, err), status: 400 });
      throw err;
    }
    return c.redirect(`${portalPath(c, '/account')}?done`, 303);
  });

  app.post('/account/recovery-codes', requireRecentAuth, async (c) =>
    recoveryCodesPage(c, await regenerateRecoveryCodes(c.get('deps').store.db, signedIn(c), requestMeta(c))),
  );

  app.post('/account/passkeys/options', requireRecentAuth, async (c) =>
    c.json(await beginPasskeyRegistration(c.get('deps').store.db, signedIn(c), rpOf(c), new Date())),
  );

  app.post('/account/passkeys', requireRecentAuth, async (c) => {
    const body = validate(
      z.object({ name: z.string().max(60).default(''), response: z.object({ id: z.string().max(1024) }).passthrough() }),
      await c.req.json(),
    );
    await finishPasskeyRegistration(
      c.get('deps').store.db,
      signedIn(c),
      { name: body.name, response: body.response as unknown as Parameters<typeof finishPasskeyRegistration>[2]['response'] },
      rpOf(c),
      requestMeta(c),
    );
    return c.json({ redirect: `${portalPath(c, '/account')}?done` });
  });

  app.post('/account/passkeys/:id/delete', requireRecentAuth, async (c) => {
    await removePasskey(c.get('deps').store.db, signedIn(c), c.req.param('id'), requestMeta(c));
    return c.redirect(`${portalPath(c, '/account')}?done`, 303);
  });

  app.get('/reauth', requireSignedIn, (c) => reauthPage(c, safeLocalPath(c.req.query('next')) ?? portalPath(c, '/account')));

  app.post('/reauth', requireSignedIn, async (c) => {
    const body = await formBody(c);
    const next = safeLocalPath(field(body, 'next')) ?? portalPath(c, '/account');
    const input = validate(z.object({ code: z.string().trim().max(12), password: z.string().max(1024) }), {
      code: field(body, 'code'),
      password: field(body, 'password'),
    });
    try {
      await reauthenticate(c.get('deps').store.db, signedIn(c), { code: input.code || undefined, password: input.password || undefined }, requestMeta(c));
    } catch (err) {
      if (err instanceof AppError && (err.code === 'unauthenticated' || err.code === 'rate_limited'))
        return reauthPage(c, next, c.get('tr').t(err.code === 'rate_limited' ? 'portal.mfa.throttled' : 'portal.reauth.failed'));
      throw err;
    }
    return c.redirect(next, 303);
  });
}
