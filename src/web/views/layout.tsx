/** The page shell of the public site: skip link, header with office identity and language switcher, demo banner, footer. */
import type { Child } from 'hono/jsx';
import { officeText, type Config } from '../../config/config.ts';
import type { Translator } from '../../i18n/i18n.ts';
import { encoded } from '../jsx/jsx-runtime.ts';

export type PageMeta = {
  title: string;
  description?: string;
  /** Path without language prefix, e.g. `/notices`. */
  basePath: string;
  languages: string[];
  canonicalQuery?: string;
  /**
   * The query string of the request (without `?`), kept when switching language so a visitor stays on the same
   * search, country or page; defaults to `canonicalQuery`. Pass only what the page reads: a cached page reuses it.
   */
  query?: string;
  /** Extra head elements: Open Graph tags, JSON-LD, feeds. */
  head?: Child;
  noindex?: boolean;
};

export const localPath = (lang: string, basePath: string): string =>
  lang === 'en' ? basePath : basePath === '/' ? `/${lang}` : `/${lang}${basePath}`;

/** Sections of the main navigation, in order; a page belongs to the one its path starts with. */
const sections = [
  { path: '/', key: 'nav.home' },
  { path: '/notices', key: 'nav.notices' },
  { path: '/help', key: 'nav.help' },
  { path: '/news', key: 'nav.news' },
  { path: '/about', key: 'nav.about' },
  { path: '/scam-warning', key: 'nav.scam' },
] as const;

/** The section (or footer page) a path belongs to, for `aria-current="page"`. */
export function currentSection(basePath: string): string {
  if (basePath === '/') return '/';
  const match = [...sections.map((s) => s.path), '/accessibility', '/privacy'].find(
    (p) => p !== '/' && (basePath === p || basePath.startsWith(`${p}/`)),
  );
  return match ?? '';
}

/** Most a language link carries over: a search's filters fit easily; a pasted essay does not belong in every link. */
const MAX_KEPT_QUERY = 1000;

/** The query for the language links: empty values and an oversized query are not worth repeating in every link. */
function keptQuery(query: string | undefined): string {
  if (!query) return '';
  const params = new URLSearchParams(query.startsWith('?') ? query.slice(1) : query);
  const kept = new URLSearchParams([...params].filter(([k, v]) => k !== '' && v !== ''));
  const text = kept.toString();
  return text === '' || text.length > MAX_KEPT_QUERY ? '' : `?${text}`;
}

/** Each language's name in itself, for the switcher: built once per language (an Intl.DisplayNames is costly to make). */
const ownNames = new Map<string, string>();
function languageName(lang: string): string {
  let name = ownNames.get(lang);
  if (name === undefined) {
    name = new Intl.DisplayNames([lang], { type: 'language' }).of(lang) ?? lang;
    ownNames.set(lang, name);
  }
  return name;
}

/**
 * Parts of the shell that read the same on every page of a section in a language: rendered once per app (its
 * translator and configuration) and kept, since every page carries them.
 */
const keptParts = new WeakMap<Translator, WeakMap<Config, Map<string, Child>>>();
function kept(tr: Translator, config: Config, key: string, render: () => Child): Child {
  let byConfig = keptParts.get(tr);
  if (!byConfig) keptParts.set(tr, (byConfig = new WeakMap()));
  let parts = byConfig.get(config);
  if (!parts) byConfig.set(config, (parts = new Map()));
  let part = parts.get(key);
  if (part === undefined) parts.set(key, (part = encoded(String(render()))));
  return part;
}

function MainNav(props: { tr: Translator; current: string; demo: boolean }) {
  const { tr, current } = props;
  const t = tr.t;
  const lp = (p: string) => localPath(tr.lang, p);
  return (
    <>
      <nav aria-label={t('layout.main_nav')} class="main-nav">
        <ul class="wrap">
          {sections.map((s) => (
            <li>
              <a href={lp(s.path)} aria-current={s.path === current ? 'page' : undefined}>
                {t(s.key)}
              </a>
            </li>
          ))}
        </ul>
      </nav>
      {props.demo ? (
        <p class="demo-banner" role="note">
          <span class="wrap">{t('layout.demo_banner')}</span>
        </p>
      ) : null}
    </>
  );
}

