/** The Atom feed of the 50 newest published notices, with absolute links, for readers and partner sites (not language-prefixed). */
import { Feed } from 'feed';
import type { Notice } from '../../core/notices.ts';
import { DEFAULT_LANG } from '../../i18n/i18n.ts';
import { searchNotices } from '../../services/notices/search-notices.ts';
import type { Routes } from '../pipeline/routes.ts';
import { escapeHtml } from '../escape-html.ts';
import { imagePath, noticePath } from '../views/notices/card.tsx';
import { fullName, kindLabel, noticeTitle } from '../views/notices/labels.ts';
import { shareDescription } from '../views/notices/sharing.tsx';

export const FEED_SIZE = 50;


const changedAt = (n: Notice): string => (n.publishedAt && n.publishedAt > n.updatedAt ? n.publishedAt : n.updatedAt);

export function registerNoticeFeedRoutes(routes: Routes): void {
  routes.feed('/feeds/notices.atom', {
    authorise: 'public',
    run: async ({ db }) => (await searchNotices(db, { sort: 'newest', page: 1, perPage: FEED_SIZE })).notices,
    render: (c, notices) => {
    const { config, i18n } = c.get('deps');
    const tr = i18n.translator(DEFAULT_LANG);
    const updated = notices.map(changedAt).sort().pop() ?? '1970-01-01T00:00:00.000Z';
    const etag = `W/"${notices.length}-${updated}"`;
    if (c.req.header('if-none-match') === etag) return c.body(null, 304, { ETag: etag });
    const origin = config.publicUrl;
    const feed = new Feed({
      id: `${origin}/feeds/notices.atom`,
      title: tr.t('notices.feed.title', { site: config.site.name }),
      description: tr.t('notices.feed.subtitle'),
      link: `${origin}/notices`,
      feed: `${origin}/feeds/notices.atom`,
      language: DEFAULT_LANG,
      updated: new Date(updated),
      generator: false,
      author: { name: config.site.name, link: origin },
      copyright: config.site.name,
    });
    for (const n of notices) {
      const photo = n.images[0];
      feed.addItem({
        id: `${origin}${noticePath(n)}`,
        link: `${origin}${noticePath(n)}`,
        // The feed library writes titles and summaries as `type="html"`, so text is escaped here to stay text.
        title: escapeHtml(`${noticeTitle(tr, n)} (${n.reference})`),
        description: escapeHtml(shareDescription(tr, n)),
        date: new Date(changedAt(n)),
        ...(n.publishedAt ? { published: new Date(n.publishedAt) } : {}),
        category: [{ term: n.kind, name: kindLabel(tr, n.kind) }],
        // The library's image enclosure guesses the type from a file extension our URLs lack, so the photo goes in the content.
        content: `${photo ? `<p><img src="${escapeHtml(`${origin}${imagePath(n, photo.id)}`)}" alt="${escapeHtml(tr.t('notices.card.photo_alt', { name: fullName(n) }))}" width="${photo.width}" height="${photo.height}"></p>` : ''}<p>${escapeHtml(shareDescription(tr, n))}</p>`,
      });
    }
    return c.body(feed.atom1(), 200, {
      'Content-Type': 'application/atom+xml; charset=utf-8',
      'Cache-Control': 'public, max-age=300',
      ETag: etag,
    });
    },
  });
}
