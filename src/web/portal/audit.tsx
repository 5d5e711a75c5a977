/** The auditors' view of the audit trail: filter by person, agency and action, page, export as CSV, verify the chain. */
import type { Context } from 'hono';
import { z } from 'zod';
import { auditActions, type AuditEntry, type AuditFilters } from '../../core/audit.ts';
import { AppError } from '../../core/errors.ts';
import type { Principal } from '../../core/principal.ts';
import { exportAuditEntries } from '../../services/audit/export-audit-entries.ts';
import { listAuditDirectory, type AuditDirectory } from '../../services/audit/list-audit-directory.ts';
import { listAuditEntries, type AuditPage } from '../../services/audit/list-audit-entries.ts';
import { loadAuditVerifyKey } from '../../services/audit/load-audit-verify-key.ts';
import type { ChainReport } from '../../services/audit/verify-audit-chain.ts';
import { verifyAuditTrail } from '../../services/audit/verify-audit-trail.ts';
import type { AppEnv } from '../context.ts';
import type { Routes } from '../pipeline/routes.ts';
import { portalPath } from '../pipeline/session.ts';
import { DataTable } from '../views/portal/parts/data-table.tsx';
import { EmptyState } from '../views/portal/parts/empty-state.tsx';
import { SelectField, TextField } from '../views/portal/parts/fields.tsx';
import { Banner } from '../views/portal/parts/messages.tsx';
import { PageHeader } from '../views/portal/parts/page-header.tsx';
import { When } from '../views/portal/parts/time.tsx';
import { CsrfField } from './csrf-field.tsx';
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

type Names = { users: Map<string, AuditDirectory['users'][number]>; agencies: Map<string, AuditDirectory['agencies'][number]> };

const namesOf = (d: AuditDirectory): Names => ({ users: new Map(d.users.map((u) => [u.id, u])), agencies: new Map(d.agencies.map((a) => [a.id, a])) });

