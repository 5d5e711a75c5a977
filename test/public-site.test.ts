/**
 * Integration tests of the public site's own pages through the real app on an in-memory database: home page
 * sections and editable content, languages, news pagination and 404s, bad input, feeds, sitemap, robots.txt and
 * security headers.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPlatform, type Platform } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config/config.ts';
import { referenceToSlug, type Notice, type NoticeInput } from '../src/core/notices.ts';
import { createLogger } from '../src/logger.ts';
import { renderPortraitJpeg } from '../src/render/portrait.ts';
import { setContent } from '../src/storage/repositories/content.ts';
import { insertNews } from '../src/storage/repositories/news.ts';
import type { NewsInput } from '../src/core/news.ts';
import { addNoticeImage, insertNotice } from '../src/storage/repositories/notices.ts';

const ORIGIN = 'https://office.example';
const SCRIPT = '<script>alert(1)</script>';
const NEWS_ITEMS = 23;

const person: NoticeInput = {
  kind: 'missing', familyName: 'Tilemann', forename: 'Ida', nameOriginal: null, aliases: [], sex: 'F', dateOfBirth: null,
  placeOfBirth: null, countryOfBirth: null, nationalities: ['AT'], heightM: null, weightKg: null, eyeColors: [], hairColors: [],
  languages: [], distinguishingMarks: null, charges: [], disappearance: { date: null, place: null, circumstances: null }, isDemo: false,
};

const news = (i: number, over: Partial<NewsInput> = {}): NewsInput => ({
  slug: `item-${String(i).padStart(2, '0')}`, kind: 'news', lang: 'en', title: `Headline number ${i}`, summary: `Summary ${i}.`,
  body: `First paragraph ${i}.\n\nSecond paragraph ${i}.`, eventStart: null, eventEnd: null, eventPlace: null, isDemo: false,
  publishedAt: new Date(Date.UTC(2026, 0, 1 + i)).toISOString(), ...over,
});

let platform: Platform;
let photoNotice: Notice;
let photoId: string;

const get = (path: string, headers: Record<string, string> = {}) => platform.app.request(path, { headers });
const text = async (path: string) => {
  const res = await get(path);
  return { status: res.status, body: await res.text(), res };
};
const db = () => platform.store.db;

beforeAll(async () => {
  platform = await openPlatform(
    loadConfig({ DATA_DIR: ':memory:', DEMO_DATA: 'false', LOG_LEVEL: 'silent', PUBLIC_URL: ORIGIN, SITE_NAME: 'Test Liaison Office' }),
    createLogger('silent'),
  );
  const photo = await renderPortraitJpeg('site-test');
  await db().transaction().execute(async (trx) => {
    for (let i = 0; i < 8; i++) {
      const n = await insertNotice(trx, { ...person, forename: `Person${i}` }, { status: 'published', now: new Date(Date.UTC(2026, 1, 1, 0, i)).toISOString() });
      if (i === 7) {
        photoNotice = n;
        photoId = (await addNoticeImage(trx, n.id, photo)).id;
      }
    }
    await insertNotice(trx, { ...person, familyName: 'Hiddendraft' }, { status: 'draft' });
    for (let i = 1; i <= NEWS_ITEMS - 3; i++) await insertNews(trx, news(i));
    await insertNews(trx, news(21, { slug: 'fete-de-la-police', lang: 'fr', title: 'Une actualité en français', summary: 'Résumé.' }));
    await insertNews(trx, news(22, {
      slug: 'open-day', kind: 'event', title: 'Open day', eventStart: '2026-09-01T09:00:00.000Z', eventEnd: '2026-09-02T17:00:00.000Z',
      eventPlace: 'Main hall (fictional)',
    }));
    await insertNews(trx, news(23, { slug: 'hostile', title: SCRIPT, summary: '<b>bold</b>', body: `Text ${SCRIPT}\n\n- item <i>one</i>\n- item two` }));
    await insertNews(trx, news(99, { slug: 'scheduled', title: 'Not yet published', publishedAt: '2999-01-01T00:00:00.000Z' }));
  });
});

afterAll(async () => {
  await platform.close();
});

describe('home page', () => {
  test('shows the five sections in order: mission, help us find, if you need help, news, scam warning', async () => {
    const { status, body } = await text('/');
    expect(status).toBe(200);
    const order = ['id="mission"', 'id="find"', 'id="help"', 'id="news"', 'class="scam-warning"'].map((s) => body.indexOf(s));
    expect(order.every((i) => i > 0)).toBe(true);
    expect([...order].sort((a, b) => a - b)).toEqual(order);
    expect(body).toContain('<h1>Test Liaison Office</h1>');
  });

  test('shows the six newest published notices with photos, linking to all notices', async () => {
    const { body } = await text('/');
    const find = body.slice(body.indexOf('id="find"'), body.indexOf('id="help"'));
    expect(find.match(/<li class="tile">/g)).toHaveLength(6);
    expect(find).toContain(`src="/notices/${referenceToSlug(photoNotice.reference)}/images/${photoId}"`);
    expect(find).toContain('alt="Photo of Person7 Tilemann"');
    expect(find).toContain('Person2');
    expect(find).not.toContain('Person1<');
    expect(find).not.toContain('Hiddendraft');
    expect(find).toContain('href="/notices"');
  });

  test('shows the three newest published news items, not scheduled ones', async () => {
    const { body } = await text('/');
    const section = body.slice(body.indexOf('id="news"'), body.indexOf('class="scam-warning"'));
    expect(section.match(/<li class="news-item">/g)).toHaveLength(3);
    expect(section).toContain('href="/news/hostile"');
    expect(section).toContain('href="/news/open-day"');
    expect(section).toContain('href="/news/fete-de-la-police"');
    expect(section).not.toContain('Not yet published');
  });

  test('uses the catalog defaults when nothing is stored', async () => {
    const { body } = await text('/');
    expect(body).toContain('Test Liaison Office connects the police services');
    expect(body).toContain('<li>you want to report a missing person who may be abroad.</li>');
    expect(body).toContain('never contacts private citizens to ask for personal information');
    expect(body).toContain('contact your local police at once');
  });

  test('French home page is in French, with hreflang alternates and the language switcher', async () => {
    const { status, body } = await text('/fr');
    expect(status).toBe(200);
    expect(body).toContain('<html lang="fr"');
    expect(body).toContain('Aidez-nous à retrouver');
    expect(body).toContain('Si vous avez besoin d’aide');
    expect(body).toContain('Test Liaison Office relie les services de police');
    expect(body).toContain(`<link rel="alternate" hreflang="en" href="${ORIGIN}/"`);
    expect(body).toContain(`<link rel="alternate" hreflang="fr" href="${ORIGIN}/fr"`);
    expect(body).toContain(`<link rel="alternate" hreflang="x-default" href="${ORIGIN}/"`);
    expect(body).toContain(`<link rel="canonical" href="${ORIGIN}/fr"`);
    expect(body).toContain('href="/fr/help"');
    expect(body).not.toContain('Help us find');
  });

  test('marks the current section in the navigation', async () => {
    expect((await text('/')).body).toMatch(/<a href="\/" aria-current="page">Home<\/a>/);
    expect((await text('/news/open-day')).body).toMatch(/<a href="\/news" aria-current="page">News &amp; events<\/a>/);
    expect((await text('/fr/help')).body).toMatch(/<a href="\/fr\/help" aria-current="page">/);
    expect((await text('/about')).body.match(/aria-current="page"/g)).toHaveLength(1);
  });
});

describe('editable content', () => {
  test('a stored text replaces the default, stays escaped, and shows at once (the page cache follows the change log)', async () => {
    expect((await text('/')).body).toContain('connects the police services');
    await db().transaction().execute((trx) => setContent(trx, 'mission', 'en', `We help.\n\nSecond ${SCRIPT} paragraph & more.`));
    const { body } = await text('/');
    expect(body).toContain('<p>We help.</p>');
    expect(body).toContain('<p>Second &lt;script&gt;alert(1)&lt;/script&gt; paragraph &amp; more.</p>');
    expect(body).not.toContain(SCRIPT);
    expect(body).not.toContain('connects the police services');
  });

  test('falls back from the language to stored English (marked as English), then to the translated default', async () => {
    await db().transaction().execute((trx) => setContent(trx, 'about', 'en', 'Edited English about text.'));
    const fr = (await text('/fr/about')).body;
    expect(fr).toContain('<div class="prose" lang="en"><p>Edited English about text.</p></div>');
    await db().transaction().execute((trx) => setContent(trx, 'about', 'fr', 'Texte modifié en français.'));
    const fr2 = (await text('/fr/about')).body;
    expect(fr2).toContain('<p>Texte modifié en français.</p>');
    expect(fr2).not.toContain('Edited English');
    expect((await text('/about')).body).toContain('Edited English about text.');
    expect((await text('/fr/scam-warning')).body).toContain('Ce bureau communique uniquement avec des agents');
  });
});

describe('help page and police directory', () => {
  const countryLinks = (html: string): string[] => [...html.matchAll(/<a href="[^"]*\?country=([A-Z]{2})#directory">/g)].map((m) => m[1]!);

  test('lists every member and candidate country as a link to its own entry, grouped and sorted by localised name', async () => {
    const { status, body } = await text('/help');
    expect(status).toBe(200);
    const members = body.slice(body.indexOf('id="group-member"'), body.indexOf('id="group-candidate"'));
    const candidates = body.slice(body.indexOf('id="group-candidate"'));
    expect(countryLinks(members)).toHaveLength(27);
    expect(countryLinks(candidates)).toHaveLength(9);
    expect(members.indexOf('>Austria<')).toBeLessThan(members.indexOf('>Sweden<'));
    expect(candidates).toContain('>Ukraine<');
    // One short page on a phone: no country's full entry until one is picked.
    expect(body).not.toContain('class="contact"');
    expect(body).toMatch(/<form method="get" action="\/help#directory" class="picker">/);
    expect(body.match(/<option value="[A-Z]{2}"/g)).toHaveLength(36);
  });

  test('a chosen country shows its entry with tel: links, website and source, keeping the choice in the picker', async () => {
    const { status, body } = await text('/help?country=AT');
    expect(status).toBe(200);
    expect(body).toContain('<h3 id="country-at">Austria</h3>');
    expect(body).toContain('href="tel:112"');
    expect(body).toContain('href="tel:133"');
    expect(body).toContain('href="https://www.polizei.gv.at"');
    expect(body).toContain('>Source<');
    expect(body).toContain('<option value="AT" selected="">Austria</option>');
    expect(body).toContain(`<link rel="canonical" href="${ORIGIN}/help?country=AT"`);
    expect(body).not.toContain('id="country-de"');
    const md = await text('/help?country=md');
    expect(md.body).toContain('<h3 id="country-md">Moldova</h3>');
    expect(md.body).toMatch(/<span class="unknown">unknown<\/span>/);
  });

  test('a country outside the directory says so, a malformed one is refused, an empty choice is no choice', async () => {
    const us = await text('/help?country=US');
    expect(us.status).toBe(200);
    expect(us.body).toContain('We have no police contact recorded for United States.');
    expect((await get('/help?country=USA')).status).toBe(400);
    const none = await text('/help?country=');
    expect(none.status).toBe(200);
    expect(countryLinks(none.body)).toHaveLength(36);
  });

  test('French directory sorts by French country names and marks English data', async () => {
    const { body } = await text('/fr/help');
    const members = body.slice(body.indexOf('id="group-member"'), body.indexOf('id="group-candidate"'));
    expect(members.indexOf('>Allemagne<')).toBeLessThan(members.indexOf('>Autriche<'));
    expect(members.indexOf('>Autriche<')).toBeLessThan(members.indexOf('>Belgique<'));
    expect(body).toContain('action="/fr/help#directory"');
    const de = await text('/fr/help?country=DE');
    expect(de.body).toMatch(/<li lang="en">Federal Police/);
    expect((await text('/fr/help?country=MD')).body).toContain('<span class="unknown">inconnu</span>');
  });

  test('switching language keeps the chosen country', async () => {
    const { body } = await text('/help?country=AT');
    expect(body).toContain('href="/fr/help?country=AT"');
    expect((await text('/fr/help?country=AT')).body).toContain('href="/help?country=AT"');
  });
});

describe('news', () => {
  test('lists ten items per page, newest first, with working pages', async () => {
    const first = await text('/news');
    expect(first.status).toBe(200);
    expect(first.body.match(/<li class="news-item">/g)).toHaveLength(10);
    expect(first.body.indexOf('/news/hostile')).toBeLessThan(first.body.indexOf('/news/open-day'));
    expect(first.body).toContain('href="/news?page=2"');
    expect(first.body).toContain('Page 1 of 3');
    const third = await text('/news?page=3');
    expect(third.status).toBe(200);
    expect(third.body.match(/<li class="news-item">/g)).toHaveLength(3);
    expect(third.body).toContain(`<link rel="canonical" href="${ORIGIN}/news?page=3"`);
    expect(third.body).not.toContain('Not yet published');
  });

  test('events show date and place; items in another language are marked', async () => {
    const { body } = await text('/news');
    expect(body).toContain('1 September 2026 to 2 September 2026');
    expect(body).toContain('Main hall (fictional)');
    expect(body).toContain('In French');
    expect(body).toMatch(/<a href="\/news\/fete-de-la-police" lang="fr">/);
  });

  test('an item page shows the body as escaped paragraphs and lists', async () => {
    const { status, body } = await text('/news/hostile');
    expect(status).toBe(200);
    expect(body).toContain('<h1>&lt;script&gt;alert(1)&lt;/script&gt;</h1>');
    expect(body).toContain('<li>item &lt;i&gt;one&lt;/i&gt;</li>');
    expect(body).not.toContain(SCRIPT);
    expect(body).not.toContain('<b>bold</b>');
  });

  test('unknown, malformed and scheduled slugs are 404', async () => {
    for (const path of ['/news/nope', '/news/scheduled', '/news/..%2Fetc', '/fr/news/nope', `/news/${'a'.repeat(300)}`]) {
      expect((await get(path)).status, path).toBe(404);
    }
  });

  test('bad page numbers are 4xx, never 500', async () => {
    for (const [query, status] of [['abc', 400], ['99999', 400], ['0', 400], ['-1', 400], ['1.5', 400], ['', 400], ['4', 404], ['1e3', 400]] as const) {
      const res = await get(`/news?page=${query}`);
      expect(res.status, query).toBe(status);
    }
    const fr = await text('/fr/news?page=9');
    expect(fr.status).toBe(404);
    expect(fr.body).toContain('tiennent sur 3 pages');
  });
});

describe('static pages', () => {
  test.each(['/about', '/scam-warning', '/accessibility', '/privacy', '/help', '/fr/about', '/fr/scam-warning', '/fr/accessibility', '/fr/privacy'])(
    '%s renders with the demo-free layout and a heading',
    async (path) => {
      const { status, body } = await text(path);
      expect(status).toBe(200);
      expect(body).toMatch(/<h1>[^<]+<\/h1>/);
      expect(body).not.toContain('class="demo-banner"');
    },
  );

  test('the accessibility statement has conformance status, feedback, enforcement and a date', async () => {
    const { body } = await text('/accessibility');
    for (const part of ['WCAG) 2.2 at level AA', 'Feedback and contact', 'Enforcement procedure', 'mailto:contact@office.example', '28 November 2026']) {
      expect(body).toContain(part);
    }
  });

  test('the privacy notice says no cookies, no analytics, what logs hold and how long', async () => {
    const { body, res } = await text('/privacy');
    expect(res.headers.get('set-cookie')).toBeNull();
    for (const part of ['sets no cookies', 'no analytics', 'kept for at most 30 days', 'mailto:contact@office.example']) expect(body).toContain(part);
  });
});

describe('feeds, sitemap and robots.txt', () => {
  test('news feed is Atom with absolute links and escaped text', async () => {
    const { status, body, res } = await text('/feeds/news.atom');
    expect(status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    expect(body).toContain('<feed xmlns="http://www.w3.org/2005/Atom"');
    expect(body).toContain(`${ORIGIN}/news/open-day`);
    expect(body).toContain(`${ORIGIN}/fr/news/fete-de-la-police`);
    expect(body).not.toContain('Not yet published');
    expect(body).not.toContain(SCRIPT);
    expect(body.match(/<entry>/g)).toHaveLength(NEWS_ITEMS);
    const etag = res.headers.get('etag')!;
    expect((await get('/feeds/news.atom', { 'if-none-match': etag })).status).toBe(304);
  });

  test('sitemap lists pages, published notices and news in every language with hreflang alternates', async () => {
    const { status, body, res } = await text('/sitemap.xml');
    expect(status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/xml; charset=utf-8');
    expect(body).toContain('xmlns:xhtml="http://www.w3.org/1999/xhtml"');
    const slug = referenceToSlug(photoNotice.reference);
    expect(body).toContain(`<loc>${ORIGIN}/notices/${slug}</loc>`);
    expect(body).toContain(`<loc>${ORIGIN}/fr/notices/${slug}</loc>`);
    expect(body).toContain(`<xhtml:link rel="alternate" hreflang="fr" href="${ORIGIN}/fr/notices/${slug}"/>`);
    expect(body).toContain(`<loc>${ORIGIN}/</loc>`);
    expect(body).toContain(`<loc>${ORIGIN}/fr/accessibility</loc>`);
    expect(body).toContain(`<loc>${ORIGIN}/news/open-day</loc>`);
    expect(body).not.toContain('scheduled');
    expect(body).not.toContain('Hiddendraft');
    expect(body.match(/<loc>[^<]*\/notices\/\d{4}-\d{5}<\/loc>/g)).toHaveLength(16);
  });

  test('robots.txt allows the public site, keeps crawlers out of the portal and API, and points to the sitemap', async () => {
    const { status, body, res } = await text('/robots.txt');
    expect(status).toBe(200);
    expect(res.headers.get('content-type')).toBe('text/plain; charset=utf-8');
    expect(body).toMatch(/^User-agent: \*$/m);
    expect(body).toMatch(/^Allow: \/$/m);
    expect(body).toMatch(/^Disallow: \/portal$/m);
    expect(body).toMatch(/^Disallow: \/api$/m);
    expect(body).toContain(`Sitemap: ${ORIGIN}/sitemap.xml`);
  });
});

describe('security headers', () => {
  test.each(['/', '/fr', '/help', '/news', '/news/open-day', '/news/nope', '/news?page=abc', '/about', '/scam-warning', '/accessibility', '/privacy', '/feeds/news.atom', '/sitemap.xml', '/robots.txt'])(
    '%s carries them, and no cookie',
    async (path) => {
      const res = await get(path);
      expect(res.status).toBeLessThan(500);
      expect(res.headers.get('content-security-policy')).toContain("default-src 'none'");
      expect(res.headers.get('content-security-policy')).toContain("script-src 'self'");
      expect(res.headers.get('x-content-type-options')).toBe('nosniff');
      expect(res.headers.get('x-frame-options')).toBe('DENY');
      expect(res.headers.get('referrer-policy')).toBe('strict-origin-when-cross-origin');
      expect(res.headers.get('strict-transport-security')).toContain('max-age=');
      expect(res.headers.get('set-cookie')).toBeNull();
    },
  );

  test('pages carry no script at all', async () => {
    for (const path of ['/', '/help', '/news', '/about']) expect((await text(path)).body).not.toMatch(/<script/i);
  });
});
