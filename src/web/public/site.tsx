/** Routes of the public site's own pages: home, help and police directory, news and events, about, scam warning, accessibility, privacy. */
import { readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { z } from 'zod';
import { AppError } from '../../core/errors.ts';
import { searchNotices } from '../../services/notices/search-notices.ts';
import { getNewsItem } from '../../services/site/get-news-item.ts';
import { getPageContent, type ContentKey, type PageContent } from '../../services/site/get-page-content.ts';
import { listNews } from '../../services/site/list-news.ts';
import { listPoliceContacts } from '../../services/site/list-police-contacts.ts';
import type { UseCaseCall } from '../pipeline/route.ts';
import type { Routes } from '../pipeline/routes.ts';
import { officeText } from '../../config/config.ts';
import { drawFavicon } from '../../render/favicon.ts';
import { renderPage } from '../render.tsx';
import { localPath } from '../views/layout.tsx';
import { HelpPage } from '../views/site/help.tsx';
import { HomePage } from '../views/site/home.tsx';
import { NewsItemPage, NewsListPage } from '../views/site/news.tsx';
import { AboutPage, AccessibilityPage, PrivacyPage, ScamPage } from '../views/site/pages.tsx';

export const HOME_NOTICES = 6;
export const HOME_NEWS = 3;
export const NEWS_PER_PAGE = 10;
/** Deep offsets cost the database work and no one pages that far; the bound keeps `page` a small number. */
export const MAX_NEWS_PAGE = 10_000;

const SLUG = /^[a-z0-9][a-z0-9-]{0,119}$/;

/** Editable blocks of the page, in the request's language, with the office's name filled in. */
function contents<const K extends readonly ContentKey[]>(call: Pick<UseCaseCall<unknown>, 'db' | 'tr' | 'deps'>, keys: K): Promise<{ -readonly [I in keyof K]: PageContent }> {
  const read = Promise.all(keys.map((key) => getPageContent(call.db, call.tr, key, { site: call.deps.config.site.name })));
  // One block per key, in order: the tuple type only says so.
  return read as Promise<{ -readonly [I in keyof K]: PageContent }>;
}

const newsPageQuery = z.object({
  page: z
    .string()
    .regex(/^[0-9]{1,6}$/, 'must be a whole number')
    .transform(Number)
    .pipe(z.number().int().min(1).max(MAX_NEWS_PAGE))
    .default(1),
});
const slugParam = z.object({ slug: z.string().regex(SLUG, 'not a news address') });

/** `?country=FR` on /help: one country's entry; an empty choice (the picker's first option) is no choice. */
const helpQuery = z.object({
  country: z
    .string()
    .regex(/^([A-Za-z]{2})?$/, 'must be a two-letter country code')
    .transform((v) => (v === '' ? undefined : v.toUpperCase()))
    .optional(),
});

const noInput = async (): Promise<undefined> => undefined;

const logoFile = join(dirname(fileURLToPath(import.meta.url)), '..', 'static', 'logo.svg');

let favicon: Promise<Buffer> | undefined;

export function registerSitePages(routes: Routes): void {
  routes.page('/', {
    authorise: 'public',
    run: async (call) => {
      const { db } = call;
      const [[mission, help, scam], found, news] = await Promise.all([
        contents(call, ['mission', 'help', 'scam']),
        searchNotices(db, { sort: 'newest', page: 1, perPage: HOME_NOTICES }),
        listNews(db, { limit: HOME_NEWS, now: new Date(), withTotal: false }),
      ]);
      return { content: { mission, help, scam }, notices: found.notices, news: news.items };
    },
    render: (c, out) => {
      const tr = c.get('tr');
      const { config } = c.get('deps');
      return renderPage(
        c,
        { title: tr.t('home.title'), description: tr.t('home.description', { site: config.site.name }) },
        <HomePage tr={tr} siteName={config.site.name} content={out.content} notices={out.notices} news={out.news} />,
      );
    },
  });

  routes.page('/help', {
    authorise: 'public',
    input: { query: helpQuery },
    run: async (call) => {
      const [[help], contacts] = await Promise.all([contents(call, ['help']), listPoliceContacts(call.db)]);
      return { help, contacts };
    },
    render: (c, { help, contacts }, { query: { country } }) => {
      const tr = c.get('tr');
      return renderPage(
        c,
        {
          title: country ? `${tr.t('help.title')}: ${tr.country(country)}` : tr.t('help.title'),
          description: tr.t('help.description'),
          ...(country ? { canonicalQuery: `country=${country}` } : {}),
        },
        <HelpPage tr={tr} help={help} contacts={contacts} country={country} />,
      );
    },
  });

  routes.asset('/favicon.ico', {
    authorise: 'public',
    run: async () => {
      favicon ??= drawFavicon(readFileSync(logoFile));
      return favicon;
    },
    render: (c, icon) =>
      c.body(new Uint8Array(icon), 200, { 'Content-Type': 'image/x-icon', 'Cache-Control': 'public, max-age=86400' }),
  });

  routes.page('/news', {
    authorise: 'public',
    input: { query: newsPageQuery },
    run: async ({ db, input: { query } }) => {
      const now = new Date();
      const { items, total } = await listNews(db, { limit: NEWS_PER_PAGE, offset: (query.page - 1) * NEWS_PER_PAGE, now });
      const pages = Math.max(1, Math.ceil(total / NEWS_PER_PAGE));
      if (query.page > pages) throw new AppError('not_found', 'news.page_missing', { page: query.page, pages });
      return { items, pages };
    },
    render: (c, { items, pages }, { query: { page } }) => {
      const tr = c.get('tr');
      const { config } = c.get('deps');
      return renderPage(
        c,
        {
          title: page > 1 ? `${tr.t('news.title')} (${tr.t('news.pagination.current', { page, pages })})` : tr.t('news.title'),
          description: tr.t('news.description', { site: config.site.name }),
          ...(page > 1 ? { canonicalQuery: `page=${page}` } : {}),
        },
        <NewsListPage tr={tr} items={items} info={{ page, pages }} />,
      );
    },
  });

  routes.page('/news/:slug', {
    authorise: 'public',
    input: { params: slugParam },
    run: async ({ db, input }) => {
      const item = await getNewsItem(db, input.params.slug, new Date());
      if (!item) throw new AppError('not_found', 'news.not_found');
      return item;
    },
    render: (c, item, { params }) => {
      const tr = c.get('tr');
      const { config } = c.get('deps');
      const url = `${config.publicUrl}${localPath(tr.lang, `/news/${params.slug}`)}`;
      // Open Graph, so a shared news link shows its title and summary as a notice link does.
      const head = (
        <>
          <meta property="og:type" content="article" />
          <meta property="og:site_name" content={officeText(config.site.names, tr.lang) ?? config.site.name} />
          <meta property="og:title" content={item.title} />
          <meta property="og:description" content={item.summary} />
          <meta property="og:url" content={url} />
          <meta property="og:locale" content={tr.lang} />
          <meta name="twitter:card" content="summary" />
        </>
      );
      return renderPage(c, { title: item.title, description: item.summary, head }, <NewsItemPage tr={tr} item={item} />);
    },
  });

  routes.page('/about', {
    authorise: 'public',
    run: async (call) => {
      const [mission, about] = await contents(call, ['mission', 'about']);
      return { mission, about };
    },
    render: (c, { mission, about }) => {
      const tr = c.get('tr');
      const site = c.get('deps').config.site.name;
      return renderPage(c, { title: tr.t('about.title'), description: tr.t('about.description', { site }) }, <AboutPage tr={tr} mission={mission} about={about} />);
    },
  });

  routes.page('/scam-warning', {
    authorise: 'public',
    run: async (call) => {
      const [scam, signs] = await contents(call, ['scam', 'scam_signs']);
      return { scam, signs };
    },
    render: (c, { scam, signs }) => {
      const tr = c.get('tr');
      return renderPage(c, { title: tr.t('scam.title'), description: tr.t('scam.description') }, <ScamPage tr={tr} scam={scam} signs={signs} />);
    },
  });

  routes.page('/accessibility', {
    authorise: 'public',
    run: noInput,
    render: (c) => {
      const tr = c.get('tr');
      const { config } = c.get('deps');
      return renderPage(
        c,
        { title: tr.t('a11y.title'), description: tr.t('a11y.description', { site: config.site.name }) },
        <AccessibilityPage tr={tr} siteName={config.site.name} publicUrl={config.publicUrl} email={config.site.contactEmail} />,
      );
    },
  });

  routes.page('/privacy', {
    authorise: 'public',
    run: noInput,
    render: (c) => {
      const tr = c.get('tr');
      const { config } = c.get('deps');
      return renderPage(
        c,
        { title: tr.t('privacy.title'), description: tr.t('privacy.description', { site: config.site.name }) },
        <PrivacyPage tr={tr} siteName={config.site.name} email={config.site.contactEmail} />,
      );
    },
  });
}
