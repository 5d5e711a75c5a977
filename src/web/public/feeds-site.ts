/** The site-wide machine-readable files, not language-prefixed: the news Atom feed, the sitemap and robots.txt. */
import { Feed } from 'feed';
import type { Context } from 'hono';
import { referenceToSlug } from '../../core/notices.ts';
import { DEFAULT_LANG } from '../../i18n/i18n.ts';
import type { NewsItem } from '../../core/news.ts';
import { listNews } from '../../services/site/list-news.ts';
import { listSitemapEntries, type SitemapEntries } from '../../services/site/list-sitemap-entries.ts';
import { readChangeVersion } from '../../services/site/read-change-version.ts';
import type { AppEnv } from '../context.ts';
import type { Routes } from '../pipeline/routes.ts';
import { escapeHtml } from '../escape-html.ts';
import { localPath } from '../views/layout.tsx';
import { parseBlocks } from '../views/site/text.tsx';

export const NEWS_FEED_SIZE = 50;
/** The sitemap protocol's limit on URLs in one file. */
export const SITEMAP_MAX_URLS = 50_000;
/** Pages of the public site without a database row behind them, in sitemap order. */
export const STATIC_PATHS = ['/', '/notices', '/help', '/news', '/about', '/scam-warning', '/accessibility', '/privacy'] as const;
/** Bodies are rebuilt when the change log moves, or after this long (scheduled news becomes visible without a change). */
const MAX_AGE_MS = 60_000;


/** Keeps one generated body per change-log version, so crawlers polling the feed or sitemap cost one small query. */
class VersionedBody {
  private cached: { version: number; at: number; body: string } | undefined;
  async get(version: number, build: () => Promise<string>): Promise<string> {
    const now = Date.now();
    if (this.cached && this.cached.version === version && now - this.cached.at < MAX_AGE_MS) return this.cached.body;
    const body = await build();
    this.cached = { version, at: now, body };
    return body;
  }
}

/** A weak validator over the body, so readers that send If-None-Match get a 304. */
function send(c: Context<AppEnv>, body: string, contentType: string, maxAge: number): Response {
  const etag = `W/"${body.length.toString(36)}-${hash(body)}"`;
  const headers = { 'Content-Type': contentType, 'Cache-Control': `public, max-age=${maxAge}`, ETag: etag };
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  return c.body(body, 200, headers);
}

/** FNV-1a: cheap and good enough to tell two versions of a generated file apart. */
function hash(text: string): string {
  let h = 0x811c9dc5;
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return (h >>> 0).toString(36);
}

function newsFeed(origin: string, siteName: string, title: string, subtitle: string, items: NewsItem[], languages: readonly string[]): string {
  const pathIn = (item: NewsItem) => localPath(languages.includes(item.lang) ? item.lang : DEFAULT_LANG, `/news/${item.slug}`);
  const updated = items.map((i) => (i.updatedAt > i.publishedAt ? i.updatedAt : i.publishedAt)).sort().pop() ?? '1970-01-01T00:00:00.000Z';
  const feed = new Feed({
    id: `${origin}/feeds/news.atom`,
    // Escaped for XML, and because the feed library writes titles as `type="html"`.
    title: escapeHtml(title),
    description: escapeHtml(subtitle),
    link: `${origin}/news`,
    feed: `${origin}/feeds/news.atom`,
    language: DEFAULT_LANG,
    updated: new Date(updated),
    generator: false,
    author: { name: siteName, link: origin },
    copyright: siteName,
  });
  for (const item of items) {
    const body = parseBlocks(item.body)
      .map((b) => (b.kind === 'p' ? `<p>${escapeHtml(b.text)}</p>` : `<ul>${b.items.map((i) => `<li>${escapeHtml(i)}</li>`).join('')}</ul>`))
      .join('');
    feed.addItem({
      id: `${origin}/news/${item.slug}`,
      link: `${origin}${pathIn(item)}`,
      title: escapeHtml(item.title),
      description: escapeHtml(item.summary),
      content: body,
      date: new Date(item.updatedAt > item.publishedAt ? item.updatedAt : item.publishedAt),
      published: new Date(item.publishedAt),
      category: [{ term: item.kind }],
    });
  }
  return feed.atom1();
}

