/** Administration of agencies and accounts (admin role): never shows personal data of notices or cases. */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { assertCanAdminister, roleAllowedFor } from '../../core/permissions.ts';
import { roles, type Principal } from '../../core/principal.ts';
import { assignRoles } from '../../services/accounts/assign-roles.ts';
import { agencyInput, createAgency } from '../../services/accounts/create-agency.ts';
import { createInvite, type IssuedInvite } from '../../services/accounts/create-invite.ts';
import { createUser, userInput } from '../../services/accounts/create-user.ts';
import { resetFactors } from '../../services/accounts/reset-factors.ts';
import { setAgencyStatus } from '../../services/accounts/set-agency-status.ts';
import { setUserStatus } from '../../services/accounts/set-user-status.ts';
import { getAgency, getUser, hasSecondFactor, latestInvite, listAgencies, listUsers } from '../../storage/repositories/accounts.ts';
import type { Agency } from '../../core/accounts.ts';
import type { AppEnv } from '../context.ts';
import { validate } from '../validate.ts';
import { Notice } from '../views/portal/layout.tsx';
import { requestMeta, requirePermission, requireRecentAuth } from './auth-middleware.ts';
import { CsrfField } from './csrf.tsx';
import { field, fields, formBody } from './forms.ts';
import { portalPath } from './paths.ts';
import { renderPortal } from './render.tsx';

function actor(c: Context<AppEnv>): Principal {
  const p = c.get('principal');
  if (!p) throw new AppError('unauthenticated', 'Please sign in.');
  return p;
}

/** Agencies whose accounts this administrator manages: all for the office, else only their own. */
async function scopeAgencies(c: Context<AppEnv>): Promise<Agency[]> {
  const p = actor(c);
  return listAgencies(c.get('deps').store.db, p.agencyIsOffice ? undefined : p.agencyId);
}

function inviteLink(c: Context<AppEnv>, invite: IssuedInvite): string {
  return `${c.get('deps').config.publicUrl}/portal/invite/${invite.token}`;
}

function invitePage(c: Context<AppEnv>, email: string, invite: IssuedInvite, userId: string) {
  const tr = c.get('tr');
  const t = tr.t;
  return renderPortal(
    c,
    t('portal.admin.invite_title'),
    <section class="narrow">
      <h1>{t('portal.admin.invite_title')}</h1>
      <p>{t('portal.admin.invite_intro', { email })}</p>
      <p>
        <label for="invite-link">{t('portal.admin.invite_link')}</label>
        <input id="invite-link" type="text" readonly value={inviteLink(c, invite)} size={80} />
      </p>
      <p>{t('portal.admin.invite_expires', { date: `${tr.date(invite.expiresAt, 'medium')} ${invite.expiresAt.slice(11, 16)} UTC` })}</p>
      <p>
        <a href={portalPath(c, `/admin/users/${userId}`)}>{t('portal.admin.back_to_user')}</a>
      </p>
    </section>,
  );
}

