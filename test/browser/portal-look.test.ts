/** The portal's look in real Chromium: every portal page without axe violations and without sideways scrolling at 320 and 390 px, the header on one line in French, screenshots for review. */
import { mkdirSync } from 'node:fs';
import { join } from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, runAxe, startServer, type TestServer } from '../support/browser.ts';
import { makeAgency, makeUser, totpCode, type TestUser } from '../portal-support.ts';

/** Saved by every run for a person to look at; never committed (see .gitignore). */
const SHOTS = join(process.cwd(), 'test-results', 'screenshots');

/** The few DOM properties the tests read (the DOM lib is not in this project's types). */
type Rect = { top: number; bottom: number; height: number };
type El = { getBoundingClientRect(): Rect };
type Doc = { documentElement: { scrollWidth: number; clientWidth: number }; querySelectorAll(selector: string): Iterable<El> };

let server: TestServer;
let browser: Browser;
/** Holds every role with a page (office administrator, auditor, officer), so every portal page is reachable. */
let lead: TestUser;
let colleague: TestUser;
let context: BrowserContext;
let page: Page;

async function signIn(p: Page, user: TestUser): Promise<void> {
  await p.goto(`${server.url}/portal/sign-in`);
  await p.fill('#email', user.email);
  await p.fill('#password', user.password);
  await p.click('form[action="/portal/sign-in"] button[type=submit]');
  await p.fill('#code', totpCode(user.totpSecret));
  await p.click('form[action="/portal/mfa/totp"] button[type=submit]');
  expect(new URL(p.url()).pathname).toBe('/portal');
}

/** What a reader would have to scroll sideways for, if anything. */
async function overflow(p: Page): Promise<string | null> {
  const { scrollWidth, clientWidth } = await p.evaluate(() => {
    const root = (globalThis as unknown as { document: Doc }).document.documentElement;
    return { scrollWidth: root.scrollWidth, clientWidth: root.clientWidth };
  });
  return scrollWidth > clientWidth ? `${scrollWidth} px for ${clientWidth} px` : null;
}

/** Every portal page a signed-in person can reach by a GET, in both languages where the wording is longest. */
const pages = (): string[] => [
  '/portal',
  '/fr/portal',
  '/portal/parts',
  '/fr/portal/parts',
  '/portal/account',
  '/fr/portal/account',
  '/portal/reauth',
  '/portal/admin/users',
  `/portal/admin/users/${colleague.id}`,
  '/portal/admin/agencies',
  '/fr/portal/admin/agencies',
  '/portal/audit',
  '/portal/audit?purpose=look%20review',
  '/fr/portal/audit?purpose=look%20review',
  '/portal/api-keys',
  '/fr/portal/api-keys',
  '/portal/cases',
  '/fr/portal/cases',
  '/portal/cases/new',
  '/fr/portal/cases/new',
  '/portal/notifications',
  '/portal/requests',
  '/fr/portal/notices',
];

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ DEMO_DATA: 'false' }), launchBrowser()]);
  const office = await makeAgency(server.platform, { isOffice: true, country: 'BE' });
  await makeAgency(server.platform, { country: 'FR' });
  lead = await makeUser(server.platform, office.id, ['admin', 'auditor', 'officer']);
  colleague = await makeUser(server.platform, office.id, ['officer']);
  context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  page = await context.newPage();
  await signIn(page, lead);
  // A key, so the API-keys page shows its table (and its phone cards) rather than only the empty state.
  await page.goto(`${server.url}/portal/api-keys`);
  await page.fill('#k-name', 'Nightly sync');
  await page.click('form[action="/portal/api-keys"] button[type=submit]');
}, 120_000);

afterAll(async () => {
  await context?.close();
  await browser?.close();
  await server?.close();
});

