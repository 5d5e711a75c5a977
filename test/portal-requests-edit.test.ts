import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import { Client, csrfIn, makeAgency, makeUser, openTestPlatform, type TestUser } from './portal-support.ts';

/** The fields of a wanted-person request as the form posts them, complete but for what a test leaves out or changes. */
const complete = {
  kind: 'wanted',
  nationalReference: 'BKA-2026-0042',
  familyName: 'Shevchenko',
  forename: 'Taras',
  sex: 'M',
  dateOfBirth: '1981-03',
  heightM: '1,82',
  nationalities: ['UA', ''],
  'aliases.0.familyName': '',
  'aliases.0.forename': '',
  'warrants.0.issuingCountry': 'DE',
  'warrants.0.crimeCategory': 'organised_armed_robbery',
  'warrants.0.charge': 'Bewaffneter Raub',
  'warrants.0.warrantDate': '2025-11-02',
  'warrants.0.warrantAuthority': 'Amtsgericht Köln',
};

const valueOf = (html: string, id: string): string | undefined => new RegExp(`id="${id}"[^>]*value="([^"]*)"`).exec(html)?.[1];

describe('portal: an officer drafts, corrects, illustrates and submits a notice request', () => {
  let p: Platform;
  let officer: TestUser;
  let stranger: TestUser;
  let c: Client;
  let other: Client;
  let id = '';
  let jpeg: Buffer;

  beforeAll(async () => {
    p = await openTestPlatform();
    const agency = await makeAgency(p, { country: 'DE' });
    const elsewhere = await makeAgency(p, { country: 'FR' });
    officer = await makeUser(p, agency.id, ['officer']);
    stranger = await makeUser(p, elsewhere.id, ['officer']);
    c = new Client(p);
    await c.signIn(officer);
    other = new Client(p);
    await other.signIn(stranger);
    jpeg = await sharp({ create: { width: 300, height: 400, channels: 3, background: { r: 120, g: 90, b: 60 } } }).jpeg().toBuffer();
  });
  afterAll(async () => p.close());

  const edit = () => `/portal/requests/${id}/edit`;

  /** Posts the photo form as a browser does: multipart, with the page's token and any typed fields. */
  async function upload(bytes: Uint8Array, type: string, fields: Record<string, string> = {}): Promise<Response> {
    const body = new FormData();
    body.append('_csrf', csrfIn(await c.page(edit())));
    for (const [k, v] of Object.entries(fields)) body.append(k, v);
    body.append('photo', new File([new Uint8Array(bytes)], 'photo.jpg', { type }));
    return c.request(`/portal/requests/${id}/photos`, { method: 'POST', body });
  }

  it('lists the agency’s requests and opens a draft from the list', async () => {
    const list = await c.page('/portal/requests');
    expect(list).toContain('New wanted-person request');
    expect(list).toContain('No requests yet');
    const created = await c.post('/portal/requests', { kind: 'wanted' }, { tokenFrom: '/portal/requests' });
    expect(created.status).toBe(303);
    const m = /^\/portal\/requests\/([0-9a-z]{26})\/edit$/.exec(created.headers.get('location') ?? '');
    expect(m).not.toBeNull();
    id = m![1]!;
    const form = await c.page(edit());
    expect(form).toContain('name="warrants.0.charge"');
    // A new warrant row starts with the agency's own country as the issuing one.
    expect(form).toMatch(/<option value="DE" selected/);
    expect(await c.page('/portal/requests')).toContain('(no name yet)');
  });

  it('gives the form back as typed, with each problem beside its field, and saves nothing', async () => {
    const res = await c.post(`/portal/requests/${id}`, { ...complete, dateOfBirth: '1981-13-40', heightM: 'tall', intent: 'save' }, { tokenFrom: edit() });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(valueOf(html, 'f-familyName')).toBe('Shevchenko');
    expect(valueOf(html, 'f-dateOfBirth')).toBe('1981-13-40');
    expect(valueOf(html, 'f-heightM')).toBe('tall');
    expect(html).toContain('Bewaffneter Raub');
    expect(html).toMatch(/id="f-dateOfBirth-error"[^>]*>[^<]*YYYY/);
    expect(html).toContain('id="f-heightM-error" class="field-error">Enter a number');
    expect(html).toContain('href="#f-dateOfBirth"');
    expect(html).toContain('href="#f-heightM"');
    expect(valueOf(await c.page(edit()), 'f-familyName')).toBe('');
    // A rule of the facts alone (no number the form could not read): the use case refuses, the form still comes back.
    const byRule = await c.post(`/portal/requests/${id}`, { ...complete, 'warrants.0.warrantDate': '2025-02-30', intent: 'save' }, { tokenFrom: edit() });
    expect(byRule.status).toBe(400);
    const again = await byRule.text();
    expect(valueOf(again, 'f-warrants-0-warrantDate')).toBe('2025-02-30');
    expect(again).toContain('href="#f-warrants-0-warrantDate"');
    expect(again).toMatch(/Warrant 1, Date of the warrant: is not a real date/);
    expect(valueOf(await c.page(edit()), 'f-familyName')).toBe('');
  });

  it('saves the corrected form, and "Save and check" lists what is still missing, linked to its field', async () => {
    const saved = await c.post(`/portal/requests/${id}`, { ...complete, 'warrants.0.warrantAuthority': '', intent: 'save' }, { tokenFrom: edit() });
    expect(saved.status).toBe(303);
    expect(saved.headers.get('location')).toBe(`${edit()}?saved=1`);
    const page = await c.page(`${edit()}?saved=1`);
    expect(page).toContain('Draft saved');
    expect(valueOf(page, 'f-dateOfBirth')).toBe('1981-03');
    expect(valueOf(page, 'f-heightM')).toBe('1.82');
    const checked = await c.post(`/portal/requests/${id}`, { ...complete, 'warrants.0.warrantAuthority': '', intent: 'check' }, { tokenFrom: edit() });
    expect(checked.status).toBe(200);
    const html = await checked.text();
    expect(html).toContain('href="#f-warrants-0-warrantAuthority"');
    expect(html).toContain('Warrant 1: Enter the authority that issued the warrant.');
  });

  it('adds a row on request, opening the page at it', async () => {
    const res = await c.post(`/portal/requests/${id}`, { ...complete, 'warrants.0.warrantAuthority': '', intent: 'add_warrant' }, { tokenFrom: edit() });
    expect(res.status).toBe(303);
    const to = res.headers.get('location') ?? '';
    expect(to).toBe(`${edit()}?saved=1&add=warrants#f-warrants-2-issuingCountry`);
    const page = await c.page(to.split('#')[0]!);
    expect(page).toContain('id="f-warrants-2-issuingCountry"');
    expect(page).not.toContain('id="f-warrants-3-issuingCountry"');
  });

  it('refuses a submission that is not ready, naming each problem on the form', async () => {
    const res = await c.post(`/portal/requests/${id}/submit`, {}, { tokenFrom: edit() });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Not submitted: 1 thing needs attention');
    expect(html).toContain('href="#f-warrants-0-warrantAuthority"');
    expect(html).toMatch(/id="f-warrants-0-warrantAuthority-error"/);
    expect(valueOf(html, 'f-familyName')).toBe('Shevchenko');
  });

  it('refuses a file that is not an image beside the photo field, and adds a real photo with what was typed', async () => {
    const bad = await upload(new TextEncoder().encode('<html>not a photo</html>'), 'image/jpeg');
    expect(bad.status).toBe(400);
    const refused = await bad.text();
    expect(refused).toContain('id="f-photos-error"');
    expect(refused).toContain('href="#f-photo"');

    const added = await upload(jpeg, 'image/jpeg', { ...complete, intent: 'upload', nationalities: 'UA' });
    expect(added.status).toBe(303);
    expect(added.headers.get('location')).toBe(`${edit()}?photo=added#f-photos`);
    const page = await c.page(`${edit()}?photo=added`);
    expect(page).toContain('Photo added');
    // The fields posted with the photo were saved first.
    expect(valueOf(page, 'f-warrants-0-warrantAuthority')).toBe('Amtsgericht Köln');
    const src = /<img src="([^"]+\/thumb)" alt="Photo 1 of the request"/.exec(page)?.[1];
    expect(src).toBeDefined();
    const image = await c.get(src!);
    expect(image.status).toBe(200);
    expect(image.headers.get('content-type')).toBe('image/jpeg');
    expect(image.headers.get('cache-control')).toContain('no-store');
    const bytes = new Uint8Array(await image.arrayBuffer());
    expect([bytes[0], bytes[1]]).toEqual([0xff, 0xd8]);
    expect((await other.get(src!)).status).toBe(404);
  });

  it('removes a photo', async () => {
    expect((await upload(jpeg, 'image/jpeg')).status).toBe(303);
    const before = await c.page(edit());
    expect(before).toContain('alt="Photo 2 of the request"');
    const remove = /formaction="(\/portal\/requests\/[0-9a-z]+\/photos\/[0-9a-z]+\/remove)"[^>]*>Remove photo 2/.exec(before)?.[1];
    expect(remove).toBeDefined();
    const res = await c.post(remove!, { ...complete, intent: 'remove' }, { tokenFrom: edit() });
    expect(res.status).toBe(303);
    const after = await c.page(edit());
    expect(after).toContain('alt="Photo 1 of the request"');
    expect(after).not.toContain('alt="Photo 2 of the request"');
  });

  it('gives back a form posted after the session ended, once the officer has signed in again', async () => {
    const token = csrfIn(await c.page(edit()));
    const cookie = [...c.cookies.keys()].find((k) => k.endsWith('liaison_session'))!;
    const session = c.cookies.get(cookie);
    expect((await c.post('/portal/sign-out', { _csrf: token })).status).toBe(303);
    // The browser still holds the ended session's cookie and the page it had open.
    c.cookies.set(cookie, session!);
    const late = await c.post(`/portal/requests/${id}`, { _csrf: token, ...complete, forename: 'Taras Hryhorovych', intent: 'save' });
    expect(late.status).toBe(303);
    expect(late.headers.get('location')).toContain('/portal/sign-in?expired=kept');
    c.cookies.delete(cookie);
    await c.signIn(officer, 1);
    const back = await c.page(edit());
    expect(back).toContain('Your last changes are back');
    expect(valueOf(back, 'f-forename')).toBe('Taras Hryhorovych');
    // Given back once: the saved copy shows again afterwards.
    expect(valueOf(await c.page(edit()), 'f-forename')).toBe('Taras');
  });

  it('hides the draft from another agency', async () => {
    expect((await other.get(edit())).status).toBe(404);
    expect((await other.post(`/portal/requests/${id}`, { ...complete, intent: 'save' }, { tokenFrom: '/portal/requests' })).status).toBe(404);
    expect(await other.page('/portal/requests')).not.toContain('Shevchenko');
  });

  it('submits the saved form, then sends the officer to the request’s page', async () => {
    const res = await c.post(`/portal/requests/${id}/submit`, { ...complete, intent: 'submit' }, { tokenFrom: edit() });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/portal/requests/${id}?submitted=1`);
    // In review there is nothing to edit: the form sends the officer to the request.
    const form = await c.get(edit());
    expect(form.status).toBe(303);
    expect(form.headers.get('location')).toBe(`/portal/requests/${id}`);
    const list = await c.page('/portal/requests?status=submitted');
    expect(list).toContain('Taras Shevchenko');
    expect(list).toContain('Waiting for review');
    expect(await c.page('/portal/requests?status=draft')).toContain('No request has this status');
    expect((await other.get(edit())).status).toBe(404);
  });
});
