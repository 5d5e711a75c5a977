/** The user's own account: identity, sessions, second factors, password; and re-authentication before sensitive changes. */
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError, type FieldIssue } from '../../core/errors.ts';
import type { Config } from '../../config/config.ts';
import { changePassword } from '../../services/accounts/change-password.ts';
import { describeAccount, type AccountView } from '../../services/accounts/describe-account.ts';
import { regenerateRecoveryCodes } from '../../services/accounts/regenerate-recovery-codes.ts';
import { beginPasskeyRegistration, finishPasskeyRegistration, relyingParty } from '../../services/accounts/register-passkey.ts';
import { removePasskey } from '../../services/accounts/remove-passkey.ts';
import { reauthenticate } from '../../services/sessions/reauthenticate.ts';
import type { ActiveSession } from '../../services/sessions/resolve-session.ts';
import type { AppEnv } from '../context.ts';
import type { Routes } from '../pipeline/routes.ts';
import { portalPath, safeLocalPath } from '../pipeline/session.ts';
import { describeUserAgent } from '../../core/user-agent.ts';
import { StatusBadge } from '../views/portal/parts/badge.tsx';
import { DataTable } from '../views/portal/parts/data-table.tsx';
import { TextField } from '../views/portal/parts/fields.tsx';
import { ErrorSummary, Notice } from '../views/portal/parts/messages.tsx';
import { PageHeader } from '../views/portal/parts/page-header.tsx';
import { SummaryList } from '../views/portal/parts/summary-list.tsx';
import { When } from '../views/portal/parts/time.tsx';
import { CsrfField } from './csrf-field.tsx';
import { recoveryCodesPage } from './enrol.tsx';
import { renderPortal } from './render.tsx';

/** The pipeline authenticated the session before `run`; its absence here would be a wiring bug, answered as signed out. */
function signedIn(session: ActiveSession | undefined): ActiveSession {
  if (!session?.principal) throw new AppError('unauthenticated', 'error.detail.sign_in');
  return session;
}

const siteNames = (config: Config): string[] => [config.site.name, config.site.shortName];
const rpOf = (config: Config) => relyingParty(config.publicUrl, config.site.name);

type Problem = { field?: string; text: string };

/** A session's browser and system in words ("Chrome on Linux"), from what the browser sent when the session began. */
function deviceOf(t: (key: string, values?: Record<string, string>) => string, userAgent: string | null): string {
  const { browser, system } = describeUserAgent(userAgent);
  if (browser && system) return t('portal.account.device', { browser, system });
  return browser ?? system ?? t('portal.account.device_unknown');
}