function FilterForm(props: { c: Context<AppEnv>; q: AuditQuery; directory: AuditDirectory }) {
  const tr = props.c.get('tr');
  const t = tr.t;
  const { q, directory } = props;
  const any = { value: '', label: t('audit.any') };
  return (
    <form method="get" action={portalPath(props.c, '/audit')} class="filters">
      <TextField id="f-purpose" label={t('audit.purpose')} hint={t('audit.purpose_hint')} input={{ name: 'purpose', value: q.purpose ?? '', required: true, minlength: 3, maxlength: 200 }} />
      <fieldset>
        <legend>{t('audit.filters')}</legend>
        <SelectField id="f-userId" name="userId" label={t('audit.user_pick')} selected={q.userId ?? ''} options={[any, ...directory.users.map((u) => ({ value: u.id, label: `${u.name} (${u.email})` }))]} />
        <SelectField id="f-agencyId" name="agencyId" label={t('audit.agency_pick')} selected={q.agencyId ?? ''} options={[any, ...directory.agencies.map((a) => ({ value: a.id, label: `${a.code} — ${a.name}` }))]} />
        <SelectField id="f-action" name="action" label={t('audit.action')} selected={q.action ?? ''} options={[any, ...auditActions.map((a) => ({ value: a, label: t(`audit.action_label.${a}`) }))]} />
        <TextField id="f-objectType" label={t('audit.object_type')} input={{ name: 'objectType', value: q.objectType ?? '', maxlength: 100 }} />
        <TextField id="f-objectId" label={t('audit.object_id')} input={{ name: 'objectId', value: q.objectId ?? '', maxlength: 100 }} />
        <TextField id="f-from" label={t('audit.from')} input={{ name: 'from', type: 'date', value: q.from ?? '' }} />
        <TextField id="f-to" label={t('audit.to')} input={{ name: 'to', type: 'date', value: q.to ?? '' }} />
      </fieldset>
      <button type="submit">{t('audit.show')}</button>
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

/** The verification runs over the whole chain, which only the office's auditors oversee; others are not offered it. */
function VerifyPanel(props: { c: Context<AppEnv> }) {
  const { c } = props;
  const t = c.get('tr').t;
  if (!c.get('principal')?.agencyIsOffice) return null;
  return (
    <section aria-labelledby="verify-title" class="part">
      <h2 id="verify-title">{t('audit.verify.title')}</h2>
      <p>{t('audit.verify.intro')}</p>
      <form method="post" action={portalPath(c, '/audit/verify')}>
        <CsrfField token={c.get('csrfToken')} />
        <button type="submit" class="secondary">{t('audit.verify.submit')}</button>
      </form>
    </section>
  );
}

/** Who acted: the name where the reader may see it, else the bare id (another agency's account, or one since removed). */
function Person(props: { id: string | null; names: Names }) {
  if (!props.id) return <>—</>;
  const u = props.names.users.get(props.id);
  return u ? <span title={u.email}>{u.name}</span> : <code>{props.id}</code>;
}

function AgencyName(props: { id: string | null; names: Names }) {
  if (!props.id) return <>—</>;
  const a = props.names.agencies.get(props.id);
  return a ? <abbr title={a.name}>{a.code}</abbr> : <code>{props.id}</code>;
}

function Details(props: { c: Context<AppEnv>; e: AuditEntry }) {
  const t = props.c.get('tr').t;
  const { e } = props;
  const pairs: [string, string][] = [
    ...(e.recipients?.length ? [[t('audit.col.recipients'), e.recipients.join(', ')] as [string, string]] : []),
    ...Object.entries(e.details ?? {}).map(([k, v]): [string, string] => [k, v === null ? '—' : String(v)]),
  ];
  if (pairs.length === 0) return <>—</>;
  return (
    <dl class="details">
      {pairs.map(([k, v]) => (
        <div>
          <dt>{k}</dt>
          <dd>{v}</dd>
        </div>
      ))}
    </dl>
  );
}

function auditPage(c: Context<AppEnv>, q: AuditQuery, found: AuditPage | undefined, directory: AuditDirectory) {
  const tr = c.get('tr');
  const t = tr.t;
  const names = namesOf(directory);
  const total = found?.total ?? 0;
  const pages = Math.max(1, Math.ceil(total / PER_PAGE));
  if (found && q.page > pages) throw new AppError('not_found', 'audit.no_page');
  const objectLink = (e: AuditEntry) =>
    e.objectId ? (
      <a href={`${portalPath(c, '/audit')}?${queryString({ purpose: q.purpose, objectType: e.objectType, objectId: e.objectId, page: 1 })}`}>
        {e.objectType} <code>{e.objectId}</code>
      </a>
    ) : (
      e.objectType
    );
  return renderPortal(
    c,
    t('audit.title'),
    <>
      <PageHeader title={t('audit.title')} crumbs={[{ href: portalPath(c, '/'), label: t('portal.nav.home') }]} crumbsLabel={t('portal.breadcrumbs')} lead={t('audit.intro')} />
      <div class="with-filters">
        <FilterForm c={c} q={q} directory={directory} />
        <div class="results">
          {found ? (
            <>
              <p role="status">
                <strong>{t('audit.count', { count: total })}</strong>
              </p>
              <p>
                <a href={`${portalPath(c, '/audit/export.csv')}?${queryString(q)}`}>{t('audit.export')}</a>
              </p>
              {found.entries.length > 0 ? (
                <DataTable
                  caption={t('audit.table_caption')}
                  rows={found.entries}
                  columns={[
                    { label: t('audit.col.seq'), numeric: true, cell: (e) => e.seq },
                    { label: t('audit.col.at'), cell: (e) => <When tr={tr} iso={e.at} seconds /> },
                    { label: t('audit.col.action'), cell: (e) => <>{t(`audit.action_label.${e.action}`)} <code class="muted">{e.action}</code></> },
                    { label: t('audit.col.user'), cell: (e) => <Person id={e.userId} names={names} /> },
                    { label: t('audit.col.agency'), cell: (e) => <AgencyName id={e.agencyId} names={names} /> },
                    { label: t('audit.col.object'), cell: objectLink },
                    { label: t('audit.col.purpose'), cell: (e) => e.purpose ?? '—' },
                    { label: t('audit.col.details'), cell: (e) => <Details c={c} e={e} /> },
                  ]}
                />
              ) : (
                <EmptyState title={t('audit.none_title')}>
                  <p>{t('audit.none_text')}</p>
                </EmptyState>
              )}
              {pages > 1 ? (
                <nav aria-label={t('audit.pages')}>
                  <ul class="pager">
                    {q.page > 1 ? <li><a href={`${portalPath(c, '/audit')}?${queryString(q, q.page - 1)}`}>{t('audit.previous')}</a></li> : null}
                    <li>{t('audit.page_of', { page: q.page, pages })}</li>
                    {q.page < pages ? <li><a href={`${portalPath(c, '/audit')}?${queryString(q, q.page + 1)}`}>{t('audit.next')}</a></li> : null}
                  </ul>
                </nav>
              ) : null}
            </>
          ) : (
            <EmptyState title={t('audit.first_title')}>
              <p>{t('audit.first_text')}</p>
            </EmptyState>
          )}
          <VerifyPanel c={c} />
        </div>
      </div>
    </>,
  );
}

function verifyPage(c: Context<AppEnv>, report: ChainReport) {
  const tr = c.get('tr');
  const t = tr.t;
  const signatures = report.signatures.checked ? t('audit.verify.signed', { key: report.signatures.keyId }) : t('audit.verify.unsigned');
  return renderPortal(
    c,
    t('audit.verify.title'),
    <>
      <PageHeader
        title={t('audit.verify.title')}
        crumbs={[{ href: portalPath(c, '/'), label: t('portal.nav.home') }, { href: portalPath(c, '/audit'), label: t('audit.title') }]}
        crumbsLabel={t('portal.breadcrumbs')}
      />
      {report.problem ? (
        <Banner tone="problem" title={t('audit.verify.broken')}>
          <p>{t(`audit.verify.reason.${report.problem.reason}`, { seq: report.problem.seq })}</p>
          <p lang="en">
            <code>{report.problem.message}</code>
          </p>
        </Banner>
      ) : (
        <Banner tone="success" title={t('audit.verify.intact')}>
          <p>{t('audit.verify.summary', { checked: report.checked, checkpoints: report.checkpoints, head: report.head.seq })}</p>
        </Banner>
      )}
      <p>{signatures}</p>
      <p>{t('audit.verify.recorded')}</p>
      <p>
        <a href={portalPath(c, '/audit')}>{t('audit.verify.back')}</a>
      </p>
    </>,
  );
}

export function registerAuditPages(routes: Routes): void {
  // Reading the trail is itself a consultation: the use case records it, but only once a purpose is stated.
  routes.portalPage('/portal/audit', {
    authorise: 'audit.read',
    transaction: 'request',
    audit: 'use-case',
    input: { query: auditQuery },
    run: async ({ db, principal, input: { query: q }, meta }) => {
      const directory = await listAuditDirectory(db, reader(principal));
      if (q.purpose === undefined) return { directory, found: undefined };
      const found = await listAuditEntries(db, reader(principal), { purpose: q.purpose, filters: filtersOf(q), page: q.page, perPage: PER_PAGE }, meta);
      return { directory, found };
    },
    render: (c, { directory, found }, { query: q }) => auditPage(c, q, found, directory),
  });

  // The walk over the chain is long and reads no personal data: it holds no transaction, and the use case records the run.
  routes.portalAction('/portal/audit/verify', {
    authorise: 'audit.read',
    transaction: 'steps',
    audit: 'use-case',
    run: ({ db, principal, meta, deps }) => verifyAuditTrail(db, reader(principal), loadAuditVerifyKey(deps.config)?.key ?? null, { ip: meta.ip }),
    render: verifyPage,
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
