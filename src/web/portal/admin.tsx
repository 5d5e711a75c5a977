/** Administration of agencies and accounts (admin role): never shows personal data of notices or cases. */
import type { Context } from 'hono';
import { z } from 'zod';
import type { Agency } from '../../core/accounts.ts';
import { AppError } from '../../core/errors.ts';
import { roleAllowedFor } from '../../core/permissions.ts';
import { roles, type Principal } from '../../core/principal.ts';
import { assignRoles } from '../../services/accounts/assign-roles.ts';
import { agencyInput, createAgency } from '../../services/accounts/create-agency.ts';
import { createInvite, type IssuedInvite } from '../../services/accounts/create-invite.ts';
import { createUser, userInput } from '../../services/accounts/create-user.ts';
import { approveFactorReset } from '../../services/accounts/approve-factor-reset.ts';
import { listFactorResetRequests, type FactorResetRequestView } from '../../services/accounts/list-factor-reset-requests.ts';
import { rejectFactorReset } from '../../services/accounts/reject-factor-reset.ts';
import { requestFactorReset } from '../../services/accounts/request-factor-reset.ts';
import type { ActiveSession } from '../../services/sessions/resolve-session.ts';
import { setAgencyStatus } from '../../services/accounts/set-agency-status.ts';
import { setUserStatus } from '../../services/accounts/set-user-status.ts';
import { describeManagedUser, listManagedAgencies, listManagedUsers, type ManagedUser } from '../../services/accounts/list-managed-accounts.ts';
import type { AppEnv } from '../context.ts';
import type { Routes } from '../pipeline/routes.ts';
import { StatusBadge } from '../views/portal/parts/badge.tsx';
import { DataTable } from '../views/portal/parts/data-table.tsx';
import { Checkbox, SelectField, TextField } from '../views/portal/parts/fields.tsx';
import { Notice } from '../views/portal/parts/messages.tsx';
import { PageHeader, type Crumb } from '../views/portal/parts/page-header.tsx';
import { SummaryList } from '../views/portal/parts/summary-list.tsx';
import { whenText } from '../views/portal/parts/time.tsx';
import { CsrfField } from './csrf-field.tsx';
import { portalPath } from '../pipeline/session.ts';
import { renderPortal } from './render.tsx';

function actor(c: Context<AppEnv>): Principal {
  const p = c.get('principal');
  if (!p) throw new AppError('unauthenticated', 'error.detail.sign_in');
  return p;
}

function inviteLink(c: Context<AppEnv>, invite: IssuedInvite): string {
  return `${c.get('deps').config.publicUrl}/portal/invite/${invite.token}`;
}

const homeCrumb = (c: Context<AppEnv>): Crumb => ({ href: portalPath(c, '/'), label: c.get('tr').t('portal.nav.home') });
const usersCrumb = (c: Context<AppEnv>): Crumb => ({ href: portalPath(c, '/admin/users'), label: c.get('tr').t('portal.nav.users') });

/** A user's state in one word, as a badge. */
function UserStatus(props: { c: Context<AppEnv>; user: ManagedUser['user'] }) {
  const t = props.c.get('tr').t;
  const { user } = props;
  if (user.disabledAt) return <StatusBadge tone="inactive" text={t('portal.status.disabled')} />;
  return user.passwordHash ? <StatusBadge tone="active" text={t('portal.status.active')} /> : <StatusBadge tone="warning" text={t('portal.status.invited')} />;
}

