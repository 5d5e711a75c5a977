/**
 * Integration tests of the public notice pages and the notices Atom feed, through the real app on an in-memory
 * database: filters, pagination, 404s, bad input, escaping, photos, sharing metadata and the feed.
 */
import { IntlMessageFormat } from 'intl-messageformat';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPlatform, type Platform } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config/config.ts';
import { referenceToSlug, type Notice, type NoticeInput } from '../src/core/notices.ts';
import { loadCatalogs } from '../src/i18n/i18n.ts';
import { createLogger } from '../src/logger.ts';
import { renderPortraitJpeg } from '../src/render/portrait.ts';
import { addNoticeImage, insertNotice } from '../src/storage/repositories/notices.ts';

const SCRIPT = '<script>alert(1)</script>';
const FILLERS = 55;

const base: NoticeInput = {
  kind: 'missing',
  familyName: 'Filler',
  forename: 'Person',
  nameOriginal: null,
  aliases: [],
  sex: 'U',
  dateOfBirth: null,
  placeOfBirth: null,
  countryOfBirth: null,
  nationalities: ['DE'],
  heightM: null,
  weightKg: null,
  eyeColors: [],
  hairColors: [],
  languages: [],
  distinguishingMarks: null,
  charges: [],
  disappearance: { date: null, place: null, circumstances: null },
  isDemo: false,
};

let platform: Platform;
let wanted: Notice;
let missing: Notice;
let hostile: Notice;
let draft: Notice;
let withdrawn: Notice;
let withdrawnImage: string;

const get = (path: string, headers: Record<string, string> = {}) => platform.app.request(path, { headers });
const text = async (path: string) => {
  const res = await get(path);
  return { status: res.status, body: await res.text(), res };
};
const slug = (n: Notice) => referenceToSlug(n.reference);
const cards = (html: string) => html.match(/<li class="notice-card">/g)?.length ?? 0;
const minute = (i: number) => new Date(Date.UTC(2026, 0, 1, 0, i)).toISOString();

beforeAll(async () => {
  platform = await openPlatform(
    loadConfig({ DATA_DIR: ':memory:', DEMO_DATA: 'false', LOG_LEVEL: 'silent', PUBLIC_URL: 'https://office.example' }),
    createLogger('silent'),
  );
  const photo = await renderPortraitJpeg('test-portrait');
  await platform.store.db.transaction().execute(async (trx) => {
    for (let i = 0; i < FILLERS; i++) await insertNotice(trx, { ...base, forename: `Person${i}` }, { status: 'published', now: minute(i) });
    wanted = await insertNotice(
      trx,
      {
        ...base,
        kind: 'wanted',
        familyName: 'Dupont',
        forename: 'Jean',
        aliases: [{ familyName: 'Dupond', forename: 'Jean' }],
        sex: 'M',
        dateOfBirth: '1980-05-12',
        placeOfBirth: 'Lyon',
        countryOfBirth: 'FR',
        nationalities: ['FR'],
        heightM: 1.82,
        weightKg: 80,
        eyeColors: ['BLU'],
        hairColors: ['BRO'],
        languages: ['FRE'],
        distinguishingMarks: 'Scar on the left hand',
        charges: [{ issuingCountry: 'FR', charge: 'Escroquerie en bande organisée', chargeTranslation: 'Organised fraud', crimeCategory: 'fraud' }],
        disappearance: null,
      },
      { status: 'published', now: minute(100) },
    );
    await addNoticeImage(trx, wanted.id, photo);
    missing = await insertNotice(
      trx,
      {
        ...base,
        familyName: 'Petrova',
        forename: 'Anna',
        nameOriginal: 'Анна Петрова',
        sex: 'F',
        dateOfBirth: '2001',
        nationalities: ['BG'],
        disappearance: { date: '2025-03', place: 'Sofia', circumstances: 'Left home for work and did not arrive.' },
      },
      { status: 'published', now: minute(101) },
    );
    hostile = await insertNotice(
      trx,
      {
        ...base,
        kind: 'wanted',
        familyName: SCRIPT,
        forename: '</script><b>bold</b>',
        nationalities: ['IT'],
        distinguishingMarks: ']]><evil/>',
        charges: [{ issuingCountry: 'IT', charge: `<img src=x onerror=alert(1)>`, chargeTranslation: null, crimeCategory: null }],
        disappearance: null,
      },
      { status: 'published', now: minute(102) },
    );
    draft = await insertNotice(trx, { ...base, familyName: 'Hiddendraft' }, { status: 'draft', now: minute(103) });
    withdrawn = await insertNotice(trx, { ...base, familyName: 'Withdrawnone' }, { status: 'withdrawn', now: minute(104) });
    withdrawnImage = (await addNoticeImage(trx, withdrawn.id, photo)).id;
  });
  // Pick up what was just written, as every instance does from the change log.
  await platform.deps.noticeIndex.sync();
});

