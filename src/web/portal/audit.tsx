/** The auditors' view of the audit trail: filter, page and export as CSV, each reading itself recorded with its purpose. */
import type { Context } from 'hono';
import { z } from 'zod';
import { auditActions, type AuditEntry, type AuditFilters } from '../../core/audit.ts';
import { AppError } from '../../core/errors.ts';
import type { Principal } from '../../core/principal.ts';
import { exportAuditEntries } from '../../services/audit/export-audit-entries.ts';
import { listAuditEntries, type AuditPage } from '../../services/audit/list-audit-entries.ts';
import type { AppEnv } from '../context.ts';
import type { Routes } from '../pipeline/routes.ts';
import { portalPath } from '../pipeline/session.ts';
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
const auditQuery = z.preprocess(
  (v) => Object.fromEntries(Object.entries(v as Record<string, string>).filter(([k, x]) => x !== '' || k === 'purpose')),
  querySchema,
);

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

const reader = (p: Principal | undefined): Principal => {
  if (!p) throw new AppError('unauthenticated', 'error.detail.sign_in');
  return p;
};

function auditPage(c: Context<AppEnv>, q: AuditQuery, found: AuditPage) {
  const t = c.get('tr').t;
  const { total, entries } = found;
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  if (q.page > pages) throw new AppError('not_found', 'audit.no_page');
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
}

export function registerAuditPages(routes: Routes): void {
  // Reading the trail is itself a consultation: the use case records it, but only once a purpose is stated.
  routes.portalPage('/portal/audit', {
    authorise: 'audit.read',
    transaction: 'request',
    audit: 'use-case',
    input: { query: auditQuery },
    run: async ({ db, principal, input: { query: q }, meta }) =>
      q.purpose === undefined ? undefined : listAuditEntries(db, reader(principal), { purpose: q.purpose, filters: filtersOf(q), page: q.page, perPage: PER_PAGE }, meta),
    render: (c, found, { query: q }) => {
      const t = c.get('tr').t;
      if (!found) return renderPortal(c, t('audit.title'), <section><h1>{t('audit.title')}</h1><p>{t('audit.intro')}</p><FilterForm c={c} q={q} /></section>);
      return auditPage(c, q, found);
    },
  });

  routes.portalPage('/portal/audit/export.csv', {
    authorise: 'audit.read',
    transaction: 'request',
    audit: 'required',
    input: { query: auditQuery },
    run: ({ db, principal, input: { query: q }, meta }) => exportAuditEntries(db, reader(principal), { purpose: q.purpose, filters: filtersOf(q) }, meta),
    render: (c, entries) => {
      const lines = [csvColumns.join(','), ...entries.map(csvRow)];
      c.header('Content-Disposition', `attachment; filename="audit-${new Date().toISOString().slice(0, 10)}.csv"`);
      return c.body(`${lines.join('\r\n')}\r\n`, 200, { 'Content-Type': 'text/csv; charset=utf-8' });
    },
  });
}