function accountPage(c: Context<AppEnv>, view: AccountView, opts: { notice?: string; errors?: Problem[]; status?: 200 | 400 } = {}) {
  const tr = c.get('tr');
  const t = tr.t;
  const token = c.get('csrfToken');
  const errorFor = (field: string) => opts.errors?.find((e) => e.field === field)?.text;
  return renderPortal(
    c,
    t('portal.account.title'),
    <>
      <PageHeader title={t('portal.account.title')} crumbs={[{ href: portalPath(c, '/'), label: t('portal.nav.home') }]} crumbsLabel={t('portal.breadcrumbs')} />
      <Notice text={opts.notice} />
      <ErrorSummary title={t('portal.form.problem')} messages={opts.errors ?? []} />
      <SummaryList
        rows={[
          [t('portal.field.name'), view.name],
          [t('portal.field.email'), view.email],
          [t('portal.field.agency'), `${view.agency.name} (${view.agency.code}, ${tr.country(view.agency.country)})`],
          [t('portal.field.roles'), view.roles.map((r) => t(`portal.role.${r}`)).join(', ')],
        ]}
      />

      <h2>{t('portal.account.factors')}</h2>
      <SummaryList
        rows={[
          [
            t('portal.account.totp'),
            <>
              <StatusBadge tone={view.hasTotp ? 'active' : 'warning'} text={view.hasTotp ? t('portal.account.totp_on') : t('portal.account.totp_off')} />{' '}
              <a href={portalPath(c, '/enrol')}>{view.hasTotp ? t('portal.account.totp_replace') : t('portal.account.totp_add')}</a>
            </>,
          ],
          [
            t('portal.account.codes'),
            <>
              <p>{view.recoveryCodesMade === 0 ? t('portal.account.codes_none') : t('portal.account.codes_left', { count: view.unusedRecoveryCodes })}</p>
              <form method="post" action={portalPath(c, '/account/recovery-codes')}>
                <CsrfField token={token} />
                <button type="submit" class="secondary small">{t('portal.account.codes_new')}</button>
              </form>
            </>,
          ],
        ]}
      />

      <h3>{t('portal.account.passkeys')}</h3>
      {view.passkeys.length ? (
        <DataTable
          caption={t('portal.account.passkeys')}
          captionHidden
          rows={view.passkeys}
          columns={[
            { label: t('portal.field.name'), cell: (p) => p.name },
            { label: t('portal.account.passkey_added'), cell: (p) => <When tr={tr} iso={p.createdAt} /> },
            {
              label: t('portal.admin.actions'),
              hideLabel: true,
              cell: (p) => (
                <form method="post" action={portalPath(c, `/account/passkeys/${p.id}/delete`)}>
                  <CsrfField token={token} />
                  <button type="submit" class="warning small" aria-label={t('portal.account.passkey_remove_named', { name: p.name })}>
                    {t('portal.account.passkey_remove')}
                  </button>
                </form>
              ),
            },
          ]}
        />
      ) : (
        <p>{t('portal.account.no_passkeys')}</p>
      )}
      <div id="passkey-register" class="passkey" hidden data-msg-unsupported={t('portal.passkey.unsupported')} data-msg-working={t('portal.passkey.working')} data-msg-failed={t('portal.passkey.failed')} data-options={portalPath(c, '/account/passkeys/options')} data-verify={portalPath(c, '/account/passkeys')} data-csrf={token}>
        <TextField id="passkey-name" label={t('portal.account.passkey_name')} input={{ maxlength: 60 }} />
        <p>
          <button type="button" id="passkey-register-button" class="secondary">{t('portal.account.passkey_add')}</button>
        </p>
        <p class="passkey-status" role="status"></p>
      </div>

      <h2>{t('portal.account.password')}</h2>
      <form method="post" action={portalPath(c, '/account/password')}>
        <CsrfField token={token} />
        <TextField id="current" label={t('portal.field.current_password')} error={errorFor('current')} input={{ name: 'current', type: 'password', autocomplete: 'current-password', required: true, maxlength: 1024 }} />
        <TextField
          id="password"
          label={t('portal.field.new_password')}
          hint={t('portal.password.hint')}
          error={errorFor('password')}
          input={{ name: 'password', type: 'password', autocomplete: 'new-password', required: true, minlength: 12, maxlength: 128 }}
        />
        <button type="submit">{t('portal.account.password_submit')}</button>
      </form>

      <h2>{t('portal.account.sessions')}</h2>
      <DataTable
        caption={t('portal.account.sessions_caption')}
        rows={view.sessions}
        columns={[
          { label: t('portal.account.session_device'), cell: (s) => <>{deviceOf(t, s.userAgent)} {s.current ? <StatusBadge tone="info" text={t('portal.account.this_session')} /> : null}</> },
          { label: t('portal.account.session_address'), cell: (s) => s.ip ?? '—' },
          { label: t('portal.account.session_started'), cell: (s) => <When tr={tr} iso={s.createdAt} /> },
          { label: t('portal.account.session_seen'), cell: (s) => <When tr={tr} iso={s.lastSeenAt} /> },
        ]}
      />
      <form method="post" action={portalPath(c, '/sign-out-everywhere')}>
        <CsrfField token={token} />
        <button type="submit" class="warning">{t('portal.account.sign_out_everywhere')}</button>
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
      <PageHeader title={t('portal.reauth.title')} lead={t('portal.reauth.intro')} />
      <ErrorSummary title={t('portal.form.problem')} messages={error ? [{ text: error }] : []} />
      <form method="post" action={portalPath(c, '/reauth')}>
        <CsrfField token={token} />
        <input type="hidden" name="next" value={next} />
        <TextField id="code" label={t('portal.field.totp_code')} input={{ name: 'code', inputmode: 'numeric', autocomplete: 'one-time-code', maxlength: 7 }} />
        <p>{t('portal.reauth.or')}</p>
        <TextField id="password" label={t('portal.field.password')} input={{ name: 'password', type: 'password', autocomplete: 'current-password', maxlength: 1024 }} />
        <button type="submit">{t('portal.reauth.submit')}</button>
      </form>
    </section>,
    { status: error ? 401 : 200 },
  );
}

/** The password policy names its problem (`common`, `too_short`…); anything else about the form is the current password. */
const passwordProblems = (c: Context<AppEnv>, issues: FieldIssue[]): Problem[] =>
  issues.map((i) =>
    i.field === 'password'
      ? { field: 'password', text: c.get('tr').t(`portal.password.${i.message}`) }
      : { field: 'current', text: c.get('tr').t('portal.account.current_wrong') },
  );

const accountDone = (c: Context<AppEnv>): string => `${portalPath(c, '/account')}?done`;

/** Where re-authentication sends the user back to: a page of this portal, else the account page. */
const nextOf = (c: Context<AppEnv>, next: string | undefined): string => safeLocalPath(next) ?? portalPath(c, '/account');

