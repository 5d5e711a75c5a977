/**
 * Case exchange in real Chromium: an officer in one country opens an urgent case to an agency in another; the
 * recipient sees it highlighted, acknowledges, replies with an attachment; the originator closes it. Every case page
 * is checked with axe and for sideways scrolling at 390 and 1280 px, and photographed for a person to look at.
 */
import { mkdirSync } from 'node:fs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, test } from 'vitest';
import { launchBrowser, lookAt, SHOTS, signedInPage, startServer, type TestServer } from '../support/browser.ts';
import { makeAgency, makeUser, totpCode, type TestUser } from '../portal-support.ts';

let server: TestServer;
let browser: Browser;
let originator: TestUser;
let recipient: TestUser;
let recipientAgency: string;
const contexts: BrowserContext[] = [];
const problems: string[] = [];

const look = (p: Page, name: string): Promise<void> => lookAt(p, `cases-${name}`, problems);

async function signedIn(user: TestUser): Promise<Page> {
  const p = await signedInPage(browser, server, user, totpCode);
  contexts.push(p.context());
  return p;
}

beforeAll(async () => {
  mkdirSync(SHOTS, { recursive: true });
  [server, browser] = await Promise.all([startServer({ DEMO_DATA: 'false' }), launchBrowser()]);
  await makeAgency(server.platform, { isOffice: true, country: 'BE' });
  const de = await makeAgency(server.platform, { country: 'DE' });
  const hr = await makeAgency(server.platform, { country: 'HR' });
  recipientAgency = hr.id;
  originator = await makeUser(server.platform, de.id, ['officer']);
  recipient = await makeUser(server.platform, hr.id, ['officer']);
}, 120_000);

afterAll(async () => {
  await Promise.all(contexts.map((c) => c.close()));
  await browser?.close();
  await server?.close();
});

describe('a case between two countries, in the browser', () => {
  test('opened urgent, seen highlighted, acknowledged, answered with an attachment, closed', async () => {
    const o = await signedIn(originator);
    await o.goto(`${server.url}/portal/cases`);
    await look(o, 'list-empty');
    await o.goto(`${server.url}/portal/cases/new`);
    await look(o, 'new');
    await o.check('#f-kind-request');
    await o.fill('#f-subject', 'Stolen lorries crossing at the border (fictional)');
    await o.fill('#f-nationalReference', 'DE-LKA-2026-118 (fictional)');
    await o.selectOption('#f-crimeArea', 'organised_property_crime');
    await o.check('#f-urgency-urgent');
    await o.check(`#f-recipient-${recipientAgency}`);
    await o.fill('#f-message-body', 'Two lorries reported stolen last night are thought to be heading south. Please check the crossings.');
    await o.check('#f-message-handlingCode-H1');
    await o.selectOption('#f-message-sourceGrade', 'B');
    await o.selectOption('#f-message-informationGrade', '2');
    await o.locator('button[name=intent][value=open]').last().click();
    await o.waitForURL(/\/portal\/cases\/[0-9a-z]{26}\?opened=1$/);
    const id = new URL(o.url()).pathname.split('/')[3]!;
    await look(o, 'opened');

    const r = await signedIn(recipient);
    await r.goto(`${server.url}/portal/cases`);
    const row = r.locator('tr', { has: r.locator(`a[href="/portal/cases/${id}"]`) });
    expect(await row.count()).toBe(1);
    expect((await row.textContent()) ?? '').toMatch(/urgent/i);
    await look(r, 'list-received');
    await r.click(`a[href="/portal/cases/${id}"]`);
    await r.waitForURL((url) => url.pathname === `/portal/cases/${id}`);
    await look(r, 'received');
    await r.click('form[action$="/acknowledge"] button[type=submit]');
    await r.waitForURL((url) => url.pathname === `/portal/cases/${id}` && url.search.includes('done='));
    await r.fill('#r-body', 'One of the lorries crossed at a fictional checkpoint at 04:10; photo attached.');
    await r.check('#r-handlingCode-H0');
    await r.selectOption('#r-sourceGrade', 'A');
    await r.selectOption('#r-informationGrade', '1');
    const photo = await sharp({ create: { width: 800, height: 600, channels: 3, background: '#6a7' } }).jpeg().withExif({ IFD0: { Copyright: 'fictional' } }).toBuffer();
    await r.setInputFiles('#r-attachment', { name: 'checkpoint.jpg', mimeType: 'image/jpeg', buffer: photo });
    await r.click('form.reply-form button[type=submit]');
    await r.waitForURL((url) => url.pathname === `/portal/cases/${id}` && url.search.includes('done='));
    await r.locator('img[alt="checkpoint.jpg"]').first().waitFor();
    await look(r, 'answered');

    await o.goto(`${server.url}/portal/cases/${id}`);
    expect((await o.textContent('main')) ?? '').toContain('One of the lorries crossed');
    await o.goto(`${server.url}/portal/cases/${id}/print`);
    expect((await o.textContent('main')) ?? '').toContain('H1: not to be used in judicial proceedings without the permission of the originator.');
    await look(o, 'print');
    await o.goto(`${server.url}/portal/cases/${id}`);
    await o.locator('form[action$="/close"] button[type=submit]').first().click();
    await o.waitForURL((url) => url.pathname === `/portal/cases/${id}` && url.search.includes('done='));
    await look(o, 'closed');
    await o.goto(`${server.url}/portal/notifications`);
    await look(o, 'notifications');

    expect(problems).toEqual([]);
  }, 240_000);
});