function agenciesPage(c: Context<AppEnv>, agencies: Agency[], notice?: string) {
  const tr = c.get('tr');
  const t = tr.t;
  const token = c.get('csrfToken');
  const me = actor(c);
  return renderPortal(
    c,
    t('portal.admin.agencies'),
    <>
      <h1>{t('portal.admin.agencies')}</h1>
      <Notice text={notice} />
      <table>
        <caption>{t('portal.admin.agencies_caption')}</caption>
        <thead>
          <tr>
            <th scope="col">{t('portal.field.code')}</th>
            <th scope="col">{t('portal.field.name')}</th>
            <th scope="col">{t('portal.field.country')}</th>
            <th scope="col">{t('portal.field.status')}</th>
            <th scope="col">{t('portal.admin.actions')}</th>
          </tr>
        </thead>
        <tbody>
          {agencies.map((a) => (
            <tr>
              <td>{a.code}</td>
              <td>
                <a href={`${portalPath(c, '/admin/users')}?agency=${a.id}`}>{a.name}</a> {a.isOffice ? `(${t('portal.admin.office')})` : ''}
              </td>
              <td>{tr.country(a.country)}</td>
              <td>{a.disabledAt ? t('portal.status.disabled') : t('portal.status.active')}</td>
              <td>
                {a.id === me.agencyId ? null : (
                  <form method="post" action={portalPath(c, `/admin/agencies/${a.id}/${a.disabledAt ? 'enable' : 'disable'}`)} class="inline">
                    <CsrfField token={token} />
                    <button type="submit" aria-label={`${a.disabledAt ? t('portal.admin.enable') : t('portal.admin.disable')} ${a.code}`}>
                      {a.disabledAt ? t('portal.admin.enable') : t('portal.admin.disable')}
                    </button>
                  </form>
                )}
              </td>
            </tr>
          ))}
        </tbody>
      </table>
      <h2>{t('portal.admin.agency_new')}</h2>
      <form method="post" action={portalPath(c, '/admin/agencies')}>
        <CsrfField token={token} />
        <p>
          <label for="code">{t('portal.field.code')}</label>
          <input id="code" name="code" type="text" required maxlength={20} pattern="[A-Za-z0-9][A-Za-z0-9-]{1,19}" />
        </p>
        <p>
          <label for="name">{t('portal.field.name')}</label>
          <input id="name" name="name" type="text" required maxlength={160} />
        </p>
        <p>
          <label for="country">{t('portal.field.country_code')}</label>
          <input id="country" name="country" type="text" required maxlength={2} minlength={2} pattern="[A-Za-z]{2}" />
        </p>
        <p>
          <input id="is-office" name="isOffice" type="checkbox" value="1" /> <label for="is-office">{t('portal.admin.is_office')}</label>
        </p>
        <p>
          <button type="submit">{t('portal.admin.create')}</button>
        </p>
      </form>
    </>,
  );
}

const RolesFieldset = (props: { c: Context<AppEnv>; checked: string[]; isOffice: boolean | undefined }) => {
  const t = props.c.get('tr').t;
  return (
    <fieldset>
      <legend>{t('portal.field.roles')}</legend>
      {roles
        .filter((r) => props.isOffice === undefined || roleAllowedFor(r, props.isOffice))
        .map((r) => (
          <p>
            <input id={`role-${r}`} type="checkbox" name="roles" value={r} checked={props.checked.includes(r)} />{' '}
            <label for={`role-${r}`}>{t(`portal.role.${r}`)}</label>
          </p>
        ))}
    </fieldset>
  );
};

