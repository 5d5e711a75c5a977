/** The public site's look in real Chromium: every public page reflows at 320 and 390 px with no axe violation, the footer sits below the content, and screenshots for review. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import sharp from 'sharp';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, runAxe, startServer, type TestServer } from '../support/browser.ts';

/** Saved by every run for a person to look at; never committed (see .gitignore). */
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

/** The few DOM properties the tests read (the DOM lib is not in this project's types). */
type Box = { top: number; bottom: number };
type Doc = {
  documentElement: { scrollWidth: number; clientWidth: number };
  querySelector(selector: string): { getBoundingClientRect(): Box; lastElementChild: { getBoundingClientRect(): Box } | null } | null;
};
/** The page's globals; functions passed to `page.evaluate` run in the page, so each reads them itself. */
type PageGlobals = { document: Doc; scrollY: number; innerHeight: number };

let server: TestServer;
let browser: Browser;
let paths: { label: string; path: string; status: number }[];

/** The first link inside <main> whose address matches, as a path. */
async function firstLink(ctx: BrowserContext, from: string, pattern: RegExp): Promise<string> {
  const page = await ctx.newPage();
  await page.goto(`${server.url}${from}`);
  const hrefs = await page.locator('main a[href]').evaluateAll((els) => els.map((el) => (el as unknown as { getAttribute(n: string): string | null }).getAttribute('href') ?? ''));
  await page.close();
  const found = hrefs.find((h) => pattern.test(h));
  expect(found, `a link matching ${pattern} on ${from}`).toBeDefined();
  return found!;
}

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  const ctx = await browser.newContext();
  const notice = await firstLink(ctx, '/notices', /^\/notices\/(?!v1(\/|$))[^/?#]+$/);
  const newsItem = await firstLink(ctx, '/news', /^\/news\/[a-z0-9-]+$/);
  await ctx.close();
  paths = [
    { label: 'home', path: '/', status: 200 },
    { label: 'home (French)', path: '/fr', status: 200 },
    { label: 'notices', path: '/notices', status: 200 },
    { label: 'a notice', path: notice, status: 200 },
    { label: 'a notice (French, with a country)', path: `/fr${notice}?country=DE`, status: 200 },
    { label: 'help', path: '/help', status: 200 },
    { label: 'help with a country', path: '/help?country=AT', status: 200 },
    { label: 'help (French) with a country', path: '/fr/help?country=GE', status: 200 },
    { label: 'news', path: '/news', status: 200 },
    { label: 'a news item', path: newsItem, status: 200 },
    { label: 'about', path: '/about', status: 200 },
    { label: 'scam warning', path: '/scam-warning', status: 200 },
    { label: 'accessibility', path: '/accessibility', status: 200 },
    { label: 'privacy', path: '/privacy', status: 200 },
    { label: 'API docs', path: '/api/docs', status: 200 },
    { label: '404', path: '/no-such-page?q=x', status: 404 },
  ];
}, 180_000);

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(ctx: BrowserContext, path: string, status = 200): Promise<Page> {
  const page = await ctx.newPage();
  const res = await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
  expect(res?.status(), `GET ${path}`).toBe(status);
  return page;
}

for (const width of [320, 390]) {
  describe(`at ${width} px`, () => {
    let ctx: BrowserContext;
    beforeAll(async () => {
      ctx = await browser.newContext({ viewport: { width, height: 800 }, locale: 'en-GB' });
    });
    afterAll(async () => ctx?.close());

    test('every public page fits the width (WCAG 1.4.10 reflow) and has no axe violation (WCAG 2.2 AA tags)', async () => {
      const problems: string[] = [];
      for (const { label, path, status } of paths) {
        const page = await open(ctx, path, status);
        const { scrollWidth, clientWidth } = await page.evaluate(() => {
          const root = (globalThis as unknown as PageGlobals).document.documentElement;
          return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
        });
        if (scrollWidth > clientWidth) problems.push(`${label} (${path}) scrolls sideways: ${scrollWidth} px for ${clientWidth} px`);
        const violations = await runAxe(page);
        if (violations.length > 0) problems.push(`${label} (${path}): ${JSON.stringify(violations, null, 2)}`);
        await page.close();
      }
      expect(problems).toEqual([]);
    }, 120_000);
  });
}

