/** The auditors' view of the audit trail: filter, page and export as CSV, each reading itself recorded with its purpose. */
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { auditActions, checkPurpose, type AuditEntry, type AuditFilters } from '../../core/audit.ts';
import { AppError } from '../../core/errors.ts';
import { appendAudit, listAudit, streamAudit } from '../../storage/repositories/audit.ts';
import type { AppEnv } from '../context.ts';
import { validate } from '../validate.ts';
import { requestMeta, requirePermission } from './auth-middleware.ts';
import { portalPath } from './paths.ts';
import { renderPortal } from './render.tsx';

const PER_PAGE = 50;
const day = z.string().regex(/^\d{4}-\d{2}-\d{2}$/, 'must be a date, YYYY-MM-DD');
const text = z.string().trim().max(100);

const querySchema = z.object({
  purpose: z.string().max(300).optional(),
  userId: text.optional(),
  agencyId: text.optional(),
  objectType: text.optional(),
  objectId: text.optional(),
  action: z.enum(auditActions).optional(),
  from: day.optional(),
  to: day.optional(),
  page: z.coerce.number().int().min(1).max(100_000).default(1),
});
type AuditQuery = z.infer<typeof querySchema>;

/** Empty filter fields mean "no filter"; an empty purpose is kept, to be refused. */
function readQuery(c: Context<AppEnv>): AuditQuery {
  const raw = Object.fromEntries(Object.entries(c.req.query()).filter(([k, v]) => v !== '' || k === 'purpose'));
  return validate(querySchema, raw);
}

function filtersOf(q: AuditQuery): AuditFilters {
  const f: AuditFilters = {};
  if (q.userId) f.userId = q.userId;
  if (q.agencyId) f.agencyId = q.agencyId;
  if (q.objectType) f.objectType = q.objectType;
  if (q.objectId) f.objectId = q.objectId;
  if (q.action) f.action = q.action;
  if (q.from) f.from = q.from;
  if (q.to) f.to = q.to;
  return f;
}

/** Reading the trail is itself a consultation of personal data: it needs a purpose and leaves an entry. */
async function recordReading(c: Context<AppEnv>, purpose: string, filters: AuditFilters, what: 'view' | 'export'): Promise<void> {
  const p = c.get('principal')!;
  const meta = requestMeta(c);
  await c.get('deps').store.db.transaction().execute((trx) =>
    appendAudit(trx, {
      action: 'consult',
      userId: p.userId,
      agencyId: p.agencyId,
      objectType: 'audit_log',
      objectId: null,
      purpose,
      details: { what, filters: JSON.stringify(filters) },
      ip: meta.ip,
    }),
  );
}

function requiredPurpose(q: AuditQuery): string {
  const checked = checkPurpose(q.purpose);
  if (!checked.ok) throw new AppError('validation_failed', checked.message, [{ field: 'purpose', message: checked.message }]);
  return checked.purpose;
}