describe('portal look', () => {
  test('the sign-in and second-factor pages fit 320 px and have no axe violation', async () => {
    const visitor = await browser.newContext({ locale: 'en-GB', viewport: { width: 320, height: 800 } });
    const p = await visitor.newPage();
    const problems: string[] = [];
    for (const path of ['/portal/sign-in', '/fr/portal/sign-in']) {
      await p.goto(`${server.url}${path}`);
      const wide = await overflow(p);
      if (wide) problems.push(`${path} scrolls sideways: ${wide}`);
      const violations = await runAxe(p);
      if (violations.length) problems.push(`${path}: ${JSON.stringify(violations, null, 1)}`);
    }
    await p.goto(`${server.url}/portal/sign-in`);
    await p.fill('#email', colleague.email);
    await p.fill('#password', colleague.password);
    await p.click('form[action="/portal/sign-in"] button[type=submit]');
    expect(new URL(p.url()).pathname).toBe('/portal/mfa');
    await p.fill('#code', '000000');
    await p.click('form[action="/portal/mfa/totp"] button[type=submit]');
    // The refused code: the summary links to the field, which says what is wrong right above itself.
    expect(await p.locator('.error-summary a[href="#code"]').count()).toBe(1);
    expect(await p.locator('#code[aria-invalid=true]').count()).toBe(1);
    const wide = await overflow(p);
    if (wide) problems.push(`second factor scrolls sideways: ${wide}`);
    const violations = await runAxe(p);
    if (violations.length) problems.push(`second factor: ${JSON.stringify(violations, null, 1)}`);
    await visitor.close();
    expect(problems).toEqual([]);
  }, 60_000);

  test('the invite, enrolment and recovery-code pages fit 320 px and have no axe violation', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/portal/admin/users`);
    await page.fill('#name', 'Iris Invitee');
    await page.fill('#email', 'iris.invitee@agency.test');
    await page.click('form[action="/portal/admin/users"] button[type=submit]');
    const link = await page.inputValue('#invite-link');
    const invitee = await browser.newContext({ locale: 'en-GB', viewport: { width: 320, height: 800 } });
    const p = await invitee.newPage();
    const problems: string[] = [];
    const check = async (label: string) => {
      const wide = await overflow(p);
      if (wide) problems.push(`${label} scrolls sideways: ${wide}`);
      const violations = await runAxe(p);
      if (violations.length) problems.push(`${label}: ${JSON.stringify(violations, null, 1)}`);
    };
    await p.goto(link);
    await check('invite');
    await p.fill('#password', 'pebble lighthouse marmalade');
    await p.click('form[action="/portal/invite"] button[type=submit]');
    expect(new URL(p.url()).pathname).toBe('/portal/enrol');
    await check('enrolment');
    const secret = ((await p.textContent('code.secret')) ?? '').replace(/\s+/g, '');
    await p.fill('#code', totpCode(secret));
    await p.click('form[action="/portal/enrol"] button[type=submit]');
    expect(await p.locator('.recovery-codes li').count()).toBe(10);
    await check('recovery codes');
    await invitee.close();
    expect(problems).toEqual([]);
  }, 60_000);

  for (const width of [320, 390]) {
    test(`every portal page fits ${width} px (WCAG 1.4.10 reflow) and has no axe violation (WCAG 2.2 AA tags)`, async () => {
      await page.setViewportSize({ width, height: 800 });
      const problems: string[] = [];
      for (const path of pages()) {
        const res = await page.goto(`${server.url}${path}`);
        expect(res?.status(), path).toBe(200);
        const wide = await overflow(page);
        if (wide) problems.push(`${path} scrolls sideways: ${wide}`);
        const violations = await runAxe(page);
        if (violations.length) problems.push(`${path}: ${JSON.stringify(violations, null, 1)}`);
      }
      expect(problems).toEqual([]);
    }, 180_000);
  }

  test('on a phone, table rows become cards that name each value', async () => {
    await page.setViewportSize({ width: 390, height: 800 });
    await page.goto(`${server.url}/portal/admin/users`);
    const cell = page.locator('.data-table tbody tr').first().locator('td').nth(1);
    expect(await cell.getAttribute('data-label')).toBe('Email address');
    expect(await cell.evaluate((el) => (globalThis as unknown as { getComputedStyle(e: unknown, pseudo: string): { content: string } }).getComputedStyle(el, '::before').content)).toBe('"Email address"');
    expect(await page.locator('.data-table thead').evaluate((el) => (el as unknown as El).getBoundingClientRect().height)).toBeLessThanOrEqual(1);
  });

  test('at 1280 px the French header keeps one line: identity and languages on one row, every area and the sign-out on the band below', async () => {
    await page.setViewportSize({ width: 1280, height: 900 });
    await page.goto(`${server.url}/fr/portal`);
    const rows = await page.evaluate(() => {
      const d = (globalThis as unknown as { document: Doc }).document;
      const middles = (selector: string) => [...d.querySelectorAll(selector)].map((el) => Math.round((el.getBoundingClientRect().top + el.getBoundingClientRect().bottom) / 2));
      return { header: middles('.header-row > *'), bar: middles('.portal-bar .wrap > *'), nav: middles('.main-nav li'), tools: middles('.account-tools > *') };
    });
    expect(rows.nav.length).toBe(8);
    // Each row's parts share one centre line (to within a few pixels, for the logo and the button borders).
    for (const row of [rows.header, rows.bar, rows.nav, rows.tools]) expect(Math.max(...row) - Math.min(...row), JSON.stringify(rows)).toBeLessThanOrEqual(4);
  });

  test('the home page lists what this person can do, a link and a line for each', async () => {
    await page.goto(`${server.url}/portal`);
    const links = await page.locator('.tasks .task h3 a').evaluateAll((els) => els.map((el) => (el as unknown as { getAttribute(n: string): string | null }).getAttribute('href')));
    expect(links).toEqual(['/portal/admin/users', '/portal/admin/agencies', '/portal/audit', '/portal/requests', '/portal/notices', '/portal/api-keys', '/portal/account']);
    expect(await page.locator('.tasks .task p').count()).toBe(7);
  });

  test('the audit trail names people and agencies, labels actions, filters by picking, and verifies the chain', async () => {
    await page.goto(`${server.url}/portal/audit`);
    await page.fill('#f-purpose', 'look review');
    await page.selectOption('#f-userId', lead.id);
    await page.selectOption('#f-action', 'signin.success');
    await page.click('form[action="/portal/audit"] button[type=submit]');
    const rows = page.locator('.data-table tbody tr');
    expect(await rows.count()).toBeGreaterThan(0);
    const first = rows.first();
    await expect(first.locator('td[data-label="User"]').textContent()).resolves.toBe(lead.name);
    await expect(first.locator('td[data-label="Action"]').textContent()).resolves.toContain('Signed in');
    await expect(first.locator('td[data-label="Agency"] abbr').count()).resolves.toBe(1);

    await page.click('form[action="/portal/audit/verify"] button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/portal/audit/verify');
    await expect(page.locator('.notice h2').textContent()).resolves.toBe('The audit trail is intact');
    const violations = await runAxe(page);
    expect(violations).toEqual([]);
  });

  test('the account page names each session’s browser and system in words', async () => {
    await page.goto(`${server.url}/portal/account`);
    await expect(page.locator('td[data-label="Browser and system"]').first().textContent()).resolves.toMatch(/^Chrome on Linux/);
  });

  test('a second key with a name already held is refused on the form, with the name field marked', async () => {
    await page.goto(`${server.url}/portal/api-keys`);
    await page.fill('#k-name', ' nightly SYNC ');
    const answer = page.waitForResponse((r) => r.request().method() === 'POST');
    await page.click('form[action="/portal/api-keys"] button[type=submit]');
    expect((await answer).status()).toBe(400);
    await expect(page.locator('.error-summary a[href="#k-name"]').textContent()).resolves.toContain('Nightly sync');
    expect(await page.locator('#k-name[aria-invalid=true]').count()).toBe(1);
    expect(await page.locator('.data-table tbody tr').count()).toBe(1);
    expect(await runAxe(page)).toEqual([]);
  });

  test('screenshots of the portal home and the audit page at 390 and 1280 px', async () => {
    mkdirSync(SHOTS, { recursive: true });
    for (const width of [390, 1280]) {
      await page.setViewportSize({ width, height: 900 });
      for (const [name, path] of [['portal-home', '/portal'], ['portal-audit', '/portal/audit?purpose=look%20review'], ['portal-parts', '/portal/parts']] as const) {
        await page.goto(`${server.url}${path}`);
        const file = join(SHOTS, `${name}-${width}.png`);
        await page.screenshot({ path: file, fullPage: true });
        expect((await sharp(file).metadata()).width).toBe(width);
      }
    }
  });
});