function SiteFooter(props: { tr: Translator; config: Config; current: string }) {
  const { tr, config, current } = props;
  const t = tr.t;
  const lp = (p: string) => localPath(tr.lang, p);
  return (
    <footer class="site-footer">
      <div class="wrap">
        <p class="scam-footer">
          <strong>{t('layout.scam_short')}</strong> <a href={lp('/scam-warning')}>{t('layout.scam_more')}</a>
        </p>
        <p>{officeText(config.site.emergencyText, tr.lang) ?? t('layout.emergency')}</p>
        <nav aria-label={t('layout.footer_nav')}>
          <ul class="footer-links">
            <li><a href={lp('/accessibility')} aria-current={current === '/accessibility' ? 'page' : undefined}>{t('nav.accessibility')}</a></li>
            <li><a href={lp('/privacy')} aria-current={current === '/privacy' ? 'page' : undefined}>{t('nav.privacy')}</a></li>
            <li><a href="/feeds/notices.atom">{t('feeds.notices')}</a></li>
            <li><a href="/feeds/news.atom">{t('feeds.news')}</a></li>
            <li><a href="/portal">{t('nav.portal')}</a></li>
          </ul>
        </nav>
        <p>
          <a href={`mailto:${config.site.contactEmail}`}>{config.site.contactEmail}</a>
        </p>
      </div>
    </footer>
  );
}

export function Layout(props: { tr: Translator; config: Config; meta: PageMeta; demo: boolean; children: Child }) {
  const { tr, config, meta } = props;
  const t = tr.t;
  const lp = (p: string) => localPath(tr.lang, p);
  const query = meta.canonicalQuery ? `?${meta.canonicalQuery}` : '';
  const switchQuery = keptQuery(meta.query ?? meta.canonicalQuery);
  const current = currentSection(meta.basePath);
  const siteName = officeText(config.site.names, tr.lang) ?? config.site.name;
  return (
    <html lang={tr.lang} dir={tr.dir}>
      <head>
        <meta charset="utf-8" />
        <meta name="viewport" content="width=device-width, initial-scale=1" />
        <title>{`${meta.title} · ${siteName}`}</title>
        {meta.description ? <meta name="description" content={meta.description} /> : null}
        {meta.noindex ? <meta name="robots" content="noindex" /> : null}
        <link rel="stylesheet" href="/static/site.css" />
        <link rel="icon" href={config.site.logoUrl} />
        <link rel="canonical" href={`${config.publicUrl}${lp(meta.basePath)}${query}`} />
        {meta.languages.map((l) => (
          <link rel="alternate" hreflang={l} href={`${config.publicUrl}${localPath(l, meta.basePath)}${query}`} />
        ))}
        <link rel="alternate" hreflang="x-default" href={`${config.publicUrl}${meta.basePath}${query}`} />
        <link rel="alternate" type="application/atom+xml" title={t('feeds.notices')} href="/feeds/notices.atom" />
        <link rel="alternate" type="application/atom+xml" title={t('feeds.news')} href="/feeds/news.atom" />
        {meta.head}
      </head>
      <body>
        <a class="skip" href="#main">
          {t('layout.skip')}
        </a>
        <header class="site-header">
          <div class="wrap header-row">
            <a class="brand" href={lp('/')}>
              <img src={config.site.logoUrl} alt="" width="40" height="40" />
              <span>{siteName}</span>
            </a>
            {meta.languages.length > 1 ? (
              <nav aria-label={t('layout.languages')} class="langs">
                <ul>
                  {meta.languages.map((l) => (
                    <li>
                      <a
                        href={`${localPath(l, meta.basePath)}${switchQuery}`}
                        hreflang={l}
                        lang={l}
                        aria-current={l === tr.lang ? 'true' : undefined}
                      >
                        {languageName(l)}
                      </a>
                    </li>
                  ))}
                </ul>
              </nav>
            ) : null}
          </div>
          {kept(tr, config, `nav:${current}:${props.demo}`, () => (
            <MainNav tr={tr} current={current} demo={props.demo} />
          ))}
        </header>
        <main id="main" class="wrap" tabindex={-1}>
          {props.children}
        </main>
        {kept(tr, config, `footer:${current}`, () => (
          <SiteFooter tr={tr} config={config} current={current} />
        ))}
      </body>
    </html>
  );
}
