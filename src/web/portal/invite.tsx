/** Invite and reset links: the invitee sets a password, then goes on to enrol the authenticator app. */
import type { Context } from 'hono';
import { z } from 'zod';
import type { Config } from '../../config/config.ts';
import { acceptInvite, findUsableInvite } from '../../services/accounts/accept-invite.ts';
import type { AppEnv } from '../context.ts';
import { errorMessage } from '../errors.tsx';
import { writeCookie } from '../pipeline/cookies.ts';
import type { Routes } from '../pipeline/routes.ts';
import { portalPath } from '../pipeline/session.ts';
import { ErrorSummary } from '../views/portal/parts/messages.tsx';
import { TextField } from '../views/portal/parts/fields.tsx';
import { PageHeader } from '../views/portal/parts/page-header.tsx';
import { CsrfField } from './csrf-field.tsx';
import { renderPortal } from './render.tsx';

/** Any token string: one that is malformed, unknown, used or expired gets the same "not valid" answer from the use case. */
const tokenParams = z.object({ token: z.string() });
const inviteForm = z.object({ token: z.string().min(1).max(100), password: z.string().min(1).max(1024) });

type InviteView = { token: string; email: string };

function invitePage(c: Context<AppEnv>, view: InviteView, error?: string) {
  const t = c.get('tr').t;
  return renderPortal(
    c,
    t('portal.invite.title'),
    <section class="narrow">
      <PageHeader title={t('portal.invite.title')} lead={t('portal.invite.intro', { email: view.email })} />
      <ErrorSummary title={t('portal.form.problem')} messages={error ? [{ field: 'password', text: error }] : []} />
      <form method="post" action={portalPath(c, '/invite')}>
        <CsrfField token={c.get('csrfToken')} />
        <input type="hidden" name="token" value={view.token} />
        <input type="text" name="username" autocomplete="username" value={view.email} hidden readonly />
        <TextField
          id="password"
          label={t('portal.field.new_password')}
          hint={t('portal.password.hint')}
          error={error}
          input={{ name: 'password', type: 'password', autocomplete: 'new-password', required: true, minlength: 12, maxlength: 128 }}
        />
        <button type="submit">{t('portal.invite.submit')}</button>
      </form>
    </section>,
    { status: error ? 400 : 200 },
  );
}

const siteNames = (config: Config): string[] => [config.site.name, config.site.shortName];

export function registerInvitePages(routes: Routes): void {
  routes.portalPage('/portal/invite/:token', {
    auth: 'optional-session',
    authorise: 'public',
    limit: 'sign-in',
    input: { params: tokenParams },
    run: async ({ db, input, meta }) => {
      const { user } = await findUsableInvite(db, input.params.token, meta.now);
      return { token: input.params.token, email: user.email };
    },
    render: (c, view) => invitePage(c, view),
  });

  // The password is hashed (argon2) before the short transaction that uses the link, records the audit entry and
  // opens the enrolment session; the use case runs those steps itself.
  routes.portalAction('/portal/invite', {
    auth: 'optional-session',
    authorise: 'public',
    limit: 'sign-in',
    transaction: 'steps',
    audit: 'use-case',
    input: { body: inviteForm },
    run: ({ db, input, meta, deps }) => acceptInvite(db, input.body, meta, siteNames(deps.config)),
    render: (c, result) => {
      writeCookie(c, 'session', result.token);
      return c.redirect(portalPath(c, '/enrol'), 303);
    },
    recover: (c, err, input) => {
      const issue = err.code === 'validation_failed' ? err.issues[0] : undefined;
      if (!issue) return undefined;
      const tr = c.get('tr');
      const key = `portal.password.${issue.message}`;
      const message = tr.knows(key) ? tr.t(key) : errorMessage(tr, err);
      const { token } = input.body;
      return findUsableInvite(c.get('deps').db, token, new Date()).then(({ user }) => invitePage(c, { token, email: user.email }, message));
    },
  });
}
