/** The public site in real Chromium: WCAG 2.2 AA by axe-core, keyboard use, no scripts, and full use without JavaScript. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, runAxe, startServer, type TestServer } from '../support/browser.ts';

/** What the tests read off the focused element (the DOM lib is not in this project's types, hence the small shape). */
type Focused = { tag: string; id: string; name: string; type: string; href: string; inForm: boolean; inMain: boolean; afterMainStart: boolean };
type MiniElement = {
  tagName: string;
  id: string;
  getAttribute(name: string): string | null;
  closest(selector: string): MiniElement | null;
  querySelector(selector: string): MiniElement | null;
  compareDocumentPosition(other: MiniElement): number;
};

const SEARCH = '/notices?kind=wanted&sex=M&sort=name';
/** A notice page: `/notices/{id}`, not the compatibility API under `/notices/v1`. */
const noticeHref = /^(\/[a-z]{2})?\/notices\/(?!v1(\/|$))[^/?#]+$/;

let server: TestServer;
let browser: Browser;
let context: BrowserContext;
const scriptRequests: string[] = [];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer(), launchBrowser()]);
  context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  context.on('request', (req) => {
    const path = new URL(req.url()).pathname;
    if (req.resourceType() === 'script' || path.endsWith('.js') || path.endsWith('.mjs')) scriptRequests.push(req.url());
  });
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function open(path: string, ctx: BrowserContext = context): Promise<Page> {
  const page = await ctx.newPage();
  const res = await page.goto(`${server.url}${path}`, { waitUntil: 'load' });
  expect(res?.status(), `GET ${path}`).toBe(200);
  return page;
}

/** Links to notice pages inside <main>, in document order. */
async function noticeLinks(page: Page): Promise<string[]> {
  const hrefs = await page.locator('main a[href]').evaluateAll((els) =>
    els.map((el) => (el as unknown as MiniElement).getAttribute('href') ?? ''),
  );
  return hrefs.filter((h) => noticeHref.test(h));
}

async function focused(page: Page): Promise<Focused | null> {
  return page.evaluate(() => {
    const doc = (globalThis as unknown as { document: { activeElement: MiniElement | null; querySelector: MiniElement['querySelector'] } }).document;
    const el = doc.activeElement;
    if (!el) return null;
    const main = doc.querySelector('main');
    // DOCUMENT_POSITION_FOLLOWING (4) or CONTAINED_BY (16), seen from <main>.
    const afterMainStart = main !== null && (main === el || (main.compareDocumentPosition(el) & (4 | 16)) !== 0);
    return {
      tag: el.tagName.toLowerCase(),
      id: el.id,
      name: el.getAttribute('name') ?? '',
      type: el.getAttribute('type') ?? '',
      href: el.getAttribute('href') ?? '',
      inForm: el.closest('main form') !== null,
      inMain: el.closest('main') !== null,
      afterMainStart,
    };
  });
}

async function expectNoViolations(path: string, page: Page): Promise<void> {
  const violations = await runAxe(page);
  expect(violations, `axe violations on ${path}:\n${JSON.stringify(violations, null, 2)}`).toEqual([]);
}

describe('accessibility (axe-core, WCAG 2.2 AA tags)', () => {
  for (const path of ['/', SEARCH, '/help', '/fr']) {
    test(`${path} has no violations`, async () => {
      const page = await open(path);
      await expectNoViolations(path, page);
      await page.close();
    });
  }

  test('a notice page (first search result) has no violations', async () => {
    const list = await open(SEARCH);
    const [first] = await noticeLinks(list);
    expect(first, `a notice link on ${SEARCH}`).toBeDefined();
    await list.locator(`main a[href="${first}"]`).first().click();
    await list.waitForLoadState('load');
    expect(new URL(list.url()).pathname).toBe(first);
    await expectNoViolations(first!, list);
    await list.close();
  });

  test('the French home page declares its language', async () => {
    const page = await open('/fr');
    expect(await page.locator('html').getAttribute('lang')).toBe('fr');
    await page.close();
  });
});

