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
import { ErrorSummary } from '../views/portal/layout.tsx';
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
  /** The attributes and message that tie a refused field to its explanation, for sighted and screen-reader users alike. */
  const marked = (field: FormField, hint?: string) => {
    const p = problem(field);
    const ids = [hint, p ? `${fieldIds[field]}-error` : undefined].filter(Boolean).join(' ');
    return { 'aria-invalid': p ? 'true' : undefined, 'aria-describedby': ids || undefined };
  };
  const errorOf = (field: FormField) => {
    const p = problem(field);
    return p ? (
      <strong id={`${fieldIds[field]}-error`} class="field-error">
        {messageOf(p)}
      </strong>
    ) : null;
  };
  const values = refused?.values;
  return renderPortal(
    c,
    t('apikeys.title'),
    <section>
      <h1>{t('apikeys.title')}</h1>
      <p>{t('apikeys.intro')}</p>
      {created ? (
        <div class="notice" role="status">
          <h2>{t('apikeys.created')}</h2>
          <p>{t('apikeys.once')}</p>
          <p>
            <code class="secret">{created.key}</code>
          </p>
        </div>
      ) : null}
      <ErrorSummary title={t('portal.form.problem')} messages={(refused?.problems ?? []).map((p) => ({ field: fieldIds[p.field], text: messageOf(p) }))} />
      <h2>{t('apikeys.yours')}</h2>
      {keys.length === 0 ? (
        <p>{t('apikeys.none')}</p>
      ) : (
        <div class="table-wrap" role="region" aria-label={t('apikeys.yours')} tabindex={0}>
          <table>
            <caption>{t('apikeys.yours')}</caption>
            <thead>
              <tr>
                {['name', 'created', 'expires', 'last_used', 'scope', 'addresses', 'state'].map((h) => <th scope="col">{t(`apikeys.col.${h}`)}</th>)}
                <th scope="col"><span class="visually-hidden">{t('apikeys.col.actions')}</span></th>
              </tr>
            </thead>
            <tbody>
              {keys.map((k) => (
                <tr>
                  <td>{k.name}</td>
                  <td>{tr.date(k.createdAt, 'medium')}</td>
                  <td>{tr.date(k.expiresAt, 'medium')}</td>
                  <td>{k.lastUsedAt ? tr.date(k.lastUsedAt, 'medium') : '—'}</td>
                  <td>{k.readOnly ? t('apikeys.read_only') : t('apikeys.read_write')}</td>
                  <td>{k.allowedAddresses.length ? k.allowedAddresses.join(', ') : t('apikeys.any_address')}</td>
                  <td>{t(`apikeys.${k.state}`)}</td>
                  <td>
                    {k.state === 'revoked' ? null : (
                      <form method="post" action={portalPath(c, `/api-keys/${k.id}/revoke`)}>
                        <CsrfField token={token} />
                        <button type="submit" aria-label={t('apikeys.revoke_named', { name: k.name })}>{t('apikeys.revoke')}</button>
                      </form>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <h2>{t('apikeys.new')}</h2>
      <form method="post" action={portalPath(c, '/api-keys')} class="stack">
        <CsrfField token={token} />
        <p>
          <label for="k-name">{t('apikeys.name')}</label>
          <input id="k-name" name="name" required maxlength={100} value={values?.name} {...marked('name')} />
          {errorOf('name')}
        </p>
        <p>
          <label for="k-days">{t('apikeys.days')}</label>
          <input id="k-days" name="days" type="number" min={1} max={MAX_KEY_DAYS} value={values?.days ?? '90'} required {...marked('days')} />
          {errorOf('days')}
        </p>
        <p>
          <input id="k-ro" name="readOnly" type="checkbox" value="1" checked={values?.readOnly !== undefined ? true : undefined} />
          <label for="k-ro">{t('apikeys.read_only')}</label>
        </p>
        <p>
          <label for="k-addr">{t('apikeys.addresses')}</label>
          <input id="k-addr" name="addresses" maxlength={1000} value={values?.addresses} {...marked('addresses', 'k-addr-hint')} />
          <span id="k-addr-hint" class="hint">{t('apikeys.addresses_hint')}</span>
          {errorOf('addresses')}
        </p>
        <p>
          <button type="submit">{t('apikeys.create')}</button>
        </p>
      </form>
    </section>,
    { status: refused ? 400 : 200 },
  );
}

export function registerApiKeyPages(routes: Routes): void {
  routes.portalPage('/portal/api-keys', {
    authorise: 'apikeys.own',
    run: async ({ db, principal, meta }): Promise<KeysPage> => ({ keys: await listOwnApiKeys(db, owner(principal).userId, meta.now) }),
    render: keysPage,
  });

  // The use case runs and audits its own transaction; the duplicate-name check reads the list just before it.
  routes.portalAction('/portal/api-keys', {
    authorise: 'apikeys.own',
    recentAuth: true,
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
      const created = await createApiKey(db, userId, settings, { actorId: userId, ip: meta.ip, now: meta.now });
      return { keys: await listOwnApiKeys(db, userId, meta.now), created };
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
