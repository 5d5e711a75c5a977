/** The site-wide machine-readable files, not language-prefixed: the news Atom feed, the sitemap and robots.txt. */
import { Feed } from 'feed';
import { Hono, type Context } from 'hono';
import { referenceToSlug } from '../../core/notices.ts';
import { DEFAULT_LANG } from '../../i18n/i18n.ts';
import type { Db } from '../../storage/db.ts';
import { lastChangeSeq } from '../../storage/repositories/change-log.ts';
import type { NewsItem } from '../../core/news.ts';
import { listPublishedNews, listPublishedNewsStamps } from '../../storage/repositories/news-read.ts';
import { listPublishedNoticeStamps } from '../../storage/repositories/sitemap-read.ts';
import type { AppEnv } from '../context.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { localPath } from '../views/layout.tsx';
import { parseBlocks } from '../views/site/text.tsx';

export const NEWS_FEED_SIZE = 50;
/** The sitemap protocol's limit on URLs in one file. */
export const SITEMAP_MAX_URLS = 50_000;
/** Pages of the public site without a database row behind them, in sitemap order. */
export const STATIC_PATHS = ['/', '/notices', '/help', '/news', '/about', '/scam-warning', '/accessibility', '/privacy'] as const;
/** Bodies are rebuilt when the change log moves, or after this long (scheduled news becomes visible without a change). */
const MAX_AGE_MS = 60_000;

/** Escapes text for XML content and attributes; the feed library also writes titles as `type="html"`. */
const xml = (text: string): string =>
  text.replace(/[&<>"']/g, (ch) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[ch] ?? ch);

/** Keeps one generated body per change-log version, so crawlers polling the feed or sitemap cost one small query. */
class VersionedBody {
  private cached: { version: number; at: number; body: string } | undefined;
  async get(db: Db, build: () => Promise<string>): Promise<string> {
    const version = await lastChangeSeq(db);
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
    title: xml(title),
    description: xml(subtitle),
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
      .map((b) => (b.kind === 'p' ? `<p>${xml(b.text)}</p>` : `<ul>${b.items.map((i) => `<li>${xml(i)}</li>`).join('')}</ul>`))
      .join('');
    feed.addItem({
      id: `${origin}/news/${item.slug}`,
      link: `${origin}${pathIn(item)}`,
      title: xml(item.title),
      description: xml(item.summary),
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
    languages.map((l) => `<xhtml:link rel="alternate" hreflang="${xml(l)}" href="${xml(origin + localPath(l, path))}"/>`).join('') +
    `<xhtml:link rel="alternate" hreflang="x-default" href="${xml(origin + path)}"/>`;
  const mod = lastmod ? `<lastmod>${xml(lastmod)}</lastmod>` : '';
  return languages.map((l) => `<url><loc>${xml(origin + localPath(l, path))}</loc>${mod}${alternates}</url>`).join('\n');
}

async function sitemap(db: Db, origin: string, languages: readonly string[]): Promise<string> {
  const news = await listPublishedNewsStamps(db);
  const perPage = Math.max(1, languages.length);
  // Notices fill what the protocol's limit leaves; beyond it, the newest are listed (the list pages link the rest).
  const room = Math.max(0, Math.floor(SITEMAP_MAX_URLS / perPage) - STATIC_PATHS.length - news.length);
  const notices = await listPublishedNoticeStamps(db, room);
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

export function siteFeedRoutes(): Hono<AppEnv> {
  const app = new Hono<AppEnv>();
  const limit = rateLimit({ name: 'site-feeds', ratePerSecond: 5, burst: 30 });
  const feedBody = new VersionedBody();
  const sitemapBody = new VersionedBody();

  app.get('/feeds/news.atom', limit, async (c) => {
    const { config, store, i18n } = c.get('deps');
    const tr = i18n.translator(DEFAULT_LANG);
    const body = await feedBody.get(store.db, async () =>
      newsFeed(
        config.publicUrl,
        config.site.name,
        tr.t('news.feed.title', { site: config.site.name }),
        tr.t('news.feed.subtitle'),
        await listPublishedNews(store.db, { limit: NEWS_FEED_SIZE }),
        i18n.languages,
      ),
    );
    return send(c, body, 'application/atom+xml; charset=utf-8', 300);
  });

  app.get('/sitemap.xml', limit, async (c) => {
    const { config, store, i18n } = c.get('deps');
    const body = await sitemapBody.get(store.db, () => sitemap(store.db, config.publicUrl, i18n.languages));
    return send(c, body, 'application/xml; charset=utf-8', 3600);
  });

  app.get('/robots.txt', limit, (c) => {
    return send(c, robots(c.get('deps').config.publicUrl), 'text/plain; charset=utf-8', 86_400);
  });
  return app;
}
