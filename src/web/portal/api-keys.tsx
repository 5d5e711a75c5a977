/** The user's own API keys: list, create (after re-authentication; the key is shown once) and revoke. */
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import type { Principal } from '../../core/principal.ts';
import { apiKeyInput, createApiKey, MAX_KEY_DAYS, type CreatedApiKey } from '../../services/api-keys/create-api-key.ts';
import { keyNamed, listOwnApiKeys, type OwnApiKey } from '../../services/api-keys/list-own-api-keys.ts';
import { revokeApiKey } from '../../services/api-keys/revoke-api-key.ts';
import type { AppEnv } from '../context.ts';
import type { Routes } from '../pipeline/routes.ts';
import { portalPath } from '../pipeline/session.ts';
import { StatusBadge } from '../views/portal/parts/badge.tsx';
import { DataTable } from '../views/portal/parts/data-table.tsx';
import { EmptyState } from '../views/portal/parts/empty-state.tsx';
import { Checkbox, TextField } from '../views/portal/parts/fields.tsx';
import { Banner, ErrorSummary } from '../views/portal/parts/messages.tsx';
import { PageHeader } from '../views/portal/parts/page-header.tsx';
import { When } from '../views/portal/parts/time.tsx';
import { CsrfField } from './csrf-field.tsx';
import { renderPortal } from './render.tsx';

/** The creation form as typed; every rule on its values belongs to the use case, which reports them together. */
const createForm = z.object({
  name: z.string().max(1000).default(''),
  days: z.string().max(20).default('90'),
  readOnly: z.union([z.string(), z.array(z.string())]).optional(),
  addresses: z.string().max(2000).default(''),
});
type CreateForm = z.output<typeof createForm>;

const keyParams = z.object({ id: z.string().max(64) });

/** The form fields a refusal points at: the id of the input, and why it was refused. */
type FormField = 'name' | 'days' | 'addresses';
type Problem = { field: FormField; reason: 'invalid' } | { field: 'name'; reason: 'taken'; by: string };

const fieldIds: Record<FormField, string> = { name: 'k-name', days: 'k-days', addresses: 'k-addr' };

type KeysPage = {
  keys: OwnApiKey[];
  created?: CreatedApiKey;
  /** Set when the creation was refused: the form is shown again with what was typed and what is wrong. */
  refused?: { problems: Problem[]; values: CreateForm };
};

/** The pipeline authorised the principal before `run`; its absence here would be a wiring bug, answered as signed out. */
function owner(principal: Principal | undefined): Principal {
  if (!principal) throw new AppError('unauthenticated', 'error.detail.sign_in');
  return principal;
}

/** The use case's rules name its own fields (`expiresDays`, `allowedAddresses.3`…); the form has fewer, each shown once. */
function problemsOf(paths: string[]): Problem[] {
  const fields = new Set<FormField>(paths.map((p) => (p.startsWith('expiresDays') ? 'days' : p.startsWith('allowedAddresses') ? 'addresses' : 'name')));
  return [...fields].map((field) => ({ field, reason: 'invalid' }));
}

const settingsOf = (form: CreateForm) => ({
  name: form.name,
  // An empty or non-numeric entry reaches the use case's rules as NaN or 0 and is refused there with the others.
  expiresDays: form.days.trim() === '' ? Number.NaN : Number(form.days),
  readOnly: form.readOnly !== undefined,
  allowedAddresses: form.addresses.split(/[\s,]+/).filter(Boolean),
});