const passwordForm = z.object({ current: z.string().min(1).max(1024), password: z.string().min(1).max(1024) });
const passkeyBody = z.object({ name: z.string().max(60).default(''), response: z.object({ id: z.string().max(1024) }).passthrough() });
const passkeyParams = z.object({ id: z.string().max(64) });
const reauthQuery = z.object({ next: z.string().optional().catch(undefined) });
const reauthForm = z.object({ next: z.string().optional().catch(undefined), code: z.string().trim().max(12).default(''), password: z.string().max(1024).default('') });

type PasswordOutcome = { changed: true } | { changed: false; problems: FieldIssue[]; account: AccountView };

export function registerAccountPages(routes: Routes): void {
  routes.portalPage('/portal/account', {
    authorise: 'portal.use',
    input: { query: z.object({ done: z.string().optional() }) },
    run: ({ db, session }) => describeAccount(db, signedIn(session)),
    render: (c, view, { query }) => accountPage(c, view, query.done !== undefined ? { notice: c.get('tr').t('portal.account.saved') } : {}),
  });

  // Argon2 runs outside any transaction; the use case writes the new hash, ends the other sessions and audits in one.
  routes.portalAction('/portal/account/password', {
    authorise: 'portal.use',
    limit: 'sign-in',
    recentAuth: true,
    transaction: 'steps',
    audit: 'use-case',
    input: { body: passwordForm },
    run: async ({ db, session, input, meta, deps }): Promise<PasswordOutcome> => {
      const active = signedIn(session);
      try {
        await changePassword(db, active, { current: input.body.current, next: input.body.password }, meta, siteNames(deps.config));
        return { changed: true };
      } catch (err) {
        // The form is shown again over the account page, whose data only a use case may read: hence here, not in `recover`.
        if (err instanceof AppError && err.code === 'validation_failed') return { changed: false, problems: err.issues, account: await describeAccount(db, active) };
        throw err;
      }
    },
    render: (c, out) => (out.changed ? c.redirect(accountDone(c), 303) : accountPage(c, out.account, { errors: passwordProblems(c, out.problems), status: 400 })),
  });

  routes.portalAction('/portal/account/recovery-codes', {
    authorise: 'portal.use',
    recentAuth: true,
    run: ({ db, session, meta }) => regenerateRecoveryCodes(db, signedIn(session), meta),
    render: (c, codes) => recoveryCodesPage(c, codes),
  });

  // Only a challenge is stored on the session: nothing about the account changes until the passkey is verified.
  routes.portalAction('/portal/account/passkeys/options', {
    authorise: 'portal.use',
    recentAuth: true,
    audit: 'use-case',
    run: ({ db, session, meta, deps }) => beginPasskeyRegistration(db, signedIn(session), rpOf(deps.config), meta.now),
    render: (c, options) => c.json(options),
  });

  routes.portalAction('/portal/account/passkeys', {
    authorise: 'portal.use',
    recentAuth: true,
    input: { body: passkeyBody },
    run: ({ db, session, input, meta, deps }) =>
      finishPasskeyRegistration(
        db,
        signedIn(session),
        // The schema checks the envelope; the WebAuthn library verifies the rest of the browser's response.
        { name: input.body.name, response: input.body.response as unknown as Parameters<typeof finishPasskeyRegistration>[2]['response'] },
        rpOf(deps.config),
        meta,
      ),
    render: (c) => c.json({ redirect: accountDone(c) }),
  });

  routes.portalAction('/portal/account/passkeys/:id/delete', {
    authorise: 'portal.use',
    recentAuth: true,
    input: { params: passkeyParams },
    run: ({ db, session, input, meta }) => removePasskey(db, signedIn(session), input.params.id, meta),
    render: (c) => c.redirect(accountDone(c), 303),
  });

  routes.portalPage('/portal/reauth', {
    authorise: 'portal.use',
    input: { query: reauthQuery },
    run: async () => undefined,
    render: (c, _out, { query }) => reauthPage(c, nextOf(c, query.next)),
  });

  // Password verification is slow and failures are counted in their own transaction: the use case runs its steps.
  routes.portalAction('/portal/reauth', {
    authorise: 'portal.use',
    limit: 'sign-in',
    transaction: 'steps',
    audit: 'use-case',
    input: { body: reauthForm },
    run: ({ db, session, input, meta }) =>
      reauthenticate(db, signedIn(session), { code: input.body.code || undefined, password: input.body.password || undefined }, meta),
    render: (c, _out, { body }) => c.redirect(nextOf(c, body.next), 303),
    recover: (c, err, { body }) =>
      err.code === 'unauthenticated' || err.code === 'rate_limited'
        ? reauthPage(c, nextOf(c, body.next), c.get('tr').t(err.code === 'rate_limited' ? 'portal.mfa.throttled' : 'portal.reauth.failed'))
        : undefined,
  });
}
