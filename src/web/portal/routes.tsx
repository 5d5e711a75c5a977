/** The law-enforcement portal: its home page, and every portal area's pages and forms, declared through the pipeline. */
import { can } from '../../core/permissions.ts';
import type { Routes } from '../pipeline/routes.ts';
import { portalPath } from '../pipeline/session.ts';
import { registerAccountPages } from './account.tsx';
import { registerAdminPages } from './admin.tsx';
import { registerApiKeyPages } from './api-keys.tsx';
import { registerAuditPages } from './audit.tsx';
import { registerEnrolPages } from './enrol.tsx';
import { registerInvitePages } from './invite.tsx';
import { registerMfaPages } from './mfa.tsx';
import { renderPortal } from './render.tsx';
import { registerSignInPages } from './sign-in.tsx';

export function registerPortalRoutes(routes: Routes): void {
  registerSignInPages(routes);
  registerMfaPages(routes);
  registerEnrolPages(routes);
  registerInvitePages(routes);
  registerAccountPages(routes);
  registerAdminPages(routes);
  registerAuditPages(routes);
  registerApiKeyPages(routes);

  routes.portalPage('/portal', {
    authorise: 'portal.use',
    run: async () => undefined,
    render: (c) => {
      const t = c.get('tr').t;
      const p = c.get('principal');
      const links = [
        { href: '/admin/users', label: t('portal.nav.users'), show: can(p, 'users.manage') },
        { href: '/admin/agencies', label: t('portal.nav.agencies'), show: can(p, 'agencies.manage') },
        { href: '/audit', label: t('portal.nav.audit'), show: can(p, 'audit.read') },
        { href: '/api-keys', label: t('portal.nav.api_keys'), show: can(p, 'apikeys.own') },
        { href: '/account', label: t('portal.nav.account'), show: true },
      ].filter((l) => l.show);
      return renderPortal(
        c,
        t('portal.home.title'),
        <>
          <h1>{t('portal.home.welcome', { name: p?.name ?? '' })}</h1>
          <p>{t('portal.home.roles', { roles: (p?.roles ?? []).map((r) => t(`portal.role.${r}`)).join(', '), agency: p?.agencyCode ?? '' })}</p>
          <ul>
            {links.map((l) => (
              <li>
                <a href={portalPath(c, l.href)}>{l.label}</a>
              </li>
            ))}
          </ul>
        </>,
      );
    },
  });
}