afterAll(async () => {
  await platform.close();
});

describe('notice list', () => {
  const published = FILLERS + 3;

  test('lists published notices only, with the count, pages and cards', async () => {
    const { status, body } = await text('/notices');
    expect(status).toBe(200);
    expect(body).toContain(`${published} notices found`);
    expect(body).toContain('page 1 of 3');
    expect(cards(body)).toBe(20);
    expect(body).not.toContain('Hiddendraft');
    expect(body).not.toContain('Withdrawnone');
    expect(body).toContain('href="/static/notices.css"');
    // Newest first: the three named notices were published last.
    expect(body.indexOf('Petrova')).toBeLessThan(body.indexOf('Dupont'));
    expect(body).toContain(`src="/notices/${slug(wanted)}/images/`);
    expect(body).toContain('alt="Photo of Jean Dupont"');
  });

  test.each([
    ['kind=wanted', 2, ['Dupont'], ['Petrova', 'Filler']],
    ['nationality=BG', 1, ['Petrova'], ['Dupont']],
    ['sex=F', 1, ['Petrova'], ['Dupont']],
    ['ageMin=40&ageMax=50', 1, ['Dupont'], ['Petrova']],
    ['ageMin=20&ageMax=30&kind=missing', 1, ['Petrova'], ['Dupont']],
    ['wantedBy=FR', 1, ['Dupont'], ['Petrova']],
    ['crime=fraud', 1, ['Dupont'], ['Petrova']],
    ['q=Sofia', 1, ['Petrova'], ['Dupont']],
    ['familyName=Dupont', 1, ['Dupont'], ['Petrova']],
    ['crime=terrorism', 0, [], ['Dupont']],
  ])('filter %s', async (query, count, present, absent) => {
    const { status, body } = await text(`/notices?${query}`);
    expect(status).toBe(200);
    expect(cards(body)).toBe(count);
    for (const name of present) expect(body).toContain(name);
    for (const name of absent) expect(body).not.toContain(`<span class="family">${name}`);
  });

  test('a name search through the matching engine shows why each result matched', async () => {
    const { body } = await text('/notices?familyName=Dupond&forename=Jean');
    expect(body).toContain('Dupont');
    expect(body).toContain('<details class="why">');
    expect(body).toContain('Why this matched');
  });

  test('the nationality choice offers the nationalities published notices hold, and keeps one asked for', async () => {
    const nationalityOptions = (html: string): string[] =>
      [...(/<select id="f-nationality"[^>]*>([\s\S]*?)<\/select>/.exec(html)?.[1] ?? '').matchAll(/<option value="([A-Z]*)"/g)].map((m) => m[1]!);
    const offered = nationalityOptions((await text('/notices')).body);
    // DE is held by the fillers; FR, BG and IT by the other published notices (some of them drafts or withdrawn ones,
    // whose nationalities count only while a published notice holds them too).
    expect(offered[0]).toBe('');
    expect(offered).toContain('DE');
    expect(offered.length).toBeLessThanOrEqual(5);
    expect(offered).not.toContain('NZ');
    const asked = (await text('/notices?nationality=NZ')).body;
    expect(nationalityOptions(asked)).toContain('NZ');
    expect(asked).toMatch(/<option value="NZ" selected="">/);
  });

  test('the empty state gives advice and a way back', async () => {
    const { status, body } = await text('/notices?familyName=Zzyzzyx&kind=missing');
    expect(status).toBe(200);
    expect(body).toContain('No notice found');
    expect(body).toContain('No notice matches your search');
    expect(body).toContain('<a href="/notices">Show all notices</a>');
  });

  test('sorting by name puts family names in order', async () => {
    const { body } = await text('/notices?sort=name&perPage=100');
    const d = body.indexOf('>Dupont<');
    const f = body.indexOf('>Filler<');
    const p = body.indexOf('>Petrova<');
    expect(d).toBeGreaterThan(0);
    expect(d).toBeLessThan(f);
    expect(f).toBeLessThan(p);
  });

  test('pagination keeps the search in stable URLs', async () => {
    const first = await text('/notices?kind=missing&sort=oldest');
    expect(first.body).toContain(`${FILLERS + 1} notices found`);
    expect(first.body).toContain('href="/notices?kind=missing&amp;sort=oldest&amp;page=2"');
    expect(first.body).toContain('rel="next"');
    const last = await text('/notices?kind=missing&sort=oldest&page=3');
    expect(last.status).toBe(200);
    expect(cards(last.body)).toBe(FILLERS + 1 - 40);
    expect(last.body).toContain('aria-current="page"');
    expect(last.body).toContain('rel="prev"');
    expect(last.body).toContain('Petrova');
    expect(last.body).toContain('<link rel="canonical" href="https://office.example/notices?kind=missing&amp;sort=oldest&amp;page=3"/>');
  });

  test('perPage changes the page size, up to 100', async () => {
    const { body } = await text('/notices?perPage=50');
    expect(cards(body)).toBe(50);
    expect(body).toContain('page 1 of 2');
  });

  test('a page past the last is a 404 that links back to the results', async () => {
    const { status, body } = await text('/notices?kind=wanted&page=2');
    expect(status).toBe(404);
    expect(body).toContain('There is no page 2');
    expect(body).toContain('href="/notices?kind=wanted"');
  });

  test.each([
    ['page=0', 'e-page', 'The page number must be'],
    ['page=-1', 'e-page', 'The page number must be'],
    ['page=abc', 'e-page', 'The page number must be'],
    ['page=99999999', 'e-page', 'The page number must be'],
    ['perPage=101', 'e-perPage', 'results per page'],
    ['perPage=1.5', 'e-perPage', 'results per page'],
    ['kind=foo', 'e-kind', 'Choose a kind of notice'],
    ['sex=X', 'e-sex', 'Choose a sex'],
    ['sort=random', 'e-sort', 'Choose a sort order'],
    ['nationality=ZZ', 'e-nationality', 'Choose a nationality'],
    ['wantedBy=france', 'e-wantedBy', 'Choose a country'],
    ['crime=jaywalking', 'e-crime', 'Choose an offence category'],
    ['ageMin=abc', 'e-ageMin', 'lowest age'],
    ['ageMin=200', 'e-ageMin', 'lowest age'],
    ['ageMin=50&ageMax=40', 'e-ageMax', 'highest age'],
    [`q=${'x'.repeat(201)}`, 'e-q', 'at most 200 characters'],
    [`familyName=${'x'.repeat(101)}`, 'e-familyName', 'at most 100 characters'],
  ])('bad input %s is a 400 with the problem explained', async (query, id, message) => {
    const { status, body } = await text(`/notices?${query}`);
    expect(status).toBe(400);
    expect(body).toContain('There is a problem with your search');
    expect(body).toContain(message);
    if (!['e-page', 'e-perPage'].includes(id)) {
      expect(body).toContain(`id="${id}"`);
      expect(body).toMatch(new RegExp(`aria-describedby="[^"]*${id}`));
    }
  });

  test('query values come back escaped, in the form and the error page', async () => {
    const ok = await text(`/notices?familyName=${encodeURIComponent(SCRIPT)}`);
    expect(ok.status).toBe(200);
    expect(ok.body).not.toContain(SCRIPT);
    expect(ok.body).toContain('value="&lt;script&gt;alert(1)&lt;/script&gt;"');
    const bad = await text(`/notices?ageMin=${encodeURIComponent('"><script>x</script>')}`);
    expect(bad.status).toBe(400);
    expect(bad.body).not.toContain('<script>x');
    expect(bad.body).toContain('value="&quot;&gt;&lt;script&gt;x&lt;/script&gt;"');
  });

  test('names with markup are shown as text', async () => {
    const { body } = await text('/notices?kind=wanted');
    expect(body).not.toContain(SCRIPT);
    expect(body).not.toContain('<b>bold</b>');
    expect(body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  test('French pages are translated, with localised links', async () => {
    const { status, body } = await text('/fr/notices?kind=wanted');
    expect(status).toBe(200);
    expect(body).toContain('<html lang="fr"');
    expect(body).toContain('2 notices trouvées');
    expect(body).toContain(`href="/fr/notices/${slug(wanted)}"`);
    expect(body).toContain('Personne recherchée');
    expect(body).toContain('action="/fr/notices"');
  });
});

describe('notice detail', () => {
  test('shows the public extract of a wanted notice', async () => {
    const { status, body } = await text(`/notices/${slug(wanted)}`);
    expect(status).toBe(200);
    for (const fact of ['Dupont', 'Dupond', 'Male', '12 May 1980', 'Lyon, France', '1.82 m', '80 kg', 'Blue', 'Brown', 'French', 'Scar on the left hand'])
      expect(body).toContain(fact);
    expect(body).toContain('Wanted by the judicial authorities of France');
    expect(body).toContain('Escroquerie en bande organisée');
    expect(body).toContain('Organised fraud');
    expect(body).toContain('Fraud, including fraud affecting the financial interests of the European Union');
    expect(body).toContain('What to do if you have information');
    expect(body).toContain('<link rel="stylesheet" href="/static/print.css" media="print"/>');
    expect(body).not.toMatch(/<input[^>]+name="(email|name|phone)"/);
  });

  test('shows a missing person with the name in its original script and the disappearance', async () => {
    const { body } = await text(`/notices/${slug(missing)}`);
    expect(body).toContain('<span dir="auto">Анна Петрова</span>');
    expect(body).toContain('March 2025');
    expect(body).toContain('Sofia');
    expect(body).toContain('Left home for work and did not arrive.');
    expect(body).toContain('No photo available');
    expect(body).not.toContain('Charges');
  });

  test('the French extract is translated', async () => {
    const { body } = await text(`/fr/notices/${slug(missing)}`);
    expect(body).toContain('Personne disparue');
    expect(body).toContain('mars 2025');
    expect(body).toContain('Bulgarie');
  });

  test('carries Open Graph tags and JSON-LD with absolute URLs', async () => {
    const { body } = await text(`/notices/${slug(wanted)}`);
    const url = `https://office.example/notices/${slug(wanted)}`;
    expect(body).toContain(`<meta property="og:url" content="${url}"/>`);
    expect(body).toContain('<meta property="og:title" content="Wanted: Jean Dupont"/>');
    expect(body).toMatch(new RegExp(`<meta property="og:image" content="https://office\\.example/notices/${slug(wanted)}/images/[0-9a-z]{26}"/>`));
    expect(body).toContain('<meta name="twitter:card" content="summary"/>');
    const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(body)?.[1];
    const data = JSON.parse(json ?? 'null') as { url: string; identifier: string; mainEntity: { name: string; nationality: { identifier: string }[] } };
    expect(data.url).toBe(url);
    expect(data.identifier).toBe(wanted.reference);
    expect(data.mainEntity.name).toBe('Jean Dupont');
    expect(data.mainEntity.nationality[0]?.identifier).toBe('FR');
  });

  test('markup in a notice cannot break out of the page or the JSON-LD', async () => {
    const { status, body } = await text(`/notices/${slug(hostile)}`);
    expect(status).toBe(200);
    expect(body).not.toContain(SCRIPT);
    expect(body).not.toContain('<b>bold</b>');
    expect(body).not.toContain('<img src=x');
    // The JSON-LD block is the only script element, and it closes only once.
    expect(body.match(/<\/script>/g)?.length).toBe(1);
    const json = /<script type="application\/ld\+json">(.*?)<\/script>/s.exec(body)?.[1] ?? '';
    expect(json).toContain('\\u003cscript\\u003e');
    expect((JSON.parse(json) as { mainEntity: { familyName: string } }).mainEntity.familyName).toBe(SCRIPT);
  });

  test('shows the police contact of the chosen country, and refuses other values', async () => {
    const fr = await text(`/notices/${slug(wanted)}?country=FR`);
    expect(fr.status).toBe(200);
    expect(fr.body).toContain('<option value="FR" selected="">France</option>');
    expect(fr.body).toContain('href="tel:112"');
    expect(fr.body).toContain('<div class="police-contact">');
    expect((await get(`/notices/${slug(wanted)}?country=ZZ`)).status).toBe(400);
    expect((await get(`/notices/${slug(wanted)}?country=${encodeURIComponent(SCRIPT)}`)).status).toBe(400);
  });

  test.each([
    ['a draft', () => slug(draft)],
    ['a withdrawn notice', () => slug(withdrawn)],
    ['an unknown reference', () => '2026-99999'],
    ['a malformed id', () => 'abc'],
    ['a reference with a slash', () => '2026%2F00001'],
  ])('%s is a 404 page', async (_label, id) => {
    const { status, body } = await text(`/notices/${id()}`);
    expect(status).toBe(404);
    expect(body).toContain('There is no published notice at this address');
  });
});

describe('notice photos', () => {
  test('serves the stored bytes with type, caching and validators', async () => {
    const id = /images\/([0-9a-z]{26})/.exec((await text(`/notices/${slug(wanted)}`)).body)?.[1];
    const res = await get(`/notices/${slug(wanted)}/images/${id}`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/jpeg');
    expect(res.headers.get('cache-control')).toBe('public, max-age=86400');
    expect(res.headers.get('x-content-type-options')).toBe('nosniff');
    const etag = res.headers.get('etag');
    expect(etag).toMatch(/^"[\w-]+"$/);
    const bytes = new Uint8Array(await res.arrayBuffer());
    expect([...bytes.slice(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const again = await get(`/notices/${slug(wanted)}/images/${id}`, { 'if-none-match': etag ?? '' });
    expect(again.status).toBe(304);
  });

  test.each([
    ['an unknown image', () => `/notices/${slug(wanted)}/images/${'0'.repeat(26)}`],
    ['a malformed image id', () => `/notices/${slug(wanted)}/images/..%2Fx`],
    ['an image of another notice', () => `/notices/${slug(missing)}/images/${withdrawnImage}`],
    ['an image of a withdrawn notice', () => `/notices/${slug(withdrawn)}/images/${withdrawnImage}`],
  ])('%s is a 404', async (_label, path) => {
    expect((await get(path())).status).toBe(404);
  });
});

describe('notices Atom feed', () => {
  test('lists the 50 newest published notices with absolute links', async () => {
    const res = await get('/feeds/notices.atom');
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('application/atom+xml; charset=utf-8');
    const xml = await res.text();
    expect(xml).toContain('<feed xmlns="http://www.w3.org/2005/Atom">');
    expect(xml.match(/<entry>/g)?.length).toBe(50);
    expect(xml).toContain(`<link href="https://office.example/notices/${slug(wanted)}"/>`);
    expect(xml).toContain('<link rel="self" href="https://office.example/feeds/notices.atom"/>');
    expect(xml).toContain('Wanted: Jean Dupont');
    expect(xml).toMatch(/<img src="https:\/\/office\.example\/notices\/[\d-]+\/images\/[0-9a-z]{26}" alt="Photo of Jean Dupont"/);
    expect(xml).not.toContain('Hiddendraft');
    expect(xml).not.toContain('Withdrawnone');
    // The oldest fillers fall outside the newest 50.
    expect(xml).not.toContain('Person0 Filler');
  });

  test('markup in names stays text for feed readers', async () => {
    const xml = await (await get('/feeds/notices.atom')).text();
    expect(xml).not.toContain(SCRIPT);
    expect(xml).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
  });

  test('answers a conditional request with 304', async () => {
    const etag = (await get('/feeds/notices.atom')).headers.get('etag') ?? '';
    expect((await get('/feeds/notices.atom', { 'if-none-match': etag })).status).toBe(304);
  });

  test('is not language-prefixed', async () => {
    expect((await get('/fr/feeds/notices.atom')).status).toBe(404);
  });
});

describe('notice messages', () => {
  test('every notice, sex, eye and hair message exists in English and French and is valid ICU', () => {
    const catalogs = loadCatalogs();
    const en = catalogs.get('en') ?? {};
    const fr = catalogs.get('fr') ?? {};
    const keys = Object.keys(en).filter((k) => /^(notices|sex|eyes|hair)\./.test(k));
    expect(keys.length).toBeGreaterThan(100);
    for (const key of keys) {
      expect(fr[key], key).toBeTypeOf('string');
      expect(() => new IntlMessageFormat(en[key] ?? '', 'en'), key).not.toThrow();
      expect(() => new IntlMessageFormat(fr[key] ?? '', 'fr'), key).not.toThrow();
    }
  });
});

describe('finding and sharing', () => {
  test('shows the filters in use, each with a link to the same search without it, and opens the folded filters then', async () => {
    const { body } = await text('/notices?kind=wanted&nationality=FR&q=Lyon');
    const links = [...body.matchAll(/<div class="active-filters">[\s\S]*?<\/div>/g)][0]?.[0] ?? '';
    const hrefs = [...links.matchAll(/href="([^"]+)"/g)].map((m) => m[1]!.replaceAll('&amp;', '&'));
    expect(hrefs).toEqual(['/notices?nationality=FR&q=Lyon', '/notices?kind=wanted&nationality=FR', '/notices?kind=wanted&q=Lyon']);
    expect(links).toContain('France');
    expect(body).toMatch(/<details class="more-filters" open/);
    const plain = await text('/notices');
    expect(plain.body).not.toContain('class="active-filters"');
    expect(plain.body).toMatch(/<details class="more-filters">/);
  });

  test('explains a family-name match as what it is, never as "not enough on its own"', async () => {
    const { body } = await text('/notices?familyName=Dupond');
    expect(cards(body)).toBeGreaterThan(0);
    expect(body).toContain('class="why"');
    expect(body).not.toContain('not enough on its own');
  });

  test('lets a visitor share a notice without any script: the link to copy, e-mail and text message', async () => {
    const { body } = await text(`/fr/notices/${slug(wanted)}`);
    expect(body).toContain(`value="https://office.example/fr/notices/${slug(wanted)}"`);
    expect(body).toMatch(/href="mailto:\?subject=[^"]+&amp;body=[^"]+"/);
    expect(body).toMatch(/href="sms:\?&amp;body=[^"]+"/);
    expect(body).toContain(`href="/fr/notices/${slug(wanted)}/poster.pdf"`);
  });

  test('offers a name search on the home page that leads to the results', async () => {
    const { body } = await text('/fr');
    expect(body).toMatch(/<form method="get" action="\/fr\/notices" class="home-search"/);
    expect(body).toContain('name="q"');
  });
});

test('a French result card agrees "wanted by" with the sex of the person', async () => {
  const { body } = await text('/fr/notices?familyName=Dupont');
  expect(body).toContain('<dt>Recherché par</dt>');
  expect(body).not.toContain('<dt>Recherché(e) par</dt>');
});
