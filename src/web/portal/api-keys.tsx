/** The user's own API keys: list, create (after re-authentication; the key is shown once) and revoke. */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { createApiKey, MAX_KEY_DAYS, type CreatedApiKey } from '../../services/api-keys/create-api-key.ts';
import { revokeApiKey } from '../../services/api-keys/revoke-api-key.ts';
import { listApiKeys } from '../../storage/repositories/api-keys.ts';
import type { AppEnv } from '../context.ts';
import { validate } from '../validate.ts';
import { requestMeta, requirePermission, requireRecentAuth } from './auth-middleware.ts';
import { CsrfField } from './csrf.tsx';
import { field, fields, formBody } from './forms.ts';
import { portalPath } from './paths.ts';
import { renderPortal } from './render.tsx';

async function keysPage(c: Context<AppEnv>, created?: CreatedApiKey): Promise<Response> {
  const tr = c.get('tr');
  const t = tr.t;
  const p = c.get('principal')!;
  const keys = await listApiKeys(c.get('deps').store.db, p.userId);
  const token = c.get('csrfToken');
  const now = new Date().toISOString();
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
                  <td>{k.revokedAt ? t('apikeys.revoked') : k.expiresAt <= now ? t('apikeys.expired') : t('apikeys.active')}</td>
                  <td>
                    {k.revokedAt ? null : (
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
          <input id="k-name" name="name" required maxlength={100} />
        </p>
        <p>
          <label for="k-days">{t('apikeys.days')}</label>
          <input id="k-days" name="days" type="number" min={1} max={MAX_KEY_DAYS} value="90" required />
        </p>
        <p>
          <input id="k-ro" name="readOnly" type="checkbox" value="1" />
          <label for="k-ro">{t('apikeys.read_only')}</label>
        </p>
        <p>
          <label for="k-addr">{t('apikeys.addresses')}</label>
          <input id="k-addr" name="addresses" maxlength={1000} aria-describedby="k-addr-hint" />
          <span id="k-addr-hint" class="hint">{t('apikeys.addresses_hint')}</span>
        </p>
        <p>
          <button type="submit">{t('apikeys.create')}</button>
        </p>
      </form>
    </section>,
  );
}

export function registerApiKeyPages(app: Hono<AppEnv>): void {
  app.get('/api-keys', requirePermission('apikeys.own'), (c) => keysPage(c));

  app.post('/api-keys', requirePermission('apikeys.own'), requireRecentAuth, async (c) => {
    const body = await formBody(c);
    const input = validate(
      z.object({ name: z.string(), days: z.coerce.number().int(), readOnly: z.boolean(), addresses: z.array(z.string()) }),
      {
        name: field(body, 'name'),
        days: field(body, 'days'),
        readOnly: fields(body, 'readOnly').length > 0,
        addresses: field(body, 'addresses').split(/[\s,]+/).filter(Boolean),
      },
    );
    const p = c.get('principal')!;
    const created = await createApiKey(
      c.get('deps').store.db,
      p.userId,
      { name: input.name, expiresDays: input.days, readOnly: input.readOnly, allowedAddresses: input.addresses },
      { actorId: p.userId, ip: requestMeta(c).ip },
    );
    return keysPage(c, created);
  });

  app.post('/api-keys/:id/revoke', requirePermission('apikeys.own'), async (c) => {
    await revokeApiKey(c.get('deps').store.db, c.get('principal')!, c.req.param('id'), { ip: requestMeta(c).ip });
    return c.redirect(portalPath(c, '/api-keys'), 303);
  });
}
