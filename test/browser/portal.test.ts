/** The portal in real Chromium: sign-in with password and TOTP, invite and TOTP enrolment, sign-out, and WCAG 2.2 AA by axe-core. */
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, runAxe, startServer, type TestServer } from '../support/browser.ts';
import { makeAgency, makeUser, totpCode, type TestUser } from '../portal-support.ts';

let server: TestServer;
let browser: Browser;
let admin: TestUser;
let agencyId: string;

beforeAll(async () => {
  [server, browser] = await Promise.all([startServer({ DEMO_DATA: 'false' }), launchBrowser()]);
  agencyId = (await makeAgency(server.platform, { isOffice: true, country: 'BE' })).id;
  admin = await makeUser(server.platform, agencyId, ['admin']);
});

afterAll(async () => {
  await browser?.close();
  await server?.close();
});

async function expectAccessible(page: Page, label: string): Promise<void> {
  const violations = await runAxe(page);
  expect(violations, `${label}: ${JSON.stringify(violations, null, 1)}`).toEqual([]);
}

async function newPage(): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ locale: 'en-GB', viewport: { width: 1280, height: 900 } });
  return { context, page: await context.newPage() };
}

describe('portal in a browser', () => {
  test('sign-in with password and TOTP, administration pages, sign-out — all without axe violations', async () => {
    const { context, page } = await newPage();
    await page.goto(`${server.url}/portal`);
    expect(new URL(page.url()).pathname).toBe('/portal/sign-in');
    await expectAccessible(page, 'sign-in');

    await page.fill('#email', admin.email);
    await page.fill('#password', 'not the password at all');
    await page.click('button[type=submit]');
    await expect(page.locator('.error-summary').textContent()).resolves.toContain('not correct');
    await expectAccessible(page, 'sign-in error');

    await page.fill('#email', admin.email);
    await page.fill('#password', admin.password);
    await page.click('button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/portal/mfa');
    await expectAccessible(page, 'second factor');
    await page.fill('#code', totpCode(admin.totpSecret));
    await page.click('form[action="/portal/mfa/totp"] button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/portal');
    await expect(page.locator('h1').textContent()).resolves.toContain(admin.name);
    await expectAccessible(page, 'home');

    for (const path of ['/portal/account', '/portal/admin/users', '/portal/admin/agencies', '/fr/portal/account', '/portal/reauth']) {
      await page.goto(`${server.url}${path}`);
      expect(new URL(page.url()).pathname).toBe(path);
      await expectAccessible(page, path);
    }

    await page.goto(`${server.url}/portal/admin/users`);
    await page.fill('#name', 'Brigitte Browser');
    await page.fill('#email', 'brigitte@agency.test');
    await page.click('form[action="/portal/admin/users"] button[type=submit]');
    const link = await page.inputValue('#invite-link');
    expect(link).toMatch(/\/portal\/invite\/[A-Za-z0-9_-]{43}$/);
    await expectAccessible(page, 'invite link');

    // The invitee, in a browser of their own: password, then authenticator enrolment, then recovery codes.
    const invitee = await newPage();
    await invitee.page.goto(link);
    await expectAccessible(invitee.page, 'invite');
    await invitee.page.fill('#password', 'pebble lighthouse marmalade');
    await invitee.page.click('button[type=submit]');
    expect(new URL(invitee.page.url()).pathname).toBe('/portal/enrol');
    await expectAccessible(invitee.page, 'enrolment');
    const secret = ((await invitee.page.textContent('code.secret')) ?? '').replace(/\s+/g, '');
    expect(await invitee.page.locator('img[src^="data:image/svg+xml;base64,"]').count()).toBe(1);
    await invitee.page.fill('#code', totpCode(secret));
    await invitee.page.click('form[action="/portal/enrol"] button[type=submit]');
    expect(await invitee.page.locator('.recovery-codes li').count()).toBe(10);
    await expectAccessible(invitee.page, 'recovery codes');
    await invitee.page.click('main a');
    await expect(invitee.page.locator('h1').textContent()).resolves.toContain('Brigitte Browser');
    await invitee.context.close();

    await page.goto(`${server.url}/portal`);
    await page.click('form[action="/portal/sign-out"] button');
    expect(new URL(page.url()).pathname).toBe('/portal/sign-in');
    await expect(page.locator('.notice').textContent()).resolves.toContain('signed out');
    await page.goto(`${server.url}/portal/account`);
    expect(new URL(page.url()).pathname).toBe('/portal/sign-in');
    await context.close();
  });

  test('audit trail and API key pages — without axe violations', async () => {
    const user = await makeUser(server.platform, agencyId, ['officer', 'auditor']);
    const { context, page } = await newPage();
    await page.goto(`${server.url}/portal/sign-in`);
    await page.fill('#email', user.email);
    await page.fill('#password', user.password);
    await page.click('button[type=submit]');
    await page.fill('#code', totpCode(user.totpSecret));
    await page.click('form[action="/portal/mfa/totp"] button[type=submit]');
    expect(new URL(page.url()).pathname).toBe('/portal');

    await page.goto(`${server.url}/portal/audit`);
    await expectAccessible(page, 'audit form');
    await page.fill('#f-purpose', 'browser test review');
    await page.click('form[action="/portal/audit"] button[type=submit]');
    expect(await page.locator('tbody tr').count()).toBeGreaterThan(0);
    await expectAccessible(page, 'audit entries');

    await page.goto(`${server.url}/portal/api-keys`);
    await expectAccessible(page, 'api keys');
    await page.fill('#k-name', 'browser test key');
    await page.click('form[action="/portal/api-keys"] button[type=submit]');
    await expect(page.locator('code.secret').textContent()).resolves.toMatch(/^lsn_/);
    await expectAccessible(page, 'api key created');
    await context.close();
  });
});