/** One CSV cell: quoted, and defused when a spreadsheet would read it as a formula. */
export function csvCell(value: string | number | null | undefined): string {
  let s = value === null || value === undefined ? '' : String(value);
  if (/^[=+\-@\t\r]/.test(s)) s = `'${s}`;
  return /[",\r\n]/.test(s) || s !== s.trim() ? `"${s.replace(/"/g, '""')}"` : s;
}

const csvColumns = ['seq', 'id', 'at', 'action', 'user_id', 'agency_id', 'object_type', 'object_id', 'purpose', 'recipients', 'details', 'ip', 'prev_hash', 'hash'];

function csvRow(e: AuditEntry): string {
  return [
    e.seq, e.id, e.at, e.action, e.userId, e.agencyId, e.objectType, e.objectId, e.purpose,
    e.recipients ? e.recipients.join(' ') : null, e.details ? JSON.stringify(e.details) : null, e.ip ?? null, e.prevHash, e.hash,
  ].map(csvCell).join(',');
}

function matches(e: AuditEntry, f: AuditFilters): boolean {
  const to = f.to ? `${f.to}T23:59:59.999Z` : undefined;
  return (!f.userId || e.userId === f.userId) && (!f.agencyId || e.agencyId === f.agencyId) &&
    (!f.objectType || e.objectType === f.objectType) && (!f.objectId || e.objectId === f.objectId) &&
    (!f.action || e.action === f.action) && (!f.from || e.at >= f.from) && (!to || e.at <= to);
}

function FilterForm(props: { c: Context<AppEnv>; q: AuditQuery }) {
  const t = props.c.get('tr').t;
  const q = props.q;
  const field = (name: 'userId' | 'agencyId' | 'objectType' | 'objectId', label: string) => (
    <p>
      <label for={`f-${name}`}>{label}</label>
      <input id={`f-${name}`} name={name} value={q[name] ?? ''} maxlength={100} />
    </p>
  );
  return (
    <form method="get" action={portalPath(props.c, '/audit')} class="stack">
      <p>
        <label for="f-purpose">{t('audit.purpose')}</label>
        <input id="f-purpose" name="purpose" value={q.purpose ?? ''} required minlength={3} maxlength={200} aria-describedby="f-purpose-hint" />
        <span id="f-purpose-hint" class="hint">{t('audit.purpose_hint')}</span>
      </p>
      <fieldset>
        <legend>{t('audit.filters')}</legend>
        {field('userId', t('audit.user'))}
        {field('agencyId', t('audit.agency'))}
        {field('objectType', t('audit.object_type'))}
        {field('objectId', t('audit.object_id'))}
        <p>
          <label for="f-action">{t('audit.action')}</label>
          <select id="f-action" name="action">
            <option value="">{t('audit.any')}</option>
            {auditActions.map((a) => (
              <option value={a} selected={q.action === a}>{a}</option>
            ))}
          </select>
        </p>
        <p>
          <label for="f-from">{t('audit.from')}</label>
          <input id="f-from" name="from" type="date" value={q.from ?? ''} />
        </p>
        <p>
          <label for="f-to">{t('audit.to')}</label>
          <input id="f-to" name="to" type="date" value={q.to ?? ''} />
        </p>
      </fieldset>
      <p>
        <button type="submit">{t('audit.show')}</button>
      </p>
    </form>
  );
}

function queryString(q: AuditQuery, page?: number): string {
  const params = new URLSearchParams();
  for (const [k, v] of Object.entries({ ...q, page: page ?? q.page })) if (v !== undefined && v !== '' && !(k === 'page' && v === 1)) params.set(k, String(v));
  return params.toString();
}

export function registerAuditPages(app: Hono<AppEnv>): void {
  app.get('/audit', requirePermission('audit.read'), async (c) => {
    const t = c.get('tr').t;
    const q = readQuery(c);
    if (q.purpose === undefined) {
      return renderPortal(c, t('audit.title'), <section><h1>{t('audit.title')}</h1><p>{t('audit.intro')}</p><FilterForm c={c} q={q} /></section>);
    }
    const purpose = requiredPurpose(q);
    const filters = filtersOf(q);
    await recordReading(c, purpose, filters, 'view');
    const { total, entries } = await listAudit(c.get('deps').store.db, filters, q.page, PER_PAGE);
    const pages = Math.max(1, Math.ceil(total / PER_PAGE));
    if (q.page > pages) throw new AppError('not_found', t('audit.no_page'));
    return renderPortal(
      c,
      t('audit.title'),
      <section>
        <h1>{t('audit.title')}</h1>
        <FilterForm c={c} q={q} />
        <p role="status">{t('audit.count', { count: total })}</p>
        <p>
          <a href={`${portalPath(c, '/audit/export.csv')}?${queryString(q)}`}>{t('audit.export')}</a>
        </p>
        <div class="table-wrap" role="region" aria-label={t('audit.table_caption')} tabindex={0}>
          <table>
            <caption>{t('audit.table_caption')}</caption>
            <thead>
              <tr>
                {['seq', 'at', 'action', 'user', 'agency', 'object', 'purpose', 'recipients'].map((h) => <th scope="col">{t(`audit.col.${h}`)}</th>)}
              </tr>
            </thead>
            <tbody>
              {entries.map((e) => (
                <tr>
                  <td>{e.seq}</td>
                  <td><time datetime={e.at}>{e.at.replace('T', ' ').slice(0, 19)}</time></td>
                  <td>{e.action}</td>
                  <td>{e.userId ?? '—'}</td>
                  <td>{e.agencyId ?? '—'}</td>
                  <td>{e.objectType}{e.objectId ? ` ${e.objectId}` : ''}</td>
                  <td>{e.purpose ?? '—'}</td>
                  <td>{e.recipients?.join(', ') ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
        {pages > 1 ? (
          <nav aria-label={t('audit.pages')}>
            <ul class="pager">
              {q.page > 1 ? <li><a href={`${portalPath(c, '/audit')}?${queryString(q, q.page - 1)}`}>{t('audit.previous')}</a></li> : null}
              <li>{t('audit.page_of', { page: q.page, pages })}</li>
              {q.page < pages ? <li><a href={`${portalPath(c, '/audit')}?${queryString(q, q.page + 1)}`}>{t('audit.next')}</a></li> : null}
            </ul>
          </nav>
        ) : null}
      </section>,
    );
  });

  app.get('/audit/export.csv', requirePermission('audit.read'), async (c) => {
    const q = readQuery(c);
    const purpose = requiredPurpose(q);
    const filters = filtersOf(q);
    await recordReading(c, purpose, filters, 'export');
    const lines = [csvColumns.join(',')];
    for await (const batch of streamAudit(c.get('deps').store.db)) for (const e of batch) if (matches(e, filters)) lines.push(csvRow(e));
    c.header('Content-Disposition', `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`);
    return c.body(`${lines.join('\r\n')}\r\n`, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
  });
}
