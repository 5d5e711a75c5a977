/** Invite and reset links: the invitee sets a password, then goes on to enrol the authenticator app. */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { acceptInvite, findUsableInvite } from '../../services/accounts/accept-invite.ts';
import type { AppEnv } from '../context.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { validate } from '../validate.ts';
import { ErrorSummary } from '../views/portal/layout.tsx';
import { requestMeta } from './auth-middleware.ts';
import { writeCookie } from './cookies.ts';
import { CsrfField } from './csrf.tsx';
import { field, formBody } from './forms.ts';
import { portalPath } from './paths.ts';
import { renderPortal } from './render.tsx';

async function invitePage(c: Context<AppEnv>, token: string, error?: string) {
  const t = c.get('tr').t;
  const { user } = await findUsableInvite(c.get('deps').store.db, token, new Date());
  return renderPortal(
    c,
    t('portal.invite.title'),
    <section class="narrow">
      <h1>{t('portal.invite.title')}</h1>
      <ErrorSummary title={t('portal.form.problem')} messages={error ? [{ field: 'password', text: error }] : []} />
      <p>{t('portal.invite.intro', { email: user.email })}</p>
      <form method="post" action={portalPath(c, '/invite')}>
        <CsrfField token={c.get('csrfToken')} />
        <input type="hidden" name="token" value={token} />
        <input type="text" name="username" autocomplete="username" value={user.email} hidden readonly />
        <p>
          <label for="password">{t('portal.field.new_password')}</label>
          <input id="password" name="password" type="password" autocomplete="new-password" required minlength={12} maxlength={128} aria-describedby="password-hint" />
          <span id="password-hint" class="hint">{t('portal.password.hint')}</span>
        </p>
        <p>
          <button type="submit">{t('portal.invite.submit')}</button>
        </p>
      </form>
    </section>,
    { status: error ? 400 : 200 },
  );
}

export function registerInvitePages(app: Hono<AppEnv>): void {
  const limit = rateLimit({ name: 'portal-invite', ratePerSecond: 1, burst: 20 });

  app.get('/invite/:token', limit, (c) => invitePage(c, c.req.param('token')));

  app.post('/invite', limit, async (c) => {
    const body = await formBody(c);
    const input = validate(z.object({ token: z.string().min(1).max(100), password: z.string().min(1).max(1024) }), {
      token: field(body, 'token'),
      password: field(body, 'password'),
    });
    const deps = c.get('deps');
    try {
      const result = await acceptInvite(deps.store.db, input, requestMeta(c), [deps.config.site.name, deps.config.site.shortName]);
      writeCookie(c, 'session', result.token);
      return c.redirect(portalPath(c, '/enrol'), 303);
    } catch (err) {
      const issue = err instanceof AppError && err.code === 'validation_failed' ? err.issues[0] : undefined;
      if (issue) return invitePage(c, input.token, c.get('tr').t(`portal.password.${issue.message}`));
      throw err;
    }
  });
}
