/** The law-enforcement portal: its home page, and every portal area's pages and forms, declared through the pipeline. */
import { can, type Permission } from '../../core/permissions.ts';
import type { Routes } from '../pipeline/routes.ts';
import { localPath } from '../views/layout.tsx';
import { PageHeader } from '../views/portal/parts/page-header.tsx';
import { registerAccountPages } from './account.tsx';
import { registerAdminPages } from './admin.tsx';
import { registerApiKeyPages } from './api-keys.tsx';
import { registerAuditPages } from './audit.tsx';
import { registerCaseListPages } from './case-list.tsx';
import { registerCaseViewPages } from './case-view.tsx';
import { registerCaseStatisticsPages } from './case-statistics.tsx';
import { registerEnrolPages } from './enrol.tsx';
import { registerInvitePages } from './invite.tsx';
import { registerMfaPages } from './mfa.tsx';
import { registerPartsPage } from './parts.tsx';
import { renderPortal } from './render.tsx';
import { registerRequestEditPages } from './request-edit.tsx';
import { registerRequestViewPages } from './request-view.tsx';
import { registerSignInPages } from './sign-in.tsx';

/**
 * What a permission lets its holder do today, as a link with a one-line description (`portal.home.task.<key>.*`).
 * Only permissions with a page of their own are listed: a task is shown only once there is somewhere to do it.
 */
const tasks: { permission: Permission; path: string; key: string }[] = [
  { permission: 'users.manage', path: '/portal/admin/users', key: 'users' },
  { permission: 'agencies.manage', path: '/portal/admin/agencies', key: 'agencies' },
  { permission: 'audit.read', path: '/portal/audit', key: 'audit' },
  { permission: 'cases.statistics', path: '/portal/case-statistics', key: 'case_statistics' },
  { permission: 'notices.submit', path: '/portal/requests', key: 'requests' },
  { permission: 'notices.review', path: '/portal/review', key: 'review' },
  { permission: 'notices.read', path: '/portal/notices', key: 'notices' },
  { permission: 'apikeys.own', path: '/portal/api-keys', key: 'api_keys' },
  { permission: 'portal.use', path: '/portal/account', key: 'account' },
];

export function registerPortalRoutes(routes: Routes): void {
  registerSignInPages(routes);
  registerMfaPages(routes);
  registerEnrolPages(routes);
  registerInvitePages(routes);
  registerAccountPages(routes);
  registerAdminPages(routes);
  registerAuditPages(routes);
  registerCaseStatisticsPages(routes);
  registerApiKeyPages(routes);
  registerRequestEditPages(routes);
  registerCaseListPages(routes);
  registerPartsPage(routes);
  registerRequestViewPages(routes);
  // After the case list's own paths (/portal/cases/new): this one takes any /portal/cases/:id.
  registerCaseViewPages(routes);

  routes.portalPage('/portal', {
    authorise: 'portal.use',
    run: async () => undefined,
    render: (c) => {
      const tr = c.get('tr');
      const t = tr.t;
      const p = c.get('principal');
      const mine = tasks.filter((task) => can(p, task.permission));
      return renderPortal(
        c,
        t('portal.home.title'),
        <>
          <PageHeader
            title={t('portal.home.welcome', { name: p?.name ?? '' })}
            lead={t('portal.home.roles', { roles: (p?.roles ?? []).map((r) => t(`portal.role.${r}`)).join(', '), agency: p?.agencyCode ?? '' })}
          />
          <h2>{t('portal.home.tasks')}</h2>
          <ul class="tasks">
            {mine.map((task) => (
              <li class="task">
                <h3>
                  <a href={localPath(tr.lang, task.path)}>{t(`portal.home.task.${task.key}.title`)}</a>
                </h3>
                <p>{t(`portal.home.task.${task.key}.text`)}</p>
              </li>
            ))}
          </ul>
        </>,
      );
    },
  });
}
