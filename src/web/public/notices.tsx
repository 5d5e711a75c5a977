/** Public notice pages: the searchable "Help us find" list, one notice's public extract, and its photos. */
import { createHash } from 'node:crypto';
import type { Context } from 'hono';
import { z } from 'zod';
import { isOfficeCountry } from '../../core/countries.ts';
import { AppError, type FieldIssue } from '../../core/errors.ts';
import { getPublishedNotice, getPublishedNoticeImage } from '../../services/notices/get-published-notice.ts';
import { searchNoticeSummaries } from '../../services/notices/search-notice-summaries.ts';
import { findPoliceContact } from '../../services/site/list-police-contacts.ts';
import type { Translator } from '../../i18n/i18n.ts';
import type { AppEnv } from '../context.ts';
import type { Routes } from '../pipeline/routes.ts';
import { renderPage } from '../render.tsx';
import { localPath } from '../views/layout.tsx';
import { NoticeDetailPage } from '../views/notices/detail-page.tsx';
import { NoticeListPage, PageOutOfRange, type ActiveFilter } from '../views/notices/list-page.tsx';
import { noticeQuerySchema, pageQueries, queryString, rawNoticeQuery, toFilters, type NoticeQuery } from '../views/notices/query.ts';
import { NoticeHead, NoticeStyles, shareDescription } from '../views/notices/sharing.tsx';
import { crimeLabel, kindLabel, noticeTitle, sexLabel } from '../views/notices/labels.ts';
import { matchReasons } from '../views/notices/why.ts';

/** Image types the upload pipeline produces; anything else is served as opaque bytes so it is never interpreted. */
const imageTypes = new Set(['image/jpeg', 'image/png', 'image/webp', 'image/avif']);

const contactQuerySchema = z.object({
  country: z.preprocess((v) => (typeof v === 'string' && v.trim() === '' ? undefined : v), z.string().refine(isOfficeCountry, 'must be a member or candidate country code').optional()),
});
const slugParams = z.object({ slug: z.string().max(40) });
const imageParams = z.object({ slug: z.string().max(40), imageId: z.string().max(40) });

const withQuery = (lang: string, qs: string): string => `${localPath(lang, '/notices')}${qs ? `?${qs}` : ''}`;
const listUrl = (lang: string, q: NoticeQuery, page: number): string => withQuery(lang, queryString(q, page));

/** Labels of the filters a search may carry, by query field (page, perPage and the default sort are not filters). */
const filterLabels: Readonly<Partial<Record<keyof NoticeQuery, string>>> = {
  kind: 'notices.field.kind',
  familyName: 'notices.field.familyName',
  forename: 'notices.field.forename',
  q: 'notices.field.q',
  sex: 'notices.field.sex',
  nationality: 'notices.field.nationality',
  ageMin: 'notices.field.ageMin',
  ageMax: 'notices.field.ageMax',
  wantedBy: 'notices.field.wantedBy',
  crime: 'notices.field.crime',
};

/** The search's active filters, each with the same search without it (from its first page). */
function activeFilters(tr: Translator, q: NoticeQuery): ActiveFilter[] {
  const shown = (key: keyof NoticeQuery, value: string | number): string => {
    if (key === 'kind') return kindLabel(tr, value as NoticeQuery['kind'] & string);
    if (key === 'sex') return sexLabel(tr, value as NoticeQuery['sex'] & string);
    if (key === 'nationality' || key === 'wantedBy') return tr.country(String(value));
    if (key === 'crime') return crimeLabel(tr, String(value));
    return String(value);
  };
  return (Object.keys(filterLabels) as (keyof NoticeQuery)[]).flatMap((key) => {
    const value = q[key];
    if (value === undefined) return [];
    const without: NoticeQuery = { ...q, [key]: undefined };
    return [{ label: tr.t(filterLabels[key]!), value: shown(key, value), removeHref: listUrl(tr.lang, without, 1) }];
  });
}

/** Blank form fields read as absent, so "any" choices in the search form do not fail validation. */
const searchQuery = z.preprocess((v) => rawNoticeQuery(v as Record<string, string>), noticeQuerySchema);

function invalidSearch(c: Context<AppEnv>, issues: FieldIssue[], raw: Record<string, unknown>) {
  const tr = c.get('tr');
  const values = rawNoticeQuery(Object.fromEntries(Object.entries(raw).filter((e): e is [string, string] => typeof e[1] === 'string')));
  const errors = new Map(issues.map((i) => [i.field, tr.knows(`notices.error.${i.field}`) ? tr.t(`notices.error.${i.field}`) : i.message]));
  const body = <NoticeListPage tr={tr} values={values} errors={errors} results={null} nationalities={null} />;
  const query = new URLSearchParams(Object.entries(values)).toString();
  return renderPage(c, { title: `${tr.t('notices.error.title_prefix')} ${tr.t('notices.title')}`, noindex: true, head: <NoticeStyles />, query }, body, 400);
}