function invitePage(c: Context<AppEnv>, email: string, invite: IssuedInvite, userId: string) {
  const tr = c.get('tr');
  const t = tr.t;
  return renderPortal(
    c,
    t('portal.admin.invite_title'),
    <section class="narrow">
      <PageHeader title={t('portal.admin.invite_title')} crumbs={[homeCrumb(c), usersCrumb(c)]} crumbsLabel={t('portal.breadcrumbs')} lead={t('portal.admin.invite_intro', { email })} />
      <TextField id="invite-link" label={t('portal.admin.invite_link')} hint={t('portal.admin.invite_expires', { date: whenText(tr, invite.expiresAt) })} input={{ readonly: true, value: inviteLink(c, invite) }} />
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
      <PageHeader title={t('portal.admin.agencies')} crumbs={[homeCrumb(c)]} crumbsLabel={t('portal.breadcrumbs')} />
      <Notice text={notice} />
      <DataTable
        caption={t('portal.admin.agencies_caption')}
        rows={agencies}
        columns={[
          { label: t('portal.field.code'), cell: (a) => <code>{a.code}</code> },
          {
            label: t('portal.field.name'),
            cell: (a) => (
              <>
                <a href={`${portalPath(c, '/admin/users')}?agency=${a.id}`}>{a.name}</a> {a.isOffice ? <StatusBadge tone="info" text={t('portal.admin.office')} /> : null}
              </>
            ),
          },
          { label: t('portal.field.country'), cell: (a) => tr.country(a.country) },
          { label: t('portal.field.status'), cell: (a) => (a.disabledAt ? <StatusBadge tone="inactive" text={t('portal.status.disabled')} /> : <StatusBadge tone="active" text={t('portal.status.active')} />) },
          {
            label: t('portal.admin.actions'),
            cell: (a) =>
              a.id === me.agencyId ? (
                '—'
              ) : (
                <form method="post" action={portalPath(c, `/admin/agencies/${a.id}/${a.disabledAt ? 'enable' : 'disable'}`)}>
                  <CsrfField token={token} />
                  <button type="submit" class={a.disabledAt ? 'secondary small' : 'warning small'} aria-label={`${a.disabledAt ? t('portal.admin.enable') : t('portal.admin.disable')} ${a.code}`}>
                    {a.disabledAt ? t('portal.admin.enable') : t('portal.admin.disable')}
                  </button>
                </form>
              ),
          },
        ]}
      />
      <h2>{t('portal.admin.agency_new')}</h2>
      <form method="post" action={portalPath(c, '/admin/agencies')}>
        <CsrfField token={token} />
        <TextField id="code" label={t('portal.field.code')} input={{ name: 'code', required: true, maxlength: 20, pattern: '[A-Za-z0-9][A-Za-z0-9-]{1,19}' }} />
        <TextField id="name" label={t('portal.field.name')} input={{ name: 'name', required: true, maxlength: 160 }} />
        <TextField id="country" label={t('portal.field.country_code')} input={{ name: 'country', required: true, maxlength: 2, minlength: 2, pattern: '[A-Za-z]{2}' }} />
        <Checkbox id="is-office" name="isOffice" value="1" label={t('portal.admin.is_office')} />
        <button type="submit">{t('portal.admin.create')}</button>
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
          <Checkbox id={`role-${r}`} name="roles" value={r} label={t(`portal.role.${r}`)} checked={props.checked.includes(r)} />
        ))}
    </fieldset>
  );
};

const done = (c: Context<AppEnv>): string | undefined => (c.req.query('done') !== undefined ? c.get('tr').t('portal.account.saved') : undefined);