function keysPage(c: Context<AppEnv>, page: KeysPage): Promise<Response> {
  const tr = c.get('tr');
  const t = tr.t;
  const token = c.get('csrfToken');
  const { keys, created, refused } = page;
  const messageOf = (p: Problem): string =>
    p.reason === 'taken' ? t('apikeys.error.name_taken', { name: p.by }) : t(`apikeys.error.${p.field}`, { max: MAX_KEY_DAYS });
  const problem = (field: FormField) => refused?.problems.find((p) => p.field === field);
  const errorOf = (field: FormField): string | undefined => {
    const p = problem(field);
    return p ? messageOf(p) : undefined;
  };
  const values = refused?.values;
  const stateTone = { active: 'active', expired: 'inactive', revoked: 'danger' } as const;
  return renderPortal(
    c,
    t('apikeys.title'),
    <>
      <PageHeader title={t('apikeys.title')} crumbs={[{ href: portalPath(c, '/'), label: t('portal.nav.home') }]} crumbsLabel={t('portal.breadcrumbs')} lead={t('apikeys.intro')} />
      {created ? (
        <Banner tone="success" title={t('apikeys.created')}>
          <p>{t('apikeys.once')}</p>
          <p>
            <code class="secret">{created.key}</code>
          </p>
        </Banner>
      ) : null}
      <ErrorSummary title={t('portal.form.problem')} messages={(refused?.problems ?? []).map((p) => ({ field: fieldIds[p.field], text: messageOf(p) }))} />
      {keys.length === 0 ? (
        <EmptyState title={t('apikeys.none')}>
          <p>{t('apikeys.none_text')}</p>
        </EmptyState>
      ) : (
        <DataTable
          caption={t('apikeys.yours')}
          rows={keys}
          columns={[
            { label: t('apikeys.col.name'), cell: (k) => k.name },
            { label: t('apikeys.col.state'), cell: (k) => <StatusBadge tone={stateTone[k.state]} text={t(`apikeys.${k.state}`)} /> },
            { label: t('apikeys.col.created'), cell: (k) => tr.date(k.createdAt, 'medium') },
            { label: t('apikeys.col.expires'), cell: (k) => tr.date(k.expiresAt, 'medium') },
            { label: t('apikeys.col.last_used'), cell: (k) => (k.lastUsedAt ? <When tr={tr} iso={k.lastUsedAt} /> : '—') },
            { label: t('apikeys.col.scope'), cell: (k) => (k.readOnly ? t('apikeys.read_only') : t('apikeys.read_write')) },
            { label: t('apikeys.col.addresses'), cell: (k) => (k.allowedAddresses.length ? k.allowedAddresses.join(', ') : t('apikeys.any_address')) },
            {
              label: t('apikeys.col.actions'),
              hideLabel: true,
              cell: (k) =>
                k.state === 'revoked' ? null : (
                  <form method="post" action={portalPath(c, `/api-keys/${k.id}/revoke`)}>
                    <CsrfField token={token} />
                    <button type="submit" class="warning small" aria-label={t('apikeys.revoke_named', { name: k.name })}>
                      {t('apikeys.revoke')}
                    </button>
                  </form>
                ),
            },
          ]}
        />
      )}
      <h2>{t('apikeys.new')}</h2>
      <form method="post" action={portalPath(c, '/api-keys')}>
        <CsrfField token={token} />
        <TextField id="k-name" label={t('apikeys.name')} error={errorOf('name')} input={{ name: 'name', required: true, maxlength: 100, value: values?.name }} />
        <TextField id="k-days" label={t('apikeys.days')} error={errorOf('days')} input={{ name: 'days', type: 'number', min: 1, max: MAX_KEY_DAYS, value: values?.days ?? '90', required: true }} />
        <Checkbox id="k-ro" name="readOnly" value="1" label={t('apikeys.read_only')} checked={values?.readOnly !== undefined} />
        <TextField id="k-addr" label={t('apikeys.addresses')} hint={t('apikeys.addresses_hint')} error={errorOf('addresses')} input={{ name: 'addresses', maxlength: 1000, value: values?.addresses }} />
        <button type="submit">{t('apikeys.create')}</button>
      </form>
    </>,
    { status: refused ? 400 : 200 },
  );
}

export function registerApiKeyPages(routes: Routes): void {
  routes.portalPage('/portal/api-keys', {
    authorise: 'apikeys.own',
    run: async ({ db, principal, meta }): Promise<KeysPage> => ({ keys: await listOwnApiKeys(db, owner(principal).userId, meta.now) }),
    render: keysPage,
  });

  // The use case audits the key it creates; a refused form changes nothing, so it leaves no entry (hence 'use-case').
  routes.portalAction('/portal/api-keys', {
    authorise: 'apikeys.own',
    recentAuth: true,
    audit: 'use-case',
    input: { body: createForm },
    run: async ({ db, principal, input, meta }): Promise<KeysPage> => {
      const userId = owner(principal).userId;
      const keys = await listOwnApiKeys(db, userId, meta.now);
      const settings = settingsOf(input.body);
      // Every problem at once: the use case's own rules on the settings, and a name already held by one of the user's keys.
      const checked = apiKeyInput.safeParse(settings);
      const problems = checked.success ? [] : problemsOf(checked.error.issues.map((i) => i.path.join('.')));
      const holder = problems.some((p) => p.field === 'name') ? undefined : keyNamed(keys, settings.name);
      if (holder) problems.unshift({ field: 'name', reason: 'taken', by: holder.name });
      if (problems.length > 0) return { keys, refused: { problems, values: input.body } };
      try {
        const created = await createApiKey(db, userId, settings, { actorId: userId, ip: meta.ip, now: meta.now });
        return { keys: await listOwnApiKeys(db, userId, meta.now), created };
      } catch (err) {
        // Another request took the name between the check above and the use case's own, inside its transaction.
        if (!(err instanceof AppError) || err.key !== 'apikeys.error.name_taken') throw err;
        return { keys, refused: { problems: [{ field: 'name', reason: 'taken', by: String(err.values.name) }], values: input.body } };
      }
    },
    render: keysPage,
  });

  routes.portalAction('/portal/api-keys/:id/revoke', {
    authorise: 'apikeys.own',
    transaction: 'steps',
    audit: 'use-case',
    input: { params: keyParams },
    run: ({ db, principal, input, meta }) => revokeApiKey(db, owner(principal), input.params.id, { ip: meta.ip }),
    render: (c) => c.redirect(portalPath(c, '/api-keys'), 303),
  });
}