describe('keyboard', () => {
  test('the skip link is the first Tab stop and moves focus to the main content', async () => {
    const page = await open('/');
    await page.keyboard.press('Tab');
    const first = await focused(page);
    expect(first?.tag).toBe('a');
    expect(first?.href).toBe('#main');
    await expect.poll(() => page.locator('a[href="#main"]').first().isVisible()).toBe(true);
    await page.keyboard.press('Enter');
    expect(new URL(page.url()).hash).toBe('#main');
    expect((await focused(page))?.id).toBe('main');
    // The next Tab continues from the main content, not back in the header.
    await page.keyboard.press('Tab');
    const next = await focused(page);
    expect(next?.afterMainStart, `after the skip link, Tab went to ${JSON.stringify(next)}`).toBe(true);
    await page.close();
  });

  test('Tab reaches every search field, then the submit button, then the result links', async () => {
    const page = await open(SEARCH);
    const fields = await page
      .locator('main form :is(input, select, textarea, button):not([type=hidden]):not([disabled])')
      .evaluateAll((els) => els.map((el) => (el as unknown as MiniElement).getAttribute('name') ?? (el as unknown as MiniElement).getAttribute('type') ?? ''));
    expect(fields.length, 'focusable fields in the search form').toBeGreaterThan(2);
    const stops: Focused[] = [];
    for (let i = 0; i < 150; i++) {
      await page.keyboard.press('Tab');
      const f = await focused(page);
      if (!f || f.tag === 'body') break;
      stops.push(f);
      if (f.inMain && !f.inForm && noticeHref.test(f.href)) break;
    }
    const formStops = stops.filter((s) => s.inForm);
    const named = formStops.filter((s) => s.name !== '').map((s) => s.name);
    for (const name of fields.filter((n) => n !== '' && n !== 'submit')) {
      expect(named, `Tab reaches the search field "${name}"`).toContain(name);
    }
    const submitAt = stops.findIndex((s) => s.inForm && (s.type === 'submit' || (s.tag === 'button' && s.type === '')));
    expect(submitAt, 'Tab reaches the submit button').toBeGreaterThanOrEqual(0);
    const isField = (s: Focused): boolean => s.inForm && ['input', 'select', 'textarea'].includes(s.tag) && s.type !== 'submit';
    const lastFieldAt = stops.findLastIndex(isField);
    expect(lastFieldAt, 'the submit button comes after the fields').toBeLessThan(submitAt);
    const resultAt = stops.findIndex((s, i) => i > submitAt && s.inMain && noticeHref.test(s.href));
    expect(resultAt, `Tab reaches a result link after the submit button; stops: ${JSON.stringify(stops.map((s) => s.name || s.href || s.tag))}`).toBeGreaterThan(submitAt);
    await page.close();
  });
});

describe('no JavaScript', () => {
  test('public pages request no script and carry no <script src>', async () => {
    for (const path of ['/', SEARCH, '/help', '/news', '/about', '/scam-warning', '/fr', '/fr/notices']) {
      const page = await open(path);
      expect(await page.locator('script[src]').count(), `<script src> on ${path}`).toBe(0);
      await page.close();
    }
    expect(scriptRequests).toEqual([]);
  });

  test('with JavaScript disabled, the search shows results and the form submits', async () => {
    const noJs = await browser.newContext({ javaScriptEnabled: false, locale: 'en-GB' });
    try {
      const page = await open(SEARCH, noJs);
      expect((await noticeLinks(page)).length, `results on ${SEARCH} without JavaScript`).toBeGreaterThan(0);
      const page2 = await open('/notices', noJs);
      const kind = page2.locator('main form [name="kind"]').first();
      if ((await kind.evaluate((el) => (el as unknown as MiniElement).tagName.toLowerCase())) === 'select') await kind.selectOption('missing');
      else await page2.locator('main form [name="kind"][value="missing"]').check();
      await Promise.all([page2.waitForURL(/kind=missing/), page2.locator('main form [type="submit"]').first().click()]);
      expect((await noticeLinks(page2)).length, 'results after submitting the form without JavaScript').toBeGreaterThan(0);
      const [first] = await noticeLinks(page2);
      await open(first!, noJs);
    } finally {
      await noJs.close();
    }
  });
});