function usersPage(c: Context<AppEnv>, data: { agencies: Agency[]; users: ManagedUser['user'][]; filter: Agency | undefined }) {
  const tr = c.get('tr');
  const t = tr.t;
  const { agencies, users, filter } = data;
  const me = actor(c);
  const byId = new Map(agencies.map((a) => [a.id, a]));
  return renderPortal(
    c,
    t('portal.admin.users'),
    <>
      <PageHeader title={t('portal.admin.users')} crumbs={[homeCrumb(c)]} crumbsLabel={t('portal.breadcrumbs')} />
      <Notice text={done(c)} />
      <DataTable
        caption={filter ? t('portal.admin.users_of', { agency: filter.name }) : t('portal.admin.users_caption')}
        rows={users}
        columns={[
          { label: t('portal.field.name'), cell: (u) => <a href={portalPath(c, `/admin/users/${u.id}`)}>{u.name}</a> },
          { label: t('portal.field.email'), cell: (u) => u.email },
          { label: t('portal.field.agency'), cell: (u) => byId.get(u.agencyId)?.code ?? '' },
          { label: t('portal.field.roles'), cell: (u) => u.roles.map((r) => t(`portal.role.${r}`)).join(', ') },
          { label: t('portal.field.status'), cell: (u) => <UserStatus c={c} user={u} /> },
        ]}
      />
      <h2>{t('portal.admin.user_new')}</h2>
      <form method="post" action={portalPath(c, '/admin/users')}>
        <CsrfField token={c.get('csrfToken')} />
        <TextField id="name" label={t('portal.field.name')} input={{ name: 'name', required: true, maxlength: 120, autocomplete: 'off' }} />
        <TextField id="email" label={t('portal.field.email')} input={{ name: 'email', type: 'email', required: true, maxlength: 254, autocomplete: 'off' }} />
        <SelectField
          id="agency"
          name="agencyId"
          label={t('portal.field.agency')}
          required
          selected={filter?.id ?? me.agencyId}
          options={agencies.filter((a) => !a.disabledAt).map((a) => ({ value: a.id, label: `${a.code} — ${a.name}` }))}
        />
        <RolesFieldset c={c} checked={['officer']} isOffice={undefined} />
        <button type="submit">{t('portal.admin.create_invite')}</button>
      </form>
    </>,
  );
}

function userPage(c: Context<AppEnv>, { user, agency, hasFactor, invite }: ManagedUser, resets: FactorResetRequestView[]) {
  const tr = c.get('tr');
  const t = tr.t;
  const me = actor(c);
  const token = c.get('csrfToken');
  const self = user.id === me.userId;
  const action = (verb: string, label: string) => (
    <form method="post" action={portalPath(c, `/admin/users/${user.id}/${verb}`)}>
      <CsrfField token={token} />
      <button type="submit" class={verb === 'disable' ? 'warning' : 'secondary'}>{label}</button>
    </form>
  );
  return renderPortal(
    c,
    user.name,
    <>
      <PageHeader title={user.name} crumbs={[homeCrumb(c), usersCrumb(c)]} crumbsLabel={t('portal.breadcrumbs')} />
      <Notice text={done(c)} />
      <SummaryList
        rows={[
          [t('portal.field.email'), user.email],
          [t('portal.field.agency'), agency ? `${agency.name} (${agency.code})` : ''],
          [t('portal.field.status'), <UserStatus c={c} user={user} />],
          [t('portal.account.factors'), hasFactor ? t('portal.admin.has_factor') : t('portal.admin.no_factor')],
          ...(invite && !invite.usedAt ? [[t('portal.admin.invite_link'), t('portal.admin.invite_expires', { date: whenText(tr, invite.expiresAt) })] as [string, string]] : []),
        ]}
      />
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
          <div class="button-group">
            {action(user.disabledAt ? 'enable' : 'disable', user.disabledAt ? t('portal.admin.enable') : t('portal.admin.disable'))}
            {user.disabledAt || user.passwordHash ? null : action('invite', t('portal.admin.new_invite'))}
          </div>
          <FactorResetPanel c={c} userId={user.id} active={!user.disabledAt && Boolean(user.passwordHash)} resets={resets} />
        </>
      )}
    </>,
  );
}