export function registerAdminPages(app: Hono<AppEnv>): void {
  const db = (c: Context<AppEnv>) => c.get('deps').store.db;
  const agencyAdmin = requirePermission('agencies.manage');
  const userAdmin = requirePermission('users.manage');

  app.get('/admin/agencies', agencyAdmin, async (c) =>
    agenciesPage(c, await listAgencies(db(c)), c.req.query('done') !== undefined ? c.get('tr').t('portal.account.saved') : undefined),
  );

  app.post('/admin/agencies', agencyAdmin, async (c) => {
    const body = await formBody(c);
    const input = validate(agencyInput, {
      code: field(body, 'code'),
      name: field(body, 'name'),
      country: field(body, 'country'),
      isOffice: field(body, 'isOffice') === '1',
    });
    await createAgency(db(c), actor(c), input, requestMeta(c));
    return c.redirect(`${portalPath(c, '/admin/agencies')}?done`, 303);
  });

  for (const [verb, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(`/admin/agencies/:id/${verb}`, agencyAdmin, async (c) => {
      await setAgencyStatus(db(c), actor(c), c.req.param('id'), disabled, requestMeta(c));
      return c.redirect(`${portalPath(c, '/admin/agencies')}?done`, 303);
    });
  }

  app.get('/admin/users', userAdmin, async (c) => {
    const tr = c.get('tr');
    const t = tr.t;
    const agencies = await scopeAgencies(c);
    const wanted = c.req.query('agency');
    const filter = agencies.find((a) => a.id === wanted);
    const me = actor(c);
    const users = await listUsers(db(c), filter?.id ?? (me.agencyIsOffice ? undefined : me.agencyId));
    const byId = new Map(agencies.map((a) => [a.id, a]));
    return renderPortal(
      c,
      t('portal.admin.users'),
      <>
        <h1>{t('portal.admin.users')}</h1>
        <Notice text={c.req.query('done') !== undefined ? t('portal.account.saved') : undefined} />
        <table>
          <caption>{filter ? t('portal.admin.users_of', { agency: filter.name }) : t('portal.admin.users_caption')}</caption>
          <thead>
            <tr>
              <th scope="col">{t('portal.field.name')}</th>
              <th scope="col">{t('portal.field.email')}</th>
              <th scope="col">{t('portal.field.agency')}</th>
              <th scope="col">{t('portal.field.roles')}</th>
              <th scope="col">{t('portal.field.status')}</th>
            </tr>
          </thead>
          <tbody>
            {users.map((u) => (
              <tr>
                <td>
                  <a href={portalPath(c, `/admin/users/${u.id}`)}>{u.name}</a>
                </td>
                <td>{u.email}</td>
                <td>{byId.get(u.agencyId)?.code ?? ''}</td>
                <td>{u.roles.map((r) => t(`portal.role.${r}`)).join(', ')}</td>
                <td>{u.disabledAt ? t('portal.status.disabled') : u.passwordHash ? t('portal.status.active') : t('portal.status.invited')}</td>
              </tr>
            ))}
          </tbody>
        </table>
        <h2>{t('portal.admin.user_new')}</h2>
        <form method="post" action={portalPath(c, '/admin/users')}>
          <CsrfField token={c.get('csrfToken')} />
          <p>
            <label for="name">{t('portal.field.name')}</label>
            <input id="name" name="name" type="text" required maxlength={120} autocomplete="off" />
          </p>
          <p>
            <label for="email">{t('portal.field.email')}</label>
            <input id="email" name="email" type="email" required maxlength={254} autocomplete="off" />
          </p>
          <p>
            <label for="agency">{t('portal.field.agency')}</label>
            <select id="agency" name="agencyId" required>
              {agencies
                .filter((a) => !a.disabledAt)
                .map((a) => (
                  <option value={a.id} selected={a.id === (filter?.id ?? me.agencyId)}>
                    {a.code} — {a.name}
                  </option>
                ))}
            </select>
          </p>
          <RolesFieldset c={c} checked={['officer']} isOffice={undefined} />
          <p>
            <button type="submit">{t('portal.admin.create_invite')}</button>
          </p>
        </form>
      </>,
    );
  });

  app.post('/admin/users', userAdmin, async (c) => {
    const body = await formBody(c);
    const input = validate(userInput, {
      email: field(body, 'email'),
      name: field(body, 'name'),
      agencyId: field(body, 'agencyId'),
      roles: fields(body, 'roles'),
    });
    const deps = c.get('deps');
    const created = await createUser(deps.store.db, actor(c), input, requestMeta(c), [deps.config.site.name, deps.config.site.shortName]);
    if (!created.invite) throw new AppError('internal', 'No invite was issued.');
    return invitePage(c, created.user.email, created.invite, created.user.id);
  });

  app.get('/admin/users/:id', userAdmin, async (c) => {
    const tr = c.get('tr');
    const t = tr.t;
    const user = await getUser(db(c), c.req.param('id'));
    if (!user) throw new AppError('not_found', 'The user was not found.');
    const me = actor(c);
    assertCanAdminister(me, user.agencyId);
    const [agency, hasFactor, invite] = await Promise.all([getAgency(db(c), user.agencyId), hasSecondFactor(db(c), user.id), latestInvite(db(c), user.id)]);
    const token = c.get('csrfToken');
    const self = user.id === me.userId;
    const action = (verb: string, label: string) => (
      <form method="post" action={portalPath(c, `/admin/users/${user.id}/${verb}`)}>
        <CsrfField token={token} />
        <button type="submit">{label}</button>
      </form>
    );
    return renderPortal(
      c,
      user.name,
      <>
        <h1>{user.name}</h1>
        <Notice text={c.req.query('done') !== undefined ? t('portal.account.saved') : undefined} />
        <dl class="facts">
          <dt>{t('portal.field.email')}</dt>
          <dd>{user.email}</dd>
          <dt>{t('portal.field.agency')}</dt>
          <dd>{agency ? `${agency.name} (${agency.code})` : ''}</dd>
          <dt>{t('portal.field.status')}</dt>
          <dd>{user.disabledAt ? t('portal.status.disabled') : user.passwordHash ? t('portal.status.active') : t('portal.status.invited')}</dd>
          <dt>{t('portal.account.factors')}</dt>
          <dd>{hasFactor ? t('portal.admin.has_factor') : t('portal.admin.no_factor')}</dd>
          {invite && !invite.usedAt ? (
            <>
              <dt>{t('portal.admin.invite_link')}</dt>
              <dd>{t('portal.admin.invite_expires', { date: `${tr.date(invite.expiresAt, 'medium')} ${invite.expiresAt.slice(11, 16)} UTC` })}</dd>
            </>
          ) : null}
        </dl>
        {self ? (
          <p>{t('portal.admin.self')}</p>
        ) : (
          <>
            <h2>{t('portal.field.roles')}</h2>
            <form method="post" action={portalPath(c, `/admin/users/${user.id}/roles`)}>
              <CsrfField token={token} />
              <RolesFieldset c={c} checked={user.roles} isOffice={agency?.isOffice ?? false} />
              <button type="submit">{t('portal.admin.save_roles')}</button>
            </form>
            <h2>{t('portal.admin.actions')}</h2>
            {action(user.disabledAt ? 'enable' : 'disable', user.disabledAt ? t('portal.admin.enable') : t('portal.admin.disable'))}
            {user.disabledAt ? null : action('reset-factors', t('portal.admin.reset_factors'))}
            {user.disabledAt ? null : action('invite', t('portal.admin.new_invite'))}
          </>
        )}
      </>,
    );
  });

  app.post('/admin/users/:id/roles', userAdmin, async (c) => {
    const parsed = validate(z.object({ roles: z.array(z.enum(roles)).min(1) }), { roles: fields(await formBody(c), 'roles') });
    await assignRoles(db(c), actor(c), c.req.param('id'), parsed.roles, requestMeta(c));
    return c.redirect(`${portalPath(c, `/admin/users/${c.req.param('id')}`)}?done`, 303);
  });

  for (const [verb, disabled] of [['disable', true], ['enable', false]] as const) {
    app.post(`/admin/users/:id/${verb}`, userAdmin, async (c) => {
      await setUserStatus(db(c), actor(c), c.req.param('id'), disabled, requestMeta(c));
      return c.redirect(`${portalPath(c, `/admin/users/${c.req.param('id')}`)}?done`, 303);
    });
  }

  app.post('/admin/users/:id/reset-factors', userAdmin, requireRecentAuth, async (c) => {
    const invite = await resetFactors(db(c), actor(c), c.req.param('id'), requestMeta(c));
    const user = await getUser(db(c), c.req.param('id'));
    return invitePage(c, user?.email ?? '', invite, c.req.param('id'));
  });

  app.post('/admin/users/:id/invite', userAdmin, async (c) => {
    const invite = await createInvite(db(c), actor(c), c.req.param('id'), requestMeta(c));
    const user = await getUser(db(c), c.req.param('id'));
    return invitePage(c, user?.email ?? '', invite, c.req.param('id'));
  });
}
