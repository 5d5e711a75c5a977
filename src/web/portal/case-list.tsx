/** The agency's cases in the portal: the list with its deadline clocks, filters and pages, the overdue ones received called out on top. */
import type { Context } from 'hono';
import { z } from 'zod';
import { caseStatuses, urgencies, type CaseStatus, type Urgency } from '../../core/cases.ts';
import { listCases, type CaseListPage } from '../../services/cases/list-cases.ts';
import type { AppEnv } from '../context.ts';
import type { Routes } from '../pipeline/routes.ts';
import { portalPath } from '../pipeline/session.ts';
import { CaseListTable } from '../views/portal/case-list-table.tsx';
import { EmptyState } from '../views/portal/parts/empty-state.tsx';
import { Checkbox, SelectField } from '../views/portal/parts/fields.tsx';
import { Banner } from '../views/portal/parts/messages.tsx';
import { PageHeader } from '../views/portal/parts/page-header.tsx';
import { registerCaseNewPages } from './case-new.tsx';
import { registerNotificationPages } from './notifications.tsx';
import { signedIn } from './request-list.tsx';
import { renderPortal } from './render.tsx';

/** Cases on one page: enough to scan a day's work, few enough for the list to stay a few index reads. */
const PER_PAGE = 20;
/** The banner counts overdue cases received up to this many, and says "more than" beyond. */
const OVERDUE_COUNTED = 100;

const roles = ['sent', 'received'] as const;

/** An empty choice means any; anything else must be one of the values. */
const anyOr = <T extends readonly [string, ...string[]]>(values: T) => z.union([z.literal(''), z.enum(values)]).optional();

const listQuery = z.object({
  status: anyOr(caseStatuses),
  urgency: anyOr(urgencies),
  role: anyOr(roles),
  overdue: z.union([z.literal(''), z.literal('1')]).optional(),
  /** The keyset cursor of the page before; a malformed one reads the first page. */
  after: z.string().max(80).optional(),
});

type Filters = { status?: CaseStatus | undefined; urgency?: Urgency | undefined; role?: (typeof roles)[number] | undefined; overdue: boolean };

type ListPage = { page: CaseListPage; filters: Filters; paged: boolean; overdueReceived: { count: number; more: boolean }; now: Date };

/** The list's address with these filters, and the cursor of the page to show if any. */
function listHref(c: Context<AppEnv>, f: Filters, after?: string): string {
  const q = new URLSearchParams();
  if (f.status) q.set('status', f.status);
  if (f.urgency) q.set('urgency', f.urgency);
  if (f.role) q.set('role', f.role);
  if (f.overdue) q.set('overdue', '1');
  if (after) q.set('after', after);
  const query = q.toString();
  return portalPath(c, `/cases${query ? `?${query}` : ''}`);
}

function listPage(c: Context<AppEnv>, out: ListPage): Promise<Response> {
  const tr = c.get('tr');
  const t = tr.t;
  const { page, filters, overdueReceived } = out;
  const filtered = Boolean(filters.status || filters.urgency || filters.role || filters.overdue);
  const any = (label: string) => ({ value: '', label });
  return renderPortal(
    c,
    t('cases.list.title'),
    <>
      <PageHeader title={t('cases.list.title')} crumbs={[{ href: portalPath(c, '/'), label: t('portal.nav.home') }]} crumbsLabel={t('portal.breadcrumbs')} lead={t('cases.list.intro')} />
      {overdueReceived.count > 0 ? (
        <Banner tone="problem" title={overdueReceived.more ? t('cases.list.overdue_more', { count: overdueReceived.count }) : t('cases.list.overdue_banner', { count: overdueReceived.count })}>
          <p>
            {t('cases.list.overdue_text')} <a href={listHref(c, { role: 'received', overdue: true })}>{t('cases.list.overdue_show')}</a>
          </p>
        </Banner>
      ) : null}
      <div class="button-group case-new">
        <a class="button" href={portalPath(c, '/cases/new')}>
          {t('cases.list.open')}
        </a>
      </div>
      <form method="get" action={portalPath(c, '/cases')} class="request-filter case-filter">
        <SelectField
          id="cf-status"
          name="status"
          label={t('cases.field.status')}
          selected={filters.status ?? ''}
          options={[any(t('cases.list.any_status')), ...caseStatuses.map((s) => ({ value: s, label: t(`cases.status.${s}`) }))]}
        />
        <SelectField
          id="cf-urgency"
          name="urgency"
          label={t('cases.field.urgency')}
          selected={filters.urgency ?? ''}
          options={[any(t('cases.list.any_urgency')), ...urgencies.map((u) => ({ value: u, label: t(`cases.urgency.${u}`) }))]}
        />
        <SelectField
          id="cf-role"
          name="role"
          label={t('cases.list.filter_role')}
          selected={filters.role ?? ''}
          options={[any(t('cases.list.any_role')), ...roles.map((r) => ({ value: r, label: t(`cases.list.role.${r}`) }))]}
        />
        <Checkbox id="cf-overdue" name="overdue" value="1" label={t('cases.list.only_overdue')} checked={filters.overdue} />
        <button type="submit" class="secondary">
          {t('cases.list.filter')}
        </button>
      </form>
      {page.items.length === 0 ? (
        <EmptyState title={filtered ? t('cases.list.none_filtered') : out.paged ? t('cases.list.none_after') : t('cases.list.none')}>
          <p>{filtered ? t('cases.list.none_filtered_text') : t('cases.list.none_text')}</p>
        </EmptyState>
      ) : (
        <CaseListTable
          tr={tr}
          items={page.items}
          now={out.now}
          caption={t('cases.list.caption', { count: page.items.length })}
          linkOf={(id) => portalPath(c, `/cases/${id}`)}
        />
      )}
      {page.next || out.paged ? (
        <nav aria-label={t('cases.list.pages')}>
          <ul class="pager">
            {out.paged ? (
              <li>
                <a href={listHref(c, filters)}>{t('cases.list.first_page')}</a>
              </li>
            ) : null}
            {page.next ? (
              <li>
                <a href={listHref(c, filters, page.next)} rel="next">
                  {t('cases.list.next_page')}
                </a>
              </li>
            ) : null}
          </ul>
        </nav>
      ) : null}
    </>,
  );
}

export function registerCaseListPages(routes: Routes): void {
  // Before the case's own page: `/portal/cases/new` is a page of its own, not a case.
  registerCaseNewPages(routes);
  registerNotificationPages(routes);

  // The list shows subjects, not personal data: reading a case itself is the consultation its page records.
  routes.portalPage('/portal/cases', {
    authorise: 'cases.exchange',
    input: { query: listQuery },
    run: async ({ db, principal, input, meta }): Promise<ListPage> => {
      const p = signedIn(principal);
      const q = input.query;
      const filters: Filters = { status: q.status || undefined, urgency: q.urgency || undefined, role: q.role || undefined, overdue: q.overdue === '1' };
      const page = await listCases(db, p, { ...filters, after: q.after || undefined, perPage: PER_PAGE }, meta.now);
      const overdue = await listCases(db, p, { role: 'received', overdue: true, perPage: OVERDUE_COUNTED }, meta.now);
      return { page, filters, paged: Boolean(q.after), overdueReceived: { count: overdue.items.length, more: overdue.next !== null }, now: meta.now };
    },
    render: listPage,
  });
}