/** A factor reset takes two administrators: one asks, with a reason; another approves, and only then is a link made. */
function FactorResetPanel(props: { c: Context<AppEnv>; userId: string; active: boolean; resets: FactorResetRequestView[] }) {
  const { c, resets } = props;
  const tr = c.get('tr');
  const t = tr.t;
  const token = c.get('csrfToken');
  if (!props.active) return null;
  return (
    <section aria-labelledby="reset-title">
      <h2 id="reset-title">{t('portal.admin.reset_factors')}</h2>
      <p>{t('portal.admin.reset_intro')}</p>
      {resets.length === 0 ? (
        <form method="post" action={portalPath(c, `/admin/users/${props.userId}/reset-factors`)}>
          <CsrfField token={token} />
          <TextField id="reset-reason" label={t('portal.admin.reset_reason')} input={{ name: 'reason', required: true, minlength: 3, maxlength: 300 }} />
          <button type="submit">{t('portal.admin.reset_request')}</button>
        </form>
      ) : (
        resets.map((r) => (
          <div class="reset-request">
            <p>{t('portal.admin.reset_pending', { by: r.requestedBy.name, date: whenText(tr, r.requestedAt), reason: r.reason })}</p>
            {r.mayApprove ? (
              <form method="post" action={portalPath(c, `/admin/factor-resets/${r.id}/approve`)} class="inline">
                <CsrfField token={token} />
                <button type="submit">{t('portal.admin.reset_approve')}</button>
              </form>
            ) : (
              <p>{t('portal.admin.reset_needs_other')}</p>
            )}
            <form method="post" action={portalPath(c, `/admin/factor-resets/${r.id}/reject`)} class="inline">
              <CsrfField token={token} />
              <button type="submit" class="secondary">{r.mayApprove ? t('portal.admin.reset_reject') : t('portal.admin.reset_withdraw')}</button>
            </form>
          </div>
        ))
      )}
    </section>
  );
}

const idParam = z.object({ id: z.string().min(1).max(40) });
/** Checkbox groups arrive as one string, an array, or nothing at all. */
const asList = (v: unknown): unknown => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const record = (v: unknown): Record<string, unknown> => (typeof v === 'object' && v !== null ? (v as Record<string, unknown>) : {});
const agencyForm = z.preprocess((v) => ({ ...record(v), isOffice: record(v).isOffice === '1' }), agencyInput);
const userForm = z.preprocess((v) => ({ ...record(v), roles: asList(record(v).roles) }), userInput);
const rolesForm = z.object({ roles: z.preprocess(asList, z.array(z.enum(roles)).min(1)) });
const doneQuery = z.object({ done: z.string().optional() });
const agencyFilter = z.object({ agency: z.string().max(40).optional(), done: z.string().optional() });

const siteNames = (c: { deps: { config: { site: { name: string; shortName: string } } } }) => [c.deps.config.site.name, c.deps.config.site.shortName];
const resetForm = z.object({ reason: z.string().trim().min(3).max(300) });
const sessionOf = (s: ActiveSession | undefined): ActiveSession => {
  if (!s) throw new AppError('unauthenticated', 'error.detail.sign_in');
  return s;
};
const signedIn = (p: Principal | undefined): Principal => {
  if (!p) throw new AppError('unauthenticated', 'error.detail.sign_in');
  return p;
};

