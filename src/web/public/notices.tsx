/** Public notice pages: the searchable "Help us find" list, one notice's public extract, and its photos. */
import { createHash } from 'node:crypto';
import type { Context, Hono } from 'hono';
import { z } from 'zod';
import { isOfficeCountry } from '../../core/countries.ts';
import { AppError } from '../../core/errors.ts';
import { slugToReference, type Notice } from '../../core/notices.ts';
import { searchNotices } from '../../services/notices/search-notices.ts';
import { getNoticeByReference, getNoticeImage } from '../../storage/repositories/notices.ts';
import { getPoliceContact } from '../../storage/repositories/police-contacts.ts';
import type { AppEnv } from '../context.ts';
import { rateLimit } from '../middleware/rate-limit.ts';
import { renderPage } from '../render.tsx';
import { validate } from '../validate.ts';
import { localPath } from '../views/layout.tsx';
import { NoticeDetailPage } from '../views/notices/detail-page.tsx';
import { NoticeListPage, PageOutOfRange } from '../views/notices/list-page.tsx';
import { noticeQuerySchema, queryString, rawNoticeQuery, toFilters, type NoticeQuery } from '../views/notices/query.ts';
import { NoticeHead, NoticeStyles, shareDescription } from '../views/notices/sharing.tsx';
import { noticeTitle } from '../views/notices/labels.ts';
import { matchReasons } from '../views/notices/why.ts';

/** Image types the upload pipeline produces; anything else is served as opaque bytes so it is never interpreted. */
const imageTypes = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif']);
const imageIdPattern = /^[0-9a-z]{26}$/;

const contactQuerySchema = z.object({
  country: z.string().refine(isOfficeCountry, 'must be a member or candidate country code').optional(),
});

const listUrl = (lang: string, q: NoticeQuery, page: number): string => {
  const qs = queryString(q, page);
  return `${localPath(lang, '/notices')}${qs ? `?${qs}` : ''}`;
};

/** Reads the search, or the problems with it as localised messages by field. */
function readQuery(c: Context<AppEnv>, raw: Record<string, string>): { query: NoticeQuery } | { errors: Map<string, string> } {
  try {
    return { query: validate(noticeQuerySchema, raw) };
  } catch (err) {
    if (!(err instanceof AppError) || err.code !== 'validation_failed') throw err;
    const tr = c.get('tr');
    return { errors: new Map(err.issues.map((i) => [i.field, tr.t(`notices.error.${i.field}`)])) };
  }
}

async function listNotices(c: Context<AppEnv>): Promise<Response> {
  const tr = c.get('tr');
  const { store, noticeIndex } = c.get('deps');
  const raw = rawNoticeQuery(c.req.query());
  const title = tr.t('notices.title');
  const read = readQuery(c, raw);
  if ('errors' in read) {
    const body = <NoticeListPage tr={tr} values={raw} errors={read.errors} results={null} />;
    return renderPage(c, { title: `${tr.t('notices.error.title_prefix')} ${title}`, noindex: true, head: <NoticeStyles /> }, body, 400);
  }
  const { query } = read;
  const today = new Date();
  const result = await searchNotices(store.db, toFilters(query), today, noticeIndex);
  const pages = Math.max(1, Math.ceil(result.total / query.perPage));
  if (query.page > pages) {
    const body = (
      <PageOutOfRange tr={tr} page={query.page} pages={pages} firstHref={listUrl(tr.lang, query, 1)} lastHref={listUrl(tr.lang, query, pages)} />
    );
    return renderPage(c, { title: tr.t('notices.page_missing.title'), noindex: true, head: <NoticeStyles /> }, body, 404);
  }
  const hits = result.notices.map((notice: Notice) => {
    const match = result.matches.get(notice.id);
    return { notice, why: match ? matchReasons(tr, match.explanation) : undefined };
  });
  const results = { total: result.total, page: query.page, pages, hits, today, href: (p: number) => listUrl(tr.lang, query, p) };
  return renderPage(
    c,
    { title: query.page > 1 ? `${title} (${tr.t('notices.results.page', { page: query.page, pages })})` : title, description: tr.t('notices.intro'), canonicalQuery: queryString(query) || undefined, head: <NoticeStyles /> },
    <NoticeListPage tr={tr} values={raw} errors={new Map()} results={results} />,
  );
}

/** The published notice a URL names, or a 404: drafts, withdrawn notices and malformed references look alike. */
async function publishedNotice(c: Context<AppEnv>, slug: string): Promise<Notice> {
  const reference = slugToReference(slug);
  const notice = reference ? await getNoticeByReference(c.get('deps').store.db, reference) : undefined;
  if (!notice || notice.status !== 'published') throw new AppError('not_found', c.get('tr').t('notices.not_found'));
  return notice;
}

async function showNotice(c: Context<AppEnv>): Promise<Response> {
  const tr = c.get('tr');
  const { config, store } = c.get('deps');
  const notice = await publishedNotice(c, c.req.param('slug') ?? '');
  const { country } = validate(contactQuerySchema, rawNoticeQuery(c.req.query()));
  const contact = country ? await getPoliceContact(store.db, country) : undefined;
  const selfPath = localPath(tr.lang, `/notices/${c.req.param('slug')}`);
  const url = `${config.publicUrl}${selfPath}`;
  return renderPage(
    c,
    {
      title: noticeTitle(tr, notice),
      description: shareDescription(tr, notice),
      head: <NoticeHead tr={tr} notice={notice} url={url} origin={config.publicUrl} siteName={config.site.name} />,
    },
    <NoticeDetailPage tr={tr} notice={notice} today={new Date()} contact={{ country, contact }} selfPath={selfPath} />,
  );
}

async function noticeImage(c: Context<AppEnv>): Promise<Response> {
  const imageId = c.req.param('imageId') ?? '';
  const notice = await publishedNotice(c, c.req.param('slug') ?? '');
  const image = imageIdPattern.test(imageId) ? await getNoticeImage(c.get('deps').store.db, notice.id, imageId) : undefined;
  if (!image) throw new AppError('not_found', c.get('tr').t('notices.image_not_found'));
  const etag = `"${createHash('sha256').update(image.data).digest('base64url').slice(0, 27)}"`;
  const headers = { ETag: etag, 'Cache-Control': 'public, max-age=86400' };
  if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
  return c.body(image.data as Uint8Array<ArrayBuffer>, 200, {
    ...headers,
    'Content-Type': imageTypes.has(image.contentType) ? image.contentType : 'application/octet-stream',
    'Content-Length': String(image.data.byteLength),
  });
}

export function registerNoticeRoutes(app: Hono<AppEnv>): void {
  // Pages run database queries; a page of results loads up to 100 thumbnails, hence the separate, larger image budget.
  const pages = rateLimit({ name: 'public-notices', ratePerSecond: 10, burst: 60 });
  const images = rateLimit({ name: 'public-notice-images', ratePerSecond: 50, burst: 300 });
  app.get('/notices', pages, listNotices);
  app.get('/notices/:slug', pages, showNotice);
  app.get('/notices/:slug/images/:imageId', images, noticeImage);
}
