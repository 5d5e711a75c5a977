/** The page shell of the law-enforcement portal: skip link, identity, navigation by permission, sign-out, never indexed. */
import type { Child } from 'hono/jsx';
import type { Config } from '../../../config/config.ts';
import { can } from '../../../core/permissions.ts';
import type { Principal } from '../../../core/principal.ts';
import type { Translator } from '../../../i18n/i18n.ts';
import { localPath } from '../layout.tsx';

export type PortalPageProps = {
  tr: Translator;
  config: Config;
  title: string;
  /** Path without the language prefix, e.g. `/portal/account`, for the language switcher. */
  basePath: string;
  languages: string[];
  principal: Principal | undefined;
  csrfToken: string;
  demo: boolean;
  /** Extra scripts (same-origin files only; the CSP forbids inline script). */
  scripts?: string[];
  /** The signed-in person's unread notifications of cases; absent when it could not be counted. */
  unread?: number | undefined;
  children: Child;
};

/** A section's link stays marked on its sub-pages (a user's page is under Users); the home link only on the home page. */
const current = (path: string, href: string): boolean => path === href || (href !== '/portal' && path.startsWith(`${href}/`));

export function PortalLayout(props: PortalPageProps) {
  const { tr, config, principal } = props;
  const t = tr.t;
  const lp = (p: string) => localPath(tr.lang, p);
  const nav: { href: string; label: string; show: boolean }[] = [
    { href: '/portal', label: t('portal.nav.home'), show: true },
    { href: '/portal/requests', label: t('requests.view.nav_requests'), show: can(principal, 'notices.submit') },
    { href: '/portal/review', label: t('requests.queue.nav'), show: can(principal, 'notices.review') },
    { href: '/portal/notices', label: t('requests.search.nav'), show: can(principal, 'notices.read') },
    { href: '/portal/cases', label: t('cases.list.nav'), show: can(principal, 'cases.exchange') },
    { href: '/portal/admin/users', label: t('portal.nav.users'), show: can(principal, 'users.manage') },
    { href: '/portal/admin/agencies', label: t('portal.nav.agencies'), show: can(principal, 'agencies.manage') },
    { href: '/portal/audit', label: t('portal.nav.audit'), show: can(principal, 'audit.read') },
    { href: '/portal/api-keys', label: t('portal.nav.api_keys'), show: can(principal, 'apikeys.own') },
  ];
  return (
    <html lang={tr.lang} dir={tr.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <meta name="robots" content="noindex, nofollow" />
        <title>{`${props.title} · ${t('portal.name')} · ${config.site.name}`}</title>
        <link rel="stylesheet" href="/static/site.css" />
        <link rel="stylesheet" href="/static/portal.css" />
        <link rel="icon" href={config.site.logoUrl} />
        {(props.scripts ?? []).map((src) => (
          <script src={src} defer></script>
        ))}
      </head>
      <body class="portal">
        <a class="skip" href="#main">
          {t('layout.skip')}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href={lp('/portal')}>
              <img src={config.site.logoUrl} alt="" width="40" height="40" />
              <span>
                {config.site.name} · {t('portal.name')}
              </span>
            </a>
            {/* Beside the languages: the band below has no room left for it once every area of a person with many roles is listed. */}
            {principal && can(principal, 'cases.exchange') ? (
              <p class="alerts">
                <a href={lp('/portal/notifications')} aria-current={current(props.basePath, '/portal/notifications') ? 'page' : undefined}>
                  {t('cases.notifications.nav')}
                  {props.unread ? (
                    <>
                      {' '}
                      <span class="alerts-count">
                        ({props.unread}
                        <span class="visually-hidden"> {t('cases.notifications.nav_unread')}</span>)
                      </span>
                    </>
                  ) : null}
                </a>
              </p>
            ) : null}
            <nav aria-label={t('layout.languages')} class="langs">
              <ul>
                {props.languages.map((l) => (
                  <li>
                    <a href={localPath(l, props.basePath)} hreflang={l} lang={l} aria-current={l === tr.lang ? 'true' : undefined}>
                      {new Intl.DisplayNames([l], { type: 'language' }).of(l) ?? l}
                    </a>
                  </li>
                ))}
              </ul>
            </nav>
          </div>
          {principal ? (
            <div class="portal-bar">
              <div class="wrap">
                <nav aria-label={t('portal.nav.label')} class="main-nav">
                  <ul>
                    {nav
                      .filter((n) => n.show)
                      .map((n) => (
                        <li>
                          <a href={lp(n.href)} aria-current={current(props.basePath, n.href) ? 'page' : undefined}>
                            {n.label}
                          </a>
                        </li>
                      ))}
                  </ul>
                </nav>
                <div class="account-tools">
                  {/* The account is reached by the signed-in name, as on most sites, which leaves the band to the areas. */}
                  <p class="whoami">
                    <span class="visually-hidden">{t('portal.signed_in_prefix')} </span>
                    <a href={lp('/portal/account')} aria-current={current(props.basePath, '/portal/account') ? 'page' : undefined}>
                      {principal.name} ({principal.agencyCode})
                      <span class="visually-hidden">: {t('portal.nav.account')}</span>
                    </a>
                  </p>
                  <form method="post" action={lp('/portal/sign-out')} class="sign-out">
                    <input type="hidden" name="_csrf" value={props.csrfToken} />
                    <button type="submit">{t('portal.sign_out')}</button>
                  </form>
                </div>
              </div>
            </div>
          ) : null}
        </header>
        {props.demo ? (
          <p class="demo-banner" role="note">
            {t('portal.demo_banner')}
          </p>
        ) : null}
        <main id="main" class="wrap" tabindex={-1}>
          {props.children}
        </main>
        <footer class="site-footer">
          <div class="wrap">
            <p>{t('portal.footer')}</p>
            <ul>
              <li>
                <a href={lp('/')}>{t('portal.public_site')}</a>
              </li>
              {principal ? (
                <li>
                  <a href={lp('/portal/parts')}>{t('portal.parts.title')}</a>
                </li>
              ) : null}
            </ul>
          </div>
        </footer>
      </body>
    </html>
  );
}