/** One `<url>` per language of a page, each listing every language version (and the default) as alternates. */
function urlEntries(origin: string, path: string, languages: readonly string[], lastmod?: string): string {
  const alternates =
    languages.map((l) => `<xhtml:link rel="alternate" hreflang="${escapeHtml(l)}" href="${escapeHtml(origin + localPath(l, path))}"/>`).join('') +
    `<xhtml:link rel="alternate" hreflang="x-default" href="${escapeHtml(origin + path)}"/>`;
  const mod = lastmod ? `<lastmod>${escapeHtml(lastmod)}</lastmod>` : '';
  return languages.map((l) => `<url><loc>${escapeHtml(origin + localPath(l, path))}</loc>${mod}${alternates}</url>`).join('\n');
}

/** How many notices fit in one sitemap beside the fixed pages and the news, each listed once per language. */
export function sitemapRoom(languages: readonly string[], newsCount: number): number {
  return Math.max(0, Math.floor(SITEMAP_MAX_URLS / Math.max(1, languages.length)) - STATIC_PATHS.length - newsCount);
}

function sitemap({ notices, news }: SitemapEntries, origin: string, languages: readonly string[]): string {
  // Notices fill what the protocol's limit leaves; beyond it, the newest are listed (the list pages link the rest).
  const entries = [
    ...STATIC_PATHS.map((p) => urlEntries(origin, p, languages)),
    ...notices.map((n) => urlEntries(origin, `/notices/${referenceToSlug(n.reference)}`, languages, n.updatedAt)),
    ...news.map((n) => urlEntries(origin, `/news/${n.slug}`, languages, n.updatedAt)),
  ];
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:xhtml="http://www.w3.org/1999/xhtml">\n' +
    `${entries.join('\n')}\n</urlset>\n`
  );
}

/** Areas for signed-in officials and machines; robots.txt is advice, the portal and API enforce their own access. */
export const DISALLOWED_PATHS = ['/portal', '/api', '/notices/v1/'] as const;

function robots(origin: string): string {
  return ['User-agent: *', 'Allow: /', ...DISALLOWED_PATHS.map((p) => `Disallow: ${p}`), '', `Sitemap: ${origin}/sitemap.xml`, ''].join('\n');
}

export function registerSiteFeedRoutes(routes: Routes): void {
  const feedBody = new VersionedBody();
  const sitemapBody = new VersionedBody();

  routes.feed('/feeds/news.atom', {
    authorise: 'public',
    run: async ({ db, deps: { config, i18n } }) => {
      const tr = i18n.translator(DEFAULT_LANG);
      return feedBody.get(await readChangeVersion(db), async () =>
        newsFeed(
          config.publicUrl,
          config.site.name,
          tr.t('news.feed.title', { site: config.site.name }),
          tr.t('news.feed.subtitle'),
          (await listNews(db, { limit: NEWS_FEED_SIZE, now: new Date(), withTotal: false })).items,
          i18n.languages,
        ),
      );
    },
    render: (c, body) => send(c, body, 'application/atom+xml; charset=utf-8', 300),
  });

  routes.feed('/sitemap.xml', {
    authorise: 'public',
    run: async ({ db, deps: { config, i18n } }) =>
      sitemapBody.get(await readChangeVersion(db), async () => {
        const now = new Date();
        const first = await listSitemapEntries(db, 0, now);
        const entries = await listSitemapEntries(db, sitemapRoom(i18n.languages, first.news.length), now);
        return sitemap(entries, config.publicUrl, i18n.languages);
      }),
    render: (c, body) => send(c, body, 'application/xml; charset=utf-8', 3600),
  });

  routes.feed('/robots.txt', {
    authorise: 'public',
    run: async () => undefined,
    render: (c) => send(c, robots(c.get('deps').config.publicUrl), 'text/plain; charset=utf-8', 86_400),
  });
}
