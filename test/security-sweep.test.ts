/**
 * Sweeps every GET route of the app (read from `app.routes`, so new routes are covered without edits) with bad input:
 * unknown and malformed ids, bad filters, huge and badly encoded queries, wrong methods and script injection; checks
 * the answer is a clear 4xx with a body, nothing is reflected unescaped, and every response carries the security headers.
 */
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { openPlatform, type Platform } from '../src/bootstrap.ts';
import { loadConfig } from '../src/config/config.ts';
import { referenceToSlug } from '../src/core/notices.ts';
import { createLogger } from '../src/logger.ts';
import { insertNews } from '../src/storage/repositories/news.ts';
import { insertNotice } from '../src/storage/repositories/notices.ts';
import { dialects, freshStore } from './support/stores.ts';

const SCRIPT = '<script>alert(1)</script>';
const ATTR = '"><img src=x onerror=alert(1)>';
const payloads = [SCRIPT, ATTR];

/** Values that name nothing or cannot be an id; each replaces one path parameter at a time. */
const badIds = [
  'does-not-exist',
  '0',
  '-1',
  '9999-99999',
  '2026-00000',
  'zzzzzzzzzzzzzzzzzzzzzzzzzz',
  '%00',
  'a%00b',
  '%E0%A4%A',
  '..%2F..%2Fetc%2Fpasswd',
  'x'.repeat(1000),
  encodeURIComponent("' or 1=1 --"),
  ...payloads.map(encodeURIComponent),
];

/** Query strings no route may answer with a 5xx. */
const badQueries = [
  'page=0',
  'page=-1',
  'page=999999',
  'page=1e9',
  'page=abc',
  'perPage=100000',
  'ageMin=abc',
  'ageMin=200',
  'ageMin=30&ageMax=20',
  'sex=X',
  'nationality=ZZZZ',
  'kind=foo',
  'sort=foo',
  'kind=wanted&kind=missing',
  'page=1&page=2',
  'familyName=%E0%A4%A',
  'q=%E0%A4%A',
  '%E0%A4%A=1',
  'familyName=a%00b',
  'freeText=%00',
  `q=${'x'.repeat(10 * 1024)}`,
  `q=${'x'.repeat(100 * 1024)}`,
];

/** On the notice searches these must be refused as invalid (4xx), not silently ignored or clamped. */
const mustReject = ['page=0', 'page=-1', 'page=abc', 'ageMin=abc', 'ageMin=200', 'sex=X', 'nationality=ZZZZ', 'kind=foo'];
const searchRoutes = ['/notices', '/fr/notices', '/api/v1/notices'];

/** Public routes without parameters that must exist. */
const requiredRoutes = [
  '/',
  '/notices',
  '/help',
  '/news',
  '/about',
  '/scam-warning',
  '/accessibility',
  '/privacy',
  '/feeds/notices.atom',
  '/feeds/news.atom',
  '/sitemap.xml',
  '/robots.txt',
  '/healthz',
  '/fr',
  '/fr/notices',
  '/fr/help',
  '/fr/news',
  '/fr/about',
  '/fr/scam-warning',
  '/api/v1/notices',
  '/api/openapi.json',
  '/notices/v1/red',
  '/notices/v1/yellow',
];

const strictReferrer = new Set(['no-referrer', 'same-origin', 'strict-origin', 'strict-origin-when-cross-origin']);

type Hit = { method: string; path: string; status: number; type: string; body: string; headers: Headers };

/** `/notices/:id{[0-9-]+}` → a regular expression matching concrete paths, with the parameter names. */
function patternOf(route: string): { re: RegExp; params: string[] } {
  const params: string[] = [];
  const source = route
    .split('/')
    .map((seg) => {
      const m = /^:([\w]+)(\{.+\})?(\?)?$/.exec(seg);
      if (!m) return seg.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      params.push(m[1]!);
      return '([^/]+)';
    })
    .join('/');
  return { re: new RegExp(`^${source || '/'}$`), params };
}

