/** The requesting agency's notice requests: the list with expiry reminders and a status filter, and the opening of a new draft. */
import type { Context } from 'hono';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { editableStatuses, finalStatuses, liveStatuses, requestStatuses, reviewStatuses, type RequestStatus } from '../../core/notice-requests.ts';
import { noticeKinds } from '../../core/notices.ts';
import type { Principal } from '../../core/principal.ts';
import { createNoticeRequest } from '../../services/notice-requests/create-notice-request.ts';
import { listAgencyRequests, type RequestListItem } from '../../services/notice-requests/list-notice-requests.ts';
import type { AppEnv } from '../context.ts';
import type { Routes } from '../pipeline/routes.ts';
import { portalPath } from '../pipeline/session.ts';
import { StatusBadge, type BadgeTone } from '../views/portal/parts/badge.tsx';
import { DataTable } from '../views/portal/parts/data-table.tsx';
import { EmptyState } from '../views/portal/parts/empty-state.tsx';
import { SelectField } from '../views/portal/parts/fields.tsx';
import { Banner } from '../views/portal/parts/messages.tsx';
import { PageHeader } from '../views/portal/parts/page-header.tsx';
import { When } from '../views/portal/parts/time.tsx';
import { CsrfField } from './csrf-field.tsx';
import { renderPortal } from './render.tsx';

/** The pipeline authorised the principal before `run`; its absence would be a wiring bug, answered as signed out. */
export function signedIn(principal: Principal | undefined): Principal {
  if (!principal) throw new AppError('unauthenticated', 'error.detail.sign_in');
  return principal;
}

/** The colour a status badge repeats: circulating, waiting, with the agency, or over. */
export function statusTone(status: RequestStatus): BadgeTone {
  if (finalStatuses.has(status)) return status === 'refused' ? 'danger' : 'inactive';
  if (reviewStatuses.has(status)) return 'info';
  if (status === 'changes_requested' || status === 'update_changes_requested') return 'warning';
  return liveStatuses.has(status) ? 'active' : 'inactive';
}

/** An empty choice means every status; anything else must be one. */
const listQuery = z.object({ status: z.union([z.literal(''), z.enum(requestStatuses)]).optional() });

const createForm = z.object({ kind: z.enum(noticeKinds) });

type ListPage = { items: RequestListItem[]; status: RequestStatus | undefined };

function listPage(c: Context<AppEnv>, page: ListPage): Promise<Response> {
  const tr = c.get('tr');
  const t = tr.t;
  const token = c.get('csrfToken');
  const { items, status } = page;
  const expiring = items.filter((i) => i.expiringSoon);
  const name = (i: RequestListItem) => `${i.forename} ${i.familyName}`.trim() || t('requests.list.unnamed');
  return renderPortal(
    c,
    t('requests.list.title'),
    <>
      <PageHeader title={t('requests.list.title')} crumbs={[{ href: portalPath(c, '/'), label: t('portal.nav.home') }]} crumbsLabel={t('portal.breadcrumbs')} lead={t('requests.list.intro')} />
      {expiring.length > 0 ? (
        <Banner tone="info" title={t('requests.list.expiring_title', { count: expiring.length })}>
          <p>{t('requests.list.expiring_text')}</p>
          <ul>
            {expiring.map((i) => (
              <li>
                <a href={portalPath(c, `/requests/${i.id}`)}>{name(i)}</a> — {t('requests.list.expires_on', { date: tr.date(i.expiresAt ?? '', 'medium') })}
              </li>
            ))}
          </ul>
        </Banner>
      ) : null}
      <div class="button-group request-new">
        {noticeKinds.map((kind) => (
          <form method="post" action={portalPath(c, '/requests')}>
            <CsrfField token={token} />
            <input type="hidden" name="kind" value={kind} />
            <button type="submit" class={kind === 'wanted' ? undefined : 'secondary'}>
              {t(`requests.list.new.${kind}`)}
            </button>
          </form>
        ))}
      </div>
      <form method="get" action={portalPath(c, '/requests')} class="request-filter">
        <SelectField
          id="r-status"
          name="status"
          label={t('requests.list.filter_status')}
          selected={status ?? ''}
          options={[{ value: '', label: t('requests.list.any_status') }, ...requestStatuses.map((s) => ({ value: s, label: t(`requests.status.${s}`) }))]}
        />
        <button type="submit" class="secondary">
          {t('requests.list.filter')}
        </button>
      </form>
      {items.length === 0 ? (
        <EmptyState title={status ? t('requests.list.none_with_status') : t('requests.list.none')}>
          <p>{status ? t('requests.list.none_with_status_text') : t('requests.list.none_text')}</p>
        </EmptyState>
      ) : (
        <DataTable
          caption={t('requests.list.caption', { count: items.length })}
          rows={items}
          columns={[
            { label: t('requests.list.col.name'), cell: (i) => <a href={portalPath(c, `/requests/${i.id}`)}>{name(i)}</a> },
            { label: t('requests.list.col.kind'), cell: (i) => t(`notices.kind.${i.kind}`) },
            { label: t('requests.list.col.reference'), cell: (i) => (i.nationalReference ? <code>{i.nationalReference}</code> : '—') },
            { label: t('requests.list.col.status'), cell: (i) => (
                // Wrapped, so that on a phone's card the badge keeps its own width instead of filling the cell.
                <span>
                  <StatusBadge tone={statusTone(i.status)} text={t(`requests.status.${i.status}`)} />
                </span>
              ),
            },
            { label: t('requests.list.col.updated'), cell: (i) => <When tr={tr} iso={i.updatedAt} /> },
            {
              label: t('requests.list.col.expires'),
              cell: (i) =>
                i.expiresAt ? (
                  <>
                    {tr.date(i.expiresAt, 'medium')}
                    {i.expiringSoon ? (
                      <>
                        {' '}
                        <a href={portalPath(c, `/requests/${i.id}`)} class="expiry-reminder">
                          {t('requests.list.expires_soon')}
                        </a>
                      </>
                    ) : null}
                  </>
                ) : (
                  '—'
                ),
            },
            {
              label: t('requests.list.col.actions'),
              hideLabel: true,
              cell: (i) =>
                editableStatuses.has(i.status) ? (
                  <a href={portalPath(c, `/requests/${i.id}/edit`)} aria-label={t('requests.list.edit_named', { name: name(i) })}>
                    {t('requests.list.edit')}
                  </a>
                ) : null,
            },
          ]}
        />
      )}
    </>,
  );
}

export function registerRequestListPages(routes: Routes): void {
  routes.portalPage('/portal/requests', {
    authorise: 'notices.submit',
    input: { query: listQuery },
    run: async ({ db, principal, input, meta }): Promise<ListPage> => {
      const status = input.query.status || undefined;
      return { items: await listAgencyRequests(db, signedIn(principal), { status }, meta.now), status };
    },
    render: listPage,
  });

  // Opening a draft always writes the request and its audit entry.
  routes.portalAction('/portal/requests', {
    authorise: 'notices.submit',
    input: { body: createForm },
    run: ({ db, principal, input, meta }) => createNoticeRequest(db, signedIn(principal), { kind: input.body.kind }, meta.now),
    render: (c, created) => c.redirect(portalPath(c, `/requests/${created.id}/edit`), 303),
  });
}