describe('on a desktop', () => {
  let ctx: BrowserContext;
  beforeAll(async () => {
    ctx = await browser.newContext({ viewport: { width: 1280, height: 900 }, locale: 'en-GB' });
  });
  afterAll(async () => ctx?.close());

  test('the footer sits at the bottom of a short page, and content never touches it', async () => {
    for (const { path, status } of [{ path: '/no-such-page', status: 404 }, { path: '/help?country=AT', status: 200 }, { path: '/notices', status: 200 }]) {
      const page = await open(ctx, path, status);
      const { footerTop, footerBottom, lastBottom, height } = await page.evaluate(() => {
        const g = globalThis as unknown as PageGlobals;
        const footer = g.document.querySelector('footer')!.getBoundingClientRect();
        const last = g.document.querySelector('main')!.lastElementChild!.getBoundingClientRect();
        return { footerTop: footer.top, footerBottom: footer.bottom, lastBottom: last.bottom, height: g.innerHeight };
      });
      if (path === '/no-such-page') expect(Math.round(footerBottom), 'footer bottom on a short page').toBe(height);
      expect(footerTop - lastBottom, `space between the content and the footer on ${path}`).toBeGreaterThanOrEqual(24);
      await page.close();
    }
  });

  test('switching language keeps the chosen country on the help page', async () => {
    const page = await open(ctx, '/help?country=AT');
    await Promise.all([page.waitForURL(/\/fr\/help\?country=AT$/), page.locator('.langs a[hreflang="fr"]').click()]);
    expect(await page.locator('h3#country-at').textContent()).toBe('Autriche');
    await page.close();
  });

  test('the country picker works without JavaScript', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false, viewport: { width: 390, height: 800 } });
    try {
      const page = await open(noJs, '/help');
      await page.locator('#directory-country').selectOption('PL');
      await Promise.all([page.waitForURL(/\/help\?country=PL#directory$/), page.locator('.picker button[type="submit"]').click()]);
      expect(await page.locator('h3#country-pl').textContent()).toBe('Poland');
      // The page is a screen or two on a phone, not one entry after another for every country.
      expect(await page.evaluate(() => (globalThis as unknown as { document: { documentElement: { scrollHeight: number } } }).document.documentElement.scrollHeight)).toBeLessThan(4000);
    } finally {
      await noJs.close();
    }
  });

  test('/favicon.ico is the office logo as an icon', async () => {
    const res = await fetch(`${server.url}/favicon.ico`);
    expect(res.status).toBe(200);
    expect(res.headers.get('content-type')).toBe('image/x-icon');
    const ico = Buffer.from(await res.arrayBuffer());
    expect([ico.readUInt16LE(2), ico.readUInt16LE(4), ico[6], ico[7]]).toEqual([1, 1, 32, 32]);
    const png = await sharp(ico.subarray(ico.readUInt32LE(18))).metadata();
    expect([png.format, png.width, png.height]).toEqual(['png', 32, 32]);
  });

  test('the API docs show code as code, inside the site header with a way back', async () => {
    const page = await open(ctx, '/api/docs');
    expect(await page.locator('header.site-header a.brand').count()).toBe(1);
    expect(await page.locator('main .back a[href="/"]').count()).toBe(1);
    expect(await page.locator('main code', { hasText: /^match: false$/ }).count()).toBeGreaterThan(0);
    expect(await page.locator('main').textContent()).not.toContain('`');
    await page.close();
  });

  test('screenshots of the home page and a notice at 390 and 1280 px', async () => {
    mkdirSync(SHOTS, { recursive: true });
    const notice = paths.find((p) => p.label === 'a notice')!.path;
    for (const width of [390, 1280]) {
      const shot = await browser.newContext({ viewport: { width, height: 900 }, locale: 'en-GB' });
      for (const [name, path] of [['home', '/'], ['notice', notice]] as const) {
        const page = await open(shot, path);
        const file = join(SHOTS, `public-${name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect((await sharp(file).metadata()).width).toBe(width);
        await page.close();
      }
      await shot.close();
    }
  });
});