export function registerAdminPages(routes: Routes): void {
  routes.portalPage('/portal/admin/agencies', {
    authorise: 'agencies.manage',
    input: { query: doneQuery },
    run: ({ db, principal }) => listManagedAgencies(db, signedIn(principal)),
    render: (c, agencies) => agenciesPage(c, agencies, done(c)),
  });

  routes.portalAction('/portal/admin/agencies', {
    authorise: 'agencies.manage',
    input: { body: agencyForm },
    run: ({ db, principal, input, meta }) => createAgency(db, signedIn(principal), input.body, meta),
    render: (c) => c.redirect(`${portalPath(c, '/admin/agencies')}?done`, 303),
  });

  for (const [verb, disabled] of [['disable', true], ['enable', false]] as const) {
    routes.portalAction(`/portal/admin/agencies/:id/${verb}`, {
      authorise: 'agencies.manage',
      input: { params: idParam },
      run: ({ db, principal, input, meta }) => setAgencyStatus(db, signedIn(principal), input.params.id, disabled, meta),
      render: (c) => c.redirect(`${portalPath(c, '/admin/agencies')}?done`, 303),
    });
  }

  routes.portalPage('/portal/admin/users', {
    authorise: 'users.manage',
    input: { query: agencyFilter },
    run: ({ db, principal, input }) => listManagedUsers(db, signedIn(principal), input.query.agency),
    render: (c, data) => usersPage(c, data),
  });

  routes.portalAction('/portal/admin/users', {
    authorise: 'users.manage',
    input: { body: userForm },
    run: async (call) => {
      const created = await createUser(call.db, signedIn(call.principal), call.input.body, call.meta, siteNames(call));
      if (!created.invite) throw new AppError('internal');
      return { email: created.user.email, invite: created.invite, userId: created.user.id };
    },
    render: (c, out) => invitePage(c, out.email, out.invite, out.userId),
  });

  routes.portalPage('/portal/admin/users/:id', {
    authorise: 'users.manage',
    input: { params: idParam, query: doneQuery },
    run: async ({ db, principal, input, meta }) => {
      const managed = await describeManagedUser(db, signedIn(principal), input.params.id);
      const resets = (await listFactorResetRequests(db, signedIn(principal), meta.now)).filter((r) => r.user.id === managed.user.id);
      return { managed, resets };
    },
    render: (c, { managed, resets }) => userPage(c, managed, resets),
  });

  routes.portalAction('/portal/admin/users/:id/roles', {
    authorise: 'users.manage',
    input: { params: idParam, body: rolesForm },
    run: ({ db, principal, input, meta }) => assignRoles(db, signedIn(principal), input.params.id, input.body.roles, meta),
    render: (c, _out, input) => c.redirect(`${portalPath(c, `/admin/users/${input.params.id}`)}?done`, 303),
  });

  for (const [verb, disabled] of [['disable', true], ['enable', false]] as const) {
    routes.portalAction(`/portal/admin/users/:id/${verb}`, {
      authorise: 'users.manage',
      input: { params: idParam },
      run: ({ db, principal, input, meta }) => setUserStatus(db, signedIn(principal), input.params.id, disabled, meta),
      render: (c, _out, input) => c.redirect(`${portalPath(c, `/admin/users/${input.params.id}`)}?done`, 303),
    });
  }

  routes.portalAction('/portal/admin/users/:id/reset-factors', {
    authorise: 'users.manage',
    recentAuth: true,
    input: { params: idParam, body: resetForm },
    run: ({ db, session, input, meta }) => requestFactorReset(db, sessionOf(session), { userId: input.params.id, reason: input.body.reason }, meta),
    render: (c, _out, input) => c.redirect(`${portalPath(c, `/admin/users/${input.params.id}`)}?done`, 303),
  });

  routes.portalAction('/portal/admin/factor-resets/:id/approve', {
    authorise: 'users.manage',
    recentAuth: true,
    input: { params: idParam },
    run: async ({ db, session, principal, input, meta }) => {
      const { request, invite } = await approveFactorReset(db, sessionOf(session), input.params.id, meta);
      const { user } = await describeManagedUser(db, signedIn(principal), request.userId);
      return { invite, email: user.email, userId: user.id };
    },
    render: (c, out) => invitePage(c, out.email, out.invite, out.userId),
  });

  routes.portalAction('/portal/admin/factor-resets/:id/reject', {
    authorise: 'users.manage',
    input: { params: idParam },
    run: ({ db, session, input, meta }) => rejectFactorReset(db, sessionOf(session), input.params.id, meta),
    render: (c) => c.redirect(`${portalPath(c, '/admin/users')}?done`, 303),
  });

  routes.portalAction('/portal/admin/users/:id/invite', {
    authorise: 'users.manage',
    input: { params: idParam },
    run: async ({ db, principal, input, meta }) => {
      const invite = await createInvite(db, signedIn(principal), input.params.id, meta);
      const { user } = await describeManagedUser(db, signedIn(principal), input.params.id);
      return { invite, email: user.email };
    },
    render: (c, out, input) => invitePage(c, out.email, out.invite, input.params.id),
  });
}
