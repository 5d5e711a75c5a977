/** Routes of the public site's own pages: home, help and police directory, news and events, about, scam warning, accessibility, privacy. */
import type { Context, Hono } from 'hono';
import { AppError } from '../../core/errors.ts';
import { nowIso } from '../../core/ids.ts';
import { getPageContent, type ContentKey, type PageContent } from '../../services/site/get-page-content.ts';
import { searchNotices } from '../../services/notices/search-notices.ts';
import { countPublishedNews, getPublishedNews, listPublishedNews } from '../../storage/repositories/news-read.ts';
import { listPoliceContacts } from '../../storage/repositories/police-contacts.ts';
import type { AppEnv } from '../context.ts';
import { renderPage } from '../render.tsx';
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

function content(c: Context<AppEnv>, key: ContentKey): Promise<PageContent> {
  return getPageContent(c.get('deps').store.db, c.get('tr'), key, { site: c.get('deps').config.site.name });
}

/** `?page=` as a whole number from 1 to MAX_NEWS_PAGE; absent means 1, anything else is a 400. */
function newsPage(c: Context<AppEnv>): number {
  const raw = c.req.query('page');
  if (raw === undefined) return 1;
  const page = /^[0-9]{1,6}$/.test(raw) ? Number(raw) : NaN;
  if (!Number.isInteger(page) || page < 1 || page > MAX_NEWS_PAGE) {
    throw new AppError('bad_request', c.get('tr').t('news.bad_page', { max: MAX_NEWS_PAGE }));
  }
  return page;
}

export function registerSitePages(app: Hono<AppEnv>): void {
  app.get('/', async (c) => {
    const { store, config } = c.get('deps');
    const tr = c.get('tr');
    const [mission, help, scam, found, news] = await Promise.all([
      content(c, 'mission'),
      content(c, 'help'),
      content(c, 'scam'),
      searchNotices(store.db, { sort: 'newest', page: 1, perPage: HOME_NOTICES }),
      listPublishedNews(store.db, { limit: HOME_NEWS }),
    ]);
    return renderPage(
      c,
      { title: tr.t('home.title'), description: tr.t('home.description', { site: config.site.name }) },
      <HomePage tr={tr} siteName={config.site.name} content={{ mission, help, scam }} notices={found.notices} news={news} />,
    );
  });

  app.get('/help', async (c) => {
    const tr = c.get('tr');
    const [help, contacts] = await Promise.all([content(c, 'help'), listPoliceContacts(c.get('deps').store.db)]);
    return renderPage(c, { title: tr.t('help.title'), description: tr.t('help.description') }, <HelpPage tr={tr} help={help} contacts={contacts} />);
  });

  app.get('/news', async (c) => {
    const { store, config } = c.get('deps');
    const tr = c.get('tr');
    const page = newsPage(c);
    const now = nowIso();
    const total = await countPublishedNews(store.db, now);
    const pages = Math.max(1, Math.ceil(total / NEWS_PER_PAGE));
    if (page > pages) {
      throw new AppError('not_found', tr.t('news.page_missing', { page, pages }));
    }
    const items = await listPublishedNews(store.db, { limit: NEWS_PER_PAGE, offset: (page - 1) * NEWS_PER_PAGE, now });
    return renderPage(
      c,
      {
        title: page > 1 ? `${tr.t('news.title')} (${tr.t('news.pagination.current', { page, pages })})` : tr.t('news.title'),
        description: tr.t('news.description', { site: config.site.name }),
        ...(page > 1 ? { canonicalQuery: `page=${page}` } : {}),
      },
      <NewsListPage tr={tr} items={items} info={{ page, pages }} />,
    );
  });

  app.get('/news/:slug', async (c) => {
    const tr = c.get('tr');
    const slug = c.req.param('slug');
    const item = SLUG.test(slug) ? await getPublishedNews(c.get('deps').store.db, slug) : undefined;
    if (!item) throw new AppError('not_found', tr.t('news.not_found'));
    return renderPage(c, { title: item.title, description: item.summary }, <NewsItemPage tr={tr} item={item} />);
  });

  app.get('/about', async (c) => {
    const tr = c.get('tr');
    const [mission, about] = await Promise.all([content(c, 'mission'), content(c, 'about')]);
    const site = c.get('deps').config.site.name;
    return renderPage(c, { title: tr.t('about.title'), description: tr.t('about.description', { site }) }, <AboutPage tr={tr} mission={mission} about={about} />);
  });

  app.get('/scam-warning', async (c) => {
    const tr = c.get('tr');
    const [scam, signs] = await Promise.all([content(c, 'scam'), content(c, 'scam_signs')]);
    return renderPage(c, { title: tr.t('scam.title'), description: tr.t('scam.description') }, <ScamPage tr={tr} scam={scam} signs={signs} />);
  });

  app.get('/accessibility', (c) => {
    const tr = c.get('tr');
    const { config } = c.get('deps');
    return renderPage(
      c,
      { title: tr.t('a11y.title'), description: tr.t('a11y.description', { site: config.site.name }) },
      <AccessibilityPage tr={tr} siteName={config.site.name} publicUrl={config.publicUrl} email={config.site.contactEmail} />,
    );
  });

  app.get('/privacy', (c) => {
    const tr = c.get('tr');
    const { config } = c.get('deps');
    return renderPage(
      c,
      { title: tr.t('privacy.title'), description: tr.t('privacy.description', { site: config.site.name }) },
      <PrivacyPage tr={tr} siteName={config.site.name} email={config.site.contactEmail} />,
    );
  });
}