function renderList(c: Context<AppEnv>, result: Awaited<ReturnType<typeof searchNoticeSummaries>>, query: NoticeQuery, raw: Record<string, string>) {
  const tr = c.get('tr');
  const title = tr.t('notices.title');
  const pages = Math.max(1, Math.ceil(result.total / query.perPage));
  if (query.page > pages) {
    const body = (
      <PageOutOfRange tr={tr} page={query.page} pages={pages} firstHref={listUrl(tr.lang, query, 1)} lastHref={listUrl(tr.lang, query, pages)} />
    );
    return renderPage(c, { title: tr.t('notices.page_missing.title'), noindex: true, head: <NoticeStyles />, query: queryString(query) }, body, 404);
  }
  const hits = result.notices.map((notice) => {
    const match = result.matches.get(notice.id);
    return { notice, why: match ? matchReasons(tr, match.explanation) : undefined };
  });
  const pageQuery = pageQueries(query);
  const results = { total: result.total, page: query.page, pages, hits, today: new Date(), href: (p: number) => withQuery(tr.lang, pageQuery(p)), filters: activeFilters(tr, query) };
  return renderPage(
    c,
    { title: query.page > 1 ? `${title} (${tr.t('notices.results.page', { page: query.page, pages })})` : title, description: tr.t('notices.intro'), canonicalQuery: queryString(query) || undefined, head: <NoticeStyles /> },
    <NoticeListPage tr={tr} values={raw} errors={new Map()} results={results} nationalities={result.nationalities} />,
  );
}

/** The form's values as the visitor typed them, shown again above the results. */
function formValues(query: NoticeQuery): Record<string, string> {
  const out: Record<string, string> = {};
  for (const [k, v] of Object.entries(query)) if (v !== undefined) out[k === 'crime' ? 'crime' : k] = String(v);
  return out;
}

export function registerNoticeRoutes(routes: Routes): void {
  routes.page('/notices', {
    authorise: 'public',
    input: { query: searchQuery },
    invalid: invalidSearch,
    run: ({ db, deps, input, changeHead }) => searchNoticeSummaries(db, toFilters(input.query), new Date(), deps.noticeIndex, changeHead),
    render: (c, result, { query }) => renderList(c, result, query, formValues(query)),
  });

  routes.page('/notices/:slug', {
    authorise: 'public',
    input: { params: slugParams, query: contactQuerySchema },
    run: async ({ db, input }) => {
      const notice = await getPublishedNotice(db, input.params.slug);
      if (!notice) throw new AppError('not_found', 'notices.not_found');
      const country = input.query.country;
      return { notice, country, contact: country ? await findPoliceContact(db, country) : undefined };
    },
    render: (c, { notice, country, contact }, { params }) => {
      const tr = c.get('tr');
      const { config } = c.get('deps');
      const selfPath = localPath(tr.lang, `/notices/${params.slug}`);
      const url = `${config.publicUrl}${selfPath}`;
      return renderPage(
        c,
        {
          title: noticeTitle(tr, notice),
          description: shareDescription(tr, notice),
          ...(country ? { query: `country=${country}` } : {}),
          head: <NoticeHead tr={tr} notice={notice} url={url} origin={config.publicUrl} siteName={config.site.name} />,
        },
        <NoticeDetailPage
          tr={tr}
          notice={notice}
          today={new Date()}
          contact={{ country, contact }}
          selfPath={selfPath}
          share={{ url, title: noticeTitle(tr, notice), text: shareDescription(tr, notice) }}
        />,
      );
    },
  });

  routes.asset('/notices/:slug/images/:imageId', {
    limit: 'images',
    authorise: 'public',
    input: { params: imageParams },
    run: async ({ db, input }) => {
      const image = await getPublishedNoticeImage(db, input.params.slug, input.params.imageId);
      if (!image) throw new AppError('not_found', 'notices.image_not_found');
      return image;
    },
    render: (c, image) => {
      const etag = `"${createHash('sha256').update(image.data).digest('base64url').slice(0, 27)}"`;
      const headers = { ETag: etag, 'Cache-Control': 'public, max-age=86400' };
      if (c.req.header('if-none-match') === etag) return c.body(null, 304, headers);
      return c.body(image.data as Uint8Array<ArrayBuffer>, 200, {
        ...headers,
        'Content-Type': imageTypes.has(image.contentType) ? image.contentType : 'application/octet-stream',
        'Content-Length': String(image.data.byteLength),
      });
    },
  });
}