/** Links in HTML, XML and JSON bodies that stay on this site, as path + query. */
function linksIn(body: string, origin: string): string[] {
  const raw = [
    ...body.matchAll(/(?:href|src)="([^"]+)"/g),
    ...body.matchAll(/<(?:loc|id)>([^<]+)<\//g),
    ...body.matchAll(/"(?:href|url)"\s*:\s*"([^"]+)"/g),
  ].map((m) => m[1]!.replaceAll('&amp;', '&'));
  const out: string[] = [];
  for (const link of raw) {
    if (link.startsWith('//') || link.startsWith('#')) continue;
    let url: URL;
    try {
      url = new URL(link, `${origin}/`);
    } catch {
      continue;
    }
    if (url.origin !== origin) continue;
    out.push(`${url.pathname}${url.search}`);
  }
  return out;
}

describe.each(dialects)('security sweep (%s)', (dialect) => {
  let platform: Platform;
  let origin: string;
  let ipCounter = 0;
  const hits: Hit[] = [];
  /** GET route patterns, and one real path for each that has records behind it. */
  let getRoutes: string[] = [];
  const instances = new Map<string, string>();
  const htmlPages = new Map<string, string>();
  let xssNoticePath = '';
  let xssNewsSlug = '';

  /** Each request comes from its own address (behind a trusted proxy) so rate limits do not mask the answers. */
  async function hit(method: string, path: string, headers: Record<string, string> = {}): Promise<Hit> {
    ipCounter += 1;
    const ip = `10.${(ipCounter >> 16) & 255}.${(ipCounter >> 8) & 255}.${ipCounter & 255}`;
    const res = await platform.app.request(path, {
      method,
      headers: { accept: 'text/html,application/xhtml+xml,*/*;q=0.8', 'x-forwarded-for': ip, ...headers },
    });
    const body = await res.text();
    const h: Hit = { method, path, status: res.status, type: res.headers.get('content-type') ?? '', body, headers: res.headers };
    hits.push(h);
    return h;
  }

  const isHtml = (h: Hit): boolean => h.type.startsWith('text/html');
  const short = (path: string): string => (path.length > 90 ? `${path.slice(0, 90)}…(${path.length})` : path);

  beforeAll(async () => {
    const config = loadConfig({ DATA_DIR: ':memory:', DEMO_DATA: 'true', LOG_LEVEL: 'silent', TRUST_PROXY: 'true' });
    const store = dialect === 'sqlite' ? undefined : await freshStore(dialect);
    platform = await openPlatform(config, createLogger('silent'), store);
    origin = config.publicUrl;

    // Records whose every free-text field carries markup, as a hostile or careless contributor might write them.
    const notice = await platform.store.db.transaction().execute((trx) =>
      insertNotice(
        trx,
        {
          kind: 'wanted',
          familyName: SCRIPT,
          forename: ATTR,
          nameOriginal: ATTR,
          aliases: [{ familyName: ATTR, forename: SCRIPT }],
          sex: 'M',
          dateOfBirth: '1980-03-09',
          placeOfBirth: SCRIPT,
          countryOfBirth: 'FR',
          nationalities: ['FR'],
          heightM: 1.8,
          weightKg: 80,
          eyeColors: ['BRO'],
          hairColors: ['BLA'],
          languages: ['FRE'],
          distinguishingMarks: `${SCRIPT} ${ATTR}`,
          charges: [{ issuingCountry: 'FR', charge: SCRIPT, chargeTranslation: ATTR, crimeCategory: null }],
          disappearance: null,
          isDemo: true,
        },
        { status: 'published' },
      ),
    );
    xssNoticePath = `/notices/${referenceToSlug(notice.reference)}`;
    xssNewsSlug = 'sweep-markup-test';
    await platform.store.db.transaction().execute((trx) =>
      insertNews(trx, {
        slug: xssNewsSlug,
        kind: 'event',
        lang: 'en',
        title: SCRIPT,
        summary: ATTR,
        body: `${SCRIPT}\n\n${ATTR}`,
        eventStart: '2026-12-01T10:00:00.000Z',
        eventEnd: '2026-12-01T12:00:00.000Z',
        eventPlace: ATTR,
        isDemo: true,
        publishedAt: new Date().toISOString(),
      }),
    );

    // The portal answers every unauthenticated request with a redirect to sign-in; its own sweep (test/portal-auth.test.ts)
    // covers it signed in and signed out. This sweep is the public surface.
    const isPortal = (path: string): boolean => /^\/([a-z]{2,3}\/)?portal(\/|$)/.test(path);
    getRoutes = [...new Set(platform.app.routes.filter((r) => r.method === 'GET' && !r.path.includes('*') && !isPortal(r.path)).map((r) => r.path))];
    const patterns = getRoutes.map((route) => ({ route, ...patternOf(route) }));

    // Crawl from the entry points, keeping one real path per parameterised route.
    const queue = [...new Set([...requiredRoutes.filter((r) => !r.includes(':')), xssNoticePath, `/news/${xssNewsSlug}`])];
    const visited = new Set<string>();
    while (queue.length > 0 && visited.size < 400) {
      const path = queue.shift()!;
      const bare = path.split('?')[0]!;
      if (visited.has(bare) || bare.startsWith('/portal')) continue;
      const matched = patterns.filter((p) => p.re.test(bare));
      if (matched.length === 0 || matched.every((p) => p.params.length > 0 && instances.has(p.route))) continue;
      visited.add(bare);
      const h = await hit('GET', bare);
      if (h.status !== 200) continue;
      for (const p of matched) if (!instances.has(p.route)) instances.set(p.route, bare);
      if (isHtml(h)) htmlPages.set(bare, h.body);
      if (/html|xml|json|text\/plain/.test(h.type)) queue.push(...linksIn(h.body, origin).filter((l) => !visited.has(l.split('?')[0]!)));
    }
  });

  afterAll(async () => {
    const byStatus = new Map<number, number>();
    for (const h of hits) byStatus.set(h.status, (byStatus.get(h.status) ?? 0) + 1);
    const notable = hits.filter((h) => h.status >= 500 || h.status === 200).length;
    process.stdout.write(
      `[security sweep ${dialect}] ${hits.length} requests, statuses ${JSON.stringify(Object.fromEntries(byStatus))} (${notable} 200/5xx)\n`,
    );
    await platform?.close();
  });

  test('every required public route exists and answers 200', async () => {
    const missing: string[] = [];
    for (const path of [...requiredRoutes, xssNoticePath, `/news/${xssNewsSlug}`]) {
      const h = await hit('GET', path);
      if (h.status !== 200) missing.push(`${path} → ${h.status}`);
    }
    // Parameterised routes, with a real record found by crawling.
    const generic = (route: string): string => route.replace(/:[\w]+(\{[^/]*\})?\??/g, ':');
    for (const template of ['/notices/:', '/fr/notices/:', '/news/:', '/notices/v1/red/:', '/notices/v1/yellow/:']) {
      const route = getRoutes.find((r) => generic(r) === template);
      if (!route) missing.push(`${template} → no such route`);
      else if (!instances.has(route)) missing.push(`${route} → no record found by crawling`);
    }
    const images = getRoutes.filter((r) => /image|photo|portrait|picture/i.test(r) && !/^\/(api|notices\/v1|[a-z]{2}\/)/.test(r));
    if (!images.some((r) => instances.has(r))) missing.push(`notice image (${images.join(', ') || 'no route'}) → no image found on notice pages`);
    expect(missing).toEqual([]);
  });

  test('unknown and malformed ids in every path parameter give a 4xx with a body', async () => {
    const bad: string[] = [];
    for (const route of getRoutes) {
      const { params } = patternOf(route);
      if (params.length === 0) continue;
      const real = instances.get(route);
      const realValues = real ? patternOf(route).re.exec(real)!.slice(1) : params.map(() => 'does-not-exist');
      for (let i = 0; i < params.length; i++) {
        for (const value of badIds) {
          const values = realValues.map((v, j) => (j === i ? value : v));
          let k = 0;
          const path = route.replace(/:[\w]+(\{[^/]*\})?\??/g, () => values[k++]!);
          const h = await hit('GET', path);
          if (h.status < 400 || h.status >= 500 || h.body.length === 0) bad.push(`GET ${short(path)} → ${h.status} (${h.body.length} bytes)`);
          if (isHtml(h) && payloads.some((p) => h.body.includes(p))) bad.push(`GET ${short(path)} reflects markup unescaped`);
        }
      }
    }
    expect(bad).toEqual([]);
  });

  test('bad query strings never cause a 5xx, and the notice searches refuse bad filters with a 4xx', async () => {
    const bad: string[] = [];
    const targets = [...new Set(getRoutes.map((r) => (r.includes(':') ? instances.get(r) : r)).filter((p): p is string => p !== undefined))];
    for (const path of targets) {
      for (const query of badQueries) {
        const h = await hit('GET', `${path}?${query}`);
        const strict = searchRoutes.includes(path) && mustReject.includes(query);
        const tooLong = query.length > 4096;
        if (h.status >= 500 || h.body.length === 0) bad.push(`GET ${short(`${path}?${query}`)} → ${h.status} (${h.body.length} bytes)`);
        else if ((strict || tooLong) && (h.status < 400 || h.status >= 500)) bad.push(`GET ${short(`${path}?${query}`)} → ${h.status}, expected a 4xx`);
      }
    }
    expect(bad).toEqual([]);
  });

  test('a null byte or bad encoding in the path gives a 4xx, never a 5xx', async () => {
    const bad: string[] = [];
    for (const path of ['/%00', '/notices%00', '/notices/%00', '/%E0%A4%A', '/notices/%E0%A4%A', '/fr/%00', '/static/%00', '/api/v1/notices/%00', '/notices/v1/red/%00']) {
      const h = await hit('GET', path);
      if (h.status < 400 || h.status >= 500 || h.body.length === 0) bad.push(`GET ${path} → ${h.status}`);
    }
    expect(bad).toEqual([]);
  });

  test('POST, PUT, DELETE and PATCH to read-only routes give a 4xx with a body', async () => {
    const writable = new Set(platform.app.routes.filter((r) => r.method !== 'GET' && r.method !== 'ALL').map((r) => r.path));
    const bad: string[] = [];
    for (const route of getRoutes) {
      if (writable.has(route)) continue;
      const path = route.includes(':') ? instances.get(route) : route;
      if (!path) continue;
      for (const method of ['POST', 'PUT', 'DELETE', 'PATCH']) {
        const h = await hit(method, path, { 'content-type': 'application/x-www-form-urlencoded' });
        if (h.status < 400 || h.status >= 500 || h.body.length === 0) bad.push(`${method} ${path} → ${h.status}`);
      }
    }
    expect(bad).toEqual([]);
  });

  test('markup in any query parameter comes back escaped on every HTML page', async () => {
    const names = new Set(['q', 'familyName', 'forename', 'name', 'kind', 'sex', 'nationality', 'ageMin', 'ageMax', 'sort', 'page', 'perPage', 'wantedBy', 'crimeCategory', 'freeText', 'lang', 'next', 'return', 'utm_source']);
    for (const body of htmlPages.values()) for (const m of body.matchAll(/<(?:input|select|textarea)[^>]*\sname="([^"]+)"/g)) names.add(m[1]!);
    const bad: string[] = [];
    const pages = [...htmlPages.keys()].filter((p) => !p.startsWith('/static'));
    expect(pages.length).toBeGreaterThan(5);
    for (const path of pages) {
      for (const name of names) {
        const h = await hit('GET', `${path}?${encodeURIComponent(name)}=${encodeURIComponent(SCRIPT + ATTR)}`);
        if (h.status >= 500) bad.push(`GET ${path}?${name}=… → ${h.status}`);
        for (const p of payloads) if (isHtml(h) && h.body.includes(p)) bad.push(`GET ${path}?${name}=${p} reflects it unescaped`);
      }
      // Also in the query's names and in the page's own path.
      const h = await hit('GET', `${path}?${encodeURIComponent(SCRIPT)}=1`);
      if (isHtml(h) && h.body.includes(SCRIPT)) bad.push(`GET ${path}?<script>=1 reflects it unescaped`);
    }
    expect(bad).toEqual([]);
  });

  test('markup in notice and news fields is escaped wherever they are shown', async () => {
    const shown = [xssNoticePath, `/fr${xssNoticePath}`, '/notices', '/notices?sort=newest', `/news/${xssNewsSlug}`, '/news', '/', '/fr', '/feeds/notices.atom', '/feeds/news.atom', '/sitemap.xml', '/notices/v1/changes.atom'];
    const bad: string[] = [];
    for (const path of shown) {
      const h = await hit('GET', path);
      if (h.status >= 500) bad.push(`GET ${path} → ${h.status}`);
      if (!h.type.includes('json') && payloads.some((p) => h.body.includes(p))) bad.push(`GET ${path} (${h.type}) shows markup unescaped`);
    }
    expect(bad).toEqual([]);
    // The records are really on show, escaped, so the check above could have failed.
    const notice = await hit('GET', xssNoticePath);
    expect(notice.status).toBe(200);
    expect(notice.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    const news = await hit('GET', `/news/${xssNewsSlug}`);
    expect(news.status).toBe(200);
    expect(news.body).toContain('&lt;script&gt;alert(1)&lt;/script&gt;');
    for (const path of ['/api/v1/notices', `/api/v1/notices/${xssNoticePath.split('/').pop()}`]) {
      const h = await hit('GET', path, { accept: 'application/json' });
      expect(h.type, `${path} is served as JSON, not HTML`).toMatch(/^application\/json/);
    }
  });

  test('every form that posts on a public page carries a CSRF token', () => {
    const bad: string[] = [];
    for (const [path, body] of htmlPages) {
      for (const form of body.matchAll(/<form\b[^>]*>[\s\S]*?<\/form>/gi)) {
        const open = /^<form\b[^>]*>/i.exec(form[0])![0];
        if (/method="?post"?/i.test(open) && !/name="_csrf"/.test(form[0])) bad.push(`${path}: ${open}`);
      }
    }
    expect(bad).toEqual([]);
  });

  // Last, so it covers every response the tests above received (404, 400, 405, 414, static files, feeds, JSON).
  test('every response carries a strict CSP, nosniff, no framing and a strict referrer policy', async () => {
    await hit('GET', '/static/site.css');
    expect(hits.length).toBeGreaterThan(200);
    const bad = new Set<string>();
    for (const h of hits) {
      const csp = h.headers.get('content-security-policy') ?? '';
      const directives = new Map(csp.split(';').map((d) => d.trim().split(/\s+/)).filter((d) => d[0]).map((d) => [d[0]!, d.slice(1)]));
      const scriptSrc = directives.get('script-src') ?? directives.get('default-src');
      const where = `${h.method} ${short(h.path)} (${h.status})`;
      if (!scriptSrc) bad.add(`${where}: no script-src or default-src`);
      else if (scriptSrc.some((v) => v === "'unsafe-inline'" || v === "'unsafe-eval'")) bad.add(`${where}: script-src allows ${scriptSrc.join(' ')}`);
      if (directives.get('frame-ancestors')?.join(' ') !== "'none'") bad.add(`${where}: frame-ancestors is not 'none'`);
      if (h.headers.get('x-content-type-options') !== 'nosniff') bad.add(`${where}: no X-Content-Type-Options: nosniff`);
      if (!strictReferrer.has(h.headers.get('referrer-policy') ?? '')) bad.add(`${where}: Referrer-Policy ${h.headers.get('referrer-policy')}`);
    }
    expect([...bad].slice(0, 50)).toEqual([]);
  });
});
