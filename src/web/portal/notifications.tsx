/** The signed-in person's notifications of cases in the portal: what happened, in which case, when, the unread ones marked; and marking them all read. */
import type { Context } from 'hono';
import { z } from 'zod';
import { listOwnNotifications, markOwnNotificationsRead, type NotificationItem } from '../../services/cases/list-notifications.ts';
import type { AppEnv } from '../context.ts';
import type { Routes } from '../pipeline/routes.ts';
import { portalPath } from '../pipeline/session.ts';
import { DataTable } from '../views/portal/parts/data-table.tsx';
import { EmptyState } from '../views/portal/parts/empty-state.tsx';
import { Notice } from '../views/portal/parts/messages.tsx';
import { PageHeader } from '../views/portal/parts/page-header.tsx';
import { When } from '../views/portal/parts/time.tsx';
import { CsrfField } from './csrf-field.tsx';
import { signedIn } from './request-list.tsx';
import { renderPortal } from './render.tsx';

type NotificationsPage = { unread: number; items: NotificationItem[]; marked: boolean };

function notificationsPage(c: Context<AppEnv>, out: NotificationsPage): Promise<Response> {
  const tr = c.get('tr');
  const t = tr.t;
  const unread = (n: NotificationItem) => n.readAt === null;
  return renderPortal(
    c,
    t('cases.notifications.title'),
    <>
      <PageHeader
        title={t('cases.notifications.title')}
        crumbs={[{ href: portalPath(c, '/'), label: t('portal.nav.home') }]}
        crumbsLabel={t('portal.breadcrumbs')}
        lead={t('cases.notifications.unread_count', { count: out.unread })}
      />
      <Notice text={out.marked ? t('cases.notifications.marked') : undefined} />
      {out.unread > 0 ? (
        <form method="post" action={portalPath(c, '/notifications/read')} class="button-group">
          <CsrfField token={c.get('csrfToken')} />
          <button type="submit" class="secondary">
            {t('cases.notifications.mark_read')}
          </button>
        </form>
      ) : null}
      {out.items.length === 0 ? (
        <EmptyState title={t('cases.notifications.none')}>
          <p>{t('cases.notifications.none_text')}</p>
        </EmptyState>
      ) : (
        <DataTable
          caption={t('cases.notifications.caption', { count: out.items.length })}
          rows={out.items}
          columns={[
            {
              label: t('cases.notifications.col.what'),
              // Unread ones say so in words as well as in bold, so the state is not carried by the weight alone.
              cell: (n) =>
                unread(n) ? (
                  <strong class="notification-unread">
                    {t(`cases.notifications.kind.${n.kind}`)} <span class="badge badge-info">{t('cases.notifications.new')}</span>
                  </strong>
                ) : (
                  t(`cases.notifications.kind.${n.kind}`)
                ),
            },
            {
              label: t('cases.notifications.col.case'),
              cell: (n) => (
                <>
                  <a href={portalPath(c, `/cases/${n.caseId}`)}>
                    <code>{n.reference}</code>
                  </a>
                  {n.urgency === 'urgent' ? (
                    <>
                      {' '}
                      <strong class="badge badge-danger">{t('cases.urgency.urgent')}</strong>
                    </>
                  ) : null}
                </>
              ),
            },
            { label: t('cases.notifications.col.when'), cell: (n) => <When tr={tr} iso={n.createdAt} /> },
          ]}
        />
      )}
    </>,
  );
}

export function registerNotificationPages(routes: Routes): void {
  routes.portalPage('/portal/notifications', {
    authorise: 'cases.exchange',
    input: { query: z.object({ marked: z.string().max(5).optional() }) },
    run: async ({ db, principal, input }): Promise<NotificationsPage> => ({ ...(await listOwnNotifications(db, signedIn(principal))), marked: input.query.marked !== undefined }),
    render: notificationsPage,
  });

  // Marking one's own notifications read changes nothing anyone else sees, and names no personal data: no audit entry.
  routes.portalAction('/portal/notifications/read', {
    authorise: 'cases.exchange',
    audit: 'use-case',
    run: async ({ db, principal, meta }) => {
      await markOwnNotificationsRead(db, signedIn(principal), meta.now);
    },
    render: (c) => c.redirect(`${portalPath(c, '/notifications')}?marked=1`, 303),
  });
}
