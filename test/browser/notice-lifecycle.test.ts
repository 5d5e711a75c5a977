/**
 * The notice lifecycle in real Chromium, as its people use it: an officer drafts and submits a request with a photo, a
 * reviewer asks for changes, the officer fixes it, the reviewer approves, the public page shows the consented extract,
 * the officer withdraws it and the public page answers 410. Every workflow page is checked with axe and for sideways
 * scrolling at 390 and 1280 px, and photographed for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, lookAt, SHOTS, signedInPage, startServer, type TestServer } from '../support/browser.ts';
import { makeAgency, makeUser, totpCode, type TestUser } from '../portal-support.ts';

let server: TestServer;
let browser: Browser;
let officer: TestUser;
let reviewer: TestUser;
const contexts: BrowserContext[] = [];
const problems: string[] = [];

const look = (p: Page, name: string): Promise<void> => lookAt(p, `lifecycle-${name}`, problems);

async function signedIn(user: TestUser): Promise<Page> {
  const p = await signedInPage(browser, server, user, totpCode);
  contexts.push(p.context());
  return p;
}

const portrait = (): Promise<Buffer> =>
  sharp({ create: { width: 600, height: 800, channels: 3, background: { r: 120, g: 130, b: 150 } } })
    .composite([{ input: Buffer.from('<svg width="600" height="800"><circle cx="300" cy="300" r="150" fill="#334"/><rect x="120" y="480" width="360" height="320" rx="120" fill="#334"/></svg>') }])
    .jpeg()
    .withExif({ IFD0: { Copyright: 'fictional test portrait' } })
    .toBuffer();

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [server, browser] = await Promise.all([startServer({ DEMO_DATA: 'false' }), launchBrowser()]);
  const office = await makeAgency(server.platform, { isOffice: true, country: 'BE' });
  const agency = await makeAgency(server.platform, { country: 'DE' });
  officer = await makeUser(server.platform, agency.id, ['officer']);
  reviewer = await makeUser(server.platform, office.id, ['reviewer']);
}, 120_000);

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

describe('a notice from request to withdrawal, in the browser', () => {
  test('drafted with a photo, changed on request, approved, public, withdrawn and gone', async () => {
    const o = await signedIn(officer);
    await o.goto(`${server.url}/portal/requests`);
    await look(o, 'requests-empty');
    await o.locator('form[action="/portal/requests"]').filter({ has: o.locator('input[name=kind][value=wanted]') }).locator('button').click();
    await o.waitForURL(/\/portal\/requests\/[0-9a-z]{26}\/edit$/);
    const id = new URL(o.url()).pathname.split('/')[3]!;

    // A date that is not a date comes back on the form with everything else as typed.
    await o.fill('#f-nationalReference', 'DE-BKA-2026-0417 (fictional)');
    await o.fill('#f-familyName', 'Shevchenko');
    await o.fill('#f-forename', 'Taras');
    await o.selectOption('#f-sex', 'M');
    await o.fill('#f-dateOfBirth', '1979-02-30');
    await o.selectOption('#f-nationalities-0', 'UA');
    await o.selectOption('#f-warrants-0-issuingCountry', 'DE');
    await o.selectOption('#f-warrants-0-crimeCategory', 'organised_armed_robbery');
    await o.fill('#f-warrants-0-charge', 'Armed robbery of a fictional bank');
    await o.fill('#f-warrants-0-warrantDate', '2025-11-03');
    await o.check('#f-publicExtract-consent');
    await o.check('#f-public-photos');
    await o.check('#f-public-dateOfBirth');
    await o.click('button[name=intent][value=save] >> nth=0');
    await o.locator('#f-dateOfBirth[aria-invalid=true]').waitFor();
    expect(await o.inputValue('#f-familyName')).toBe('Shevchenko');
    await look(o, 'edit-refused');

    await o.fill('#f-dateOfBirth', '1979-03-09');
    await o.setInputFiles('#f-photo', { name: 'portrait.jpg', mimeType: 'image/jpeg', buffer: await portrait() });
    await o.click('button[name=intent][value=upload]');
    // Re-encoding takes a moment on a busy machine: wait for the page that shows the photo.
    await o.locator('#f-photos img').waitFor({ timeout: 60_000 });
    expect(await o.locator('#f-photos img').count()).toBe(1);
    // Submitting without the warrant's authority is refused, the problem named on the field.
    await o.click('button[name=intent][value=submit]');
    await o.locator('#f-warrants-0-warrantAuthority[aria-invalid=true]').waitFor();
    await look(o, 'edit-not-ready');
    await o.fill('#f-warrants-0-warrantAuthority', 'Fictional District Court');
    await o.click('button[name=intent][value=submit]');
    await o.waitForURL(`${server.url}/portal/requests/${id}?submitted=1`);
    await look(o, 'submitted');

    const r = await signedIn(reviewer);
    await r.goto(`${server.url}/portal/review`);
    expect(await r.locator(`a[href="/portal/requests/${id}/review"], a[href="/portal/requests/${id}"]`).count()).toBeGreaterThan(0);
    await look(r, 'queue');
    await r.goto(`${server.url}/portal/requests/${id}/review`);
    await look(r, 'review');
    await r.fill('#rv-comment', 'Please give the legal reference of the warrant.');
    await r.check('#rv-decision-request_changes');
    await r.click('form.review-form button[type=submit]');
    await r.waitForURL((url) => url.pathname === '/portal/review');

    await o.goto(`${server.url}/portal/requests/${id}`);
    expect(await o.textContent('body')).toContain('Please give the legal reference of the warrant.');
    await look(o, 'changes-requested');
    await o.goto(`${server.url}/portal/requests/${id}/edit`);
    await o.fill('#f-warrants-0-legalReference', 'Section 250 of the fictional penal code');
    await o.click('button[name=intent][value=submit]');
    await o.waitForURL(`${server.url}/portal/requests/${id}?submitted=1`);

    await r.goto(`${server.url}/portal/requests/${id}/review`);
    expect(await r.textContent('body')).toContain('Section 250 of the fictional penal code');
    for (const item of ['neutral_character', 'human_rights', 'data_quality', 'serious_offence']) await r.check(`#rv-check-${item}`);
    await r.check('#rv-decision-approve');
    await r.click('form.review-form button[type=submit]');
    await r.waitForURL((url) => url.pathname === '/portal/review');

    await o.goto(`${server.url}/portal/requests/${id}`);
    const thumb = await o.locator('.request-photos img').first().getAttribute('src');
    const image = await o.request.get(`${server.url}${thumb}`);
    expect([image.status(), image.headers()['content-type']]).toEqual([200, 'image/jpeg']);
    await look(o, 'published');
    const publicLink = o.locator('a[href^="/notices/"]').first();
    const href = await publicLink.getAttribute('href');
    expect(href).toMatch(/^\/notices\/\d{4}-\d{5}$/);

    const visitor = await browser.newContext({ locale: 'en-GB', viewport: { width: 390, height: 900 } });
    contexts.push(visitor);
    const v = await visitor.newPage();
    const shown = await v.goto(`${server.url}${href}`);
    expect(shown?.status()).toBe(200);
    const text = (await v.textContent('main')) ?? '';
    expect(text).toMatch(/SHEVCHENKO|Shevchenko/);
    expect(text).not.toContain('Fictional District Court');
    expect(text).not.toContain('DE-BKA-2026-0417');
    expect(await v.locator('main img[src*="/images/"], main img[src*="/photos/"]').count()).toBeGreaterThan(0);
    await look(v, 'public-notice');

    await o.goto(`${server.url}/portal/requests/${id}`);
    await o.click('.withdraw-box summary');
    await o.selectOption('#w-reason', 'arrested');
    await o.fill('#w-note', 'Arrested on a fictional warrant.');
    await o.click('.withdraw-box button[type=submit]');
    await o.waitForURL((url) => url.pathname === `/portal/requests/${id}` && url.search.includes('done=withdrawn'));
    await look(o, 'withdrawn');

    const gone = await v.goto(`${server.url}${href}`);
    expect(gone?.status()).toBe(410);
    expect((await v.textContent('main')) ?? '').not.toContain('Shevchenko');
    await look(v, 'public-gone');

    expect(problems).toEqual([]);
  }, 240_000);
});
