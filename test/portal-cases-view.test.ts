/**
 * The portal's page of one case and every step on it, over HTTP: the recipient opens it (receipt, cross-check hits
 * across scripts), acknowledges, replies with an image; the originator reads the answer and closes; H2 stops a forward
 * until the originator permits it; the print carries the H1 restriction; readers outside the case state a purpose, and
 * an agency outside it finds nothing.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import type { HandlingCode, Urgency } from '../src/core/cases.ts';
import type { Principal, Role } from '../src/core/principal.ts';
import { principalOf } from '../src/core/session-policy.ts';
import { eraseExpiredCases } from '../src/services/cases/case-retention.ts';
import { closeCase } from '../src/services/cases/change-case.ts';
import { openCase } from '../src/services/cases/open-case.ts';
import { getAgency, getUser } from '../src/storage/repositories/accounts.ts';
import { listAudit } from '../src/storage/repositories/audit.ts';
import { getCase, listAttachments, listMessages, listReceipts } from '../src/storage/repositories/cases.ts';
import { createNotice, wantedInput } from './api-support.ts';
import { Client, csrfIn, makeAgency, makeUser, openTestPlatform, type TestUser } from './portal-support.ts';

let p: Platform;
let office: { id: string; code: string };
let de: { id: string; code: string };
let ua: { id: string; code: string };
let nl: { id: string; code: string };
let fr: { id: string; code: string };
let noticeReference: string;

type Person = { u: TestUser; c: Client; who: Principal };

async function signedIn(agencyId: string, roles: Role[]): Promise<Person> {
  const u = await makeUser(p, agencyId, roles);
  const c = new Client(p);
  await c.signIn(u);
  const user = await getUser(p.store.db, u.id);
  const agency = await getAgency(p.store.db, agencyId);
  return { u, c, who: principalOf(user!, agency!, 'test') };
}

let deOfficer: Person;
let uaOfficer: Person;
let nlOfficer: Person;
let frOfficer: Person;
let liaison: Person;

beforeAll(async () => {
  p = await openTestPlatform();
  office = await makeAgency(p, { isOffice: true, country: 'BE' });
  de = await makeAgency(p, { country: 'DE' });
  ua = await makeAgency(p, { country: 'UA' });
  nl = await makeAgency(p, { country: 'NL' });
  fr = await makeAgency(p, { country: 'FR' });
  // A published notice in Latin script; the case will name the same man in Cyrillic only.
  const notice = await createNotice(p.store.db, wantedInput());
  noticeReference = notice.reference;
  deOfficer = await signedIn(de.id, ['officer']);
  uaOfficer = await signedIn(ua.id, ['officer']);
  nlOfficer = await signedIn(nl.id, ['officer']);
  frOfficer = await signedIn(fr.id, ['officer']);
  liaison = await signedIn(office.id, ['liaison']);
});
afterAll(async () => p.close());

const message = (handlingCode: HandlingCode, body: string) => ({ body, handlingCode, restriction: '', sourceGrade: 'B', informationGrade: '2' });

async function caseFrom(
  who: Principal,
  to: string[],
  opts: { subject?: string; urgency?: Urgency; handlingCode?: HandlingCode; body?: string; entities?: unknown[]; now?: Date } = {},
) {
  return openCase(
    p.store.db,
    p.deps.noticeIndex,
    who,
    {
      kind: 'request',
      subject: opts.subject ?? 'Armed robbery suspect seen near Lviv',
      nationalReference: 'BKA-ST-2026-117',
      crimeArea: 'organised_property_crime',
      urgency: opts.urgency ?? 'urgent',
      recipientAgencyIds: to,
      entities: opts.entities ?? [],
      message: message(opts.handlingCode ?? 'H0', opts.body ?? 'Please confirm whether this man is known to you.'),
    },
    opts.now ?? new Date(),
  );
}

const jpeg = async (): Promise<Uint8Array> =>
  Uint8Array.from(await sharp({ create: { width: 320, height: 240, channels: 3, background: { r: 40, g: 90, b: 160 } } }).jpeg().toBuffer());

/** Posts the reply form as a browser does: multipart, with the page's CSRF token and the file. */
async function reply(person: Person, caseId: string, fields: Record<string, string>, file?: { bytes: Uint8Array; name: string; type: string }): Promise<Response> {
  const form = new FormData();
  form.append('_csrf', csrfIn(await person.c.page(`/portal/cases/${caseId}`)));
  for (const [k, v] of Object.entries(fields)) form.append(k, v);
  if (file) form.append('attachment', new File([file.bytes], file.name, { type: file.type }));
  return person.c.request(`/portal/cases/${caseId}/messages`, { method: 'POST', body: form });
}

/** Posts one of the page's step forms with the page's own token. */
async function step(person: Person, caseId: string, path: string, form: Record<string, string>, page = `/portal/cases/${caseId}`): Promise<Response> {
  return person.c.post(`/portal/cases/${caseId}/${path}`, form, { tokenFrom: page });
}

describe('a case from opening to closing, in the portal', () => {
  let id: string;
  let reference: string;
  let attachmentId: string;

  beforeAll(async () => {
    const c = await caseFrom(deOfficer.who, [ua.id], { entities: [{ type: 'person', familyName: 'Шевченко', forename: 'Тарас', dateOfBirth: '1980-03-09' }] });
    id = c.id;
    reference = c.reference;
  });

  it('shows the recipient the case with its deadline, participants and the notice the Cyrillic name matches, and records the receipt', async () => {
    const html = await uaOfficer.c.page(`/portal/cases/${id}`);
    expect(html).toContain(`${reference}: Armed robbery suspect seen near Lviv`);
    expect(html).toContain('Urgent');
    expect(html).toMatch(/\d+ hours? \d+ minutes? left|\d+ minutes? left/);
    expect(html).toContain(`Test agency ${de.code}`);
    expect(html).toContain('Not yet');
    // The cross-check: the person as named in the case, and the published notice in Latin script it found.
    expect(html).toContain('Тарас Шевченко');
    expect(html).toContain(noticeReference);
    expect(html).toContain('Taras Shevchenko');
    expect(html).toMatch(/\d+\s?%/);
    expect(html).toContain('Acknowledge receipt');
    expect(html).toContain('H0: for law-enforcement use only.');
    const receipts = await listReceipts(p.store.db, id);
    expect(receipts.map((r) => r.userId)).toEqual([uaOfficer.u.id]);
  });

  it('lets the recipient acknowledge, then shows who acknowledged and no second button', async () => {
    const res = await step(uaOfficer, id, 'acknowledge', {});
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/portal/cases/${id}?done=acknowledged`);
    const html = await uaOfficer.c.page(`/portal/cases/${id}?done=acknowledged`);
    expect(html).toContain('Receipt acknowledged');
    expect(html).toContain(`By ${uaOfficer.u.name},`);
    expect(html).not.toContain('>Acknowledge receipt</button>');
  });

  it('sends the reply with its image in one form, and serves the image to the participants', async () => {
    const first = (await listMessages(p.store.db, id))[0]!;
    const res = await reply(
      uaOfficer,
      id,
      { body: 'Known to us: <b>arrested</b> in Lviv on 3 March.\nDetails follow.', handlingCode: 'H1', restriction: '', sourceGrade: 'A', informationGrade: '1', replyTo: first.id },
      { bytes: await jpeg(), name: 'lviv-arrest.jpg', type: 'image/jpeg' },
    );
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/portal/cases/${id}?done=replied`);
    const attachments = await listAttachments(p.store.db, id);
    expect(attachments).toHaveLength(1);
    attachmentId = attachments[0]!.id;
    const html = await uaOfficer.c.page(`/portal/cases/${id}?done=replied`);
    expect(html).toContain('Your message was sent');
    // Escaped, never markup; the handling code as a label with its notice; the grades with their meaning.
    expect(html).toContain('Known to us: &lt;b&gt;arrested&lt;/b&gt; in Lviv');
    expect(html).toContain('H1: not to be used in judicial proceedings without the permission of the originator.');
    expect(html).toContain('Source: A (Reliable)');
    expect(html).toContain(`href="#m-${first.id}"`);
    expect(html).toContain('alt="lviv-arrest.jpg"');
    const thumb = await uaOfficer.c.get(`/portal/cases/${id}/attachments/${attachmentId}/thumb?purpose=${encodeURIComponent(`case ${reference}`)}`);
    expect(thumb.status).toBe(200);
    expect(thumb.headers.get('content-type')).toBe('image/jpeg');
    expect(thumb.headers.get('cache-control')).toBe('no-store');
    const large = await deOfficer.c.get(`/portal/cases/${id}/attachments/${attachmentId}/large`);
    expect(large.status).toBe(200);
    expect((await sharp(new Uint8Array(await large.arrayBuffer())).metadata()).format).toBe('jpeg');
  });

  it('keeps the message when its attachment is refused, and says why', async () => {
    const res = await reply(uaOfficer, id, { body: 'The scan as a text file.', handlingCode: 'H0', sourceGrade: 'X', informationGrade: '4' }, {
      bytes: new TextEncoder().encode('not an image at all'),
      name: 'scan.txt',
      type: 'text/plain',
    });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('Your message was sent, but the image was not added');
    expect(html).toContain('The scan as a text file.');
    expect((await listMessages(p.store.db, id)).map((m) => m.body)).toContain('The scan as a text file.');
    expect(await listAttachments(p.store.db, id)).toHaveLength(1);
  });

  it('gives a refused reply back with what was typed and the problem beside the field', async () => {
    const before = (await listMessages(p.store.db, id)).length;
    const res = await reply(uaOfficer, id, { body: 'Restricted, but the restriction was forgotten.', handlingCode: 'H3', restriction: '', sourceGrade: 'B', informationGrade: '3' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('State the restriction: H3 information needs it in words.');
    expect(html).toContain('href="#r-restriction"');
    expect(html).toContain('Restricted, but the restriction was forgotten.');
    expect(html).toMatch(/id="r-handlingCode-H3"[^>]*checked/);
    expect(await listMessages(p.store.db, id)).toHaveLength(before);
  });

  it('shows the originator the answer and who opened the case, and lets it close the case', async () => {
    const html = await deOfficer.c.page(`/portal/cases/${id}`);
    expect(html).toContain('Answered');
    expect(html).toContain('answered in time');
    expect(html).toContain('Known to us: &lt;b&gt;arrested&lt;/b&gt; in Lviv');
    expect(html).toContain(`Opened by ${uaOfficer.u.name} (Test agency ${ua.code} (${ua.code})) on`);
    expect(html).not.toContain('Acknowledge receipt');
    const res = await step(deOfficer, id, 'close', { outcome: 'closed' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/portal/cases/${id}?done=closed`);
    expect((await getCase(p.store.db, id))?.status).toBe('closed');
    const after = await deOfficer.c.page(`/portal/cases/${id}?done=closed`);
    expect(after).toContain('The case is closed');
    expect(after).not.toContain('Send the message');
  });

  it('shows an agency outside the case nothing: not the page, the print or the attachment', async () => {
    expect((await frOfficer.c.get(`/portal/cases/${id}`)).status).toBe(404);
    expect((await frOfficer.c.get(`/portal/cases/${id}/print`)).status).toBe(404);
    const image = await frOfficer.c.get(`/portal/cases/${id}/attachments/${attachmentId}/large?purpose=curiosity%20only`);
    expect(image.status).toBe(404);
    expect(image.headers.get('content-type')).not.toBe('image/jpeg');
    const body = await (await frOfficer.c.get(`/portal/cases/${id}`)).text();
    expect(body).not.toContain(reference);
    expect(body).not.toContain('Lviv');
  });
});

describe('a recipient refuses a case', () => {
  it('needs the reason, and shows it once refused', async () => {
    const c = await caseFrom(deOfficer.who, [nl.id], { subject: 'Counterfeit parts' });
    const empty = await step(nlOfficer, c.id, 'close', { outcome: 'refused', reason: '  ' });
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('Give the reason: it is recorded and read by the other agencies.');
    expect((await getCase(p.store.db, c.id))?.status).toBe('open');
    const res = await step(nlOfficer, c.id, 'close', { outcome: 'refused', reason: 'Outside our competence: customs matter.' });
    expect(res.headers.get('location')).toBe(`/portal/cases/${c.id}?done=refused`);
    const html = await deOfficer.c.page(`/portal/cases/${c.id}`);
    expect(html).toContain('Refused');
    expect(html).toContain('Outside our competence: customs matter.');
  });
});

describe('deadlines on the page', () => {
  it('marks an overdue case with a banner for the recipient, in words, and not for the originator', async () => {
    const c = await caseFrom(deOfficer.who, [ua.id], { subject: 'Late one', now: new Date(Date.now() - 10 * 3600_000) });
    const recipient = await uaOfficer.c.page(`/portal/cases/${c.id}`);
    expect(recipient).toContain('<h2>Overdue</h2>');
    expect(recipient).toMatch(/overdue by 2 hours/);
    const originator = await deOfficer.c.page(`/portal/cases/${c.id}`);
    expect(originator).not.toContain('<h2>Overdue</h2>');
    expect(originator).toMatch(/overdue by 2 hours/);
  });

  it('says the case was opened after the form sent the officer here', async () => {
    const c = await caseFrom(deOfficer.who, [ua.id], { subject: 'Just opened' });
    const html = await deOfficer.c.page(`/portal/cases/${c.id}?opened=1`);
    expect(html).toContain('The case is open');
    expect(html).toContain('The recipients have been notified.');
  });
});

describe('H2 information and the office forwarding a case', () => {
  it('refuses the forward on the page, naming the H2 message, until the originator permits it', async () => {
    const c = await caseFrom(deOfficer.who, [office.id], { subject: 'Route to the Netherlands', handlingCode: 'H2', body: 'Source protected: do not pass on.' });
    const [h2] = await listMessages(p.store.db, c.id);
    const page = await liaison.c.page(`/portal/cases/${c.id}`);
    expect(page).toContain('Forward the case');
    expect(page).toContain('1 message is marked H2');
    const refused = await step(liaison, c.id, 'forward', { agencyId: nl.id });
    expect(refused.status).toBe(409);
    const html = await refused.text();
    expect(html).toContain(`The case was not forwarded to Test agency ${nl.code}`);
    expect(html).toContain('not to be disseminated further without the permission of the originator');
    expect(html).toContain(`href="#m-${h2!.id}"`);
    expect(html).toContain('Source protected: do not pass on.');
    expect((await getCase(p.store.db, c.id))?.participants.map((x) => x.agencyId)).not.toContain(nl.id);
    expect((await nlOfficer.c.get(`/portal/cases/${c.id}`)).status).toBe(404);

    // The originator's agency, author of the H2 message, permits the Netherlands; the forward then goes through.
    const ownPage = await deOfficer.c.page(`/portal/cases/${c.id}`);
    expect(ownPage).toContain('Permit further use of your information');
    const granted = await step(deOfficer, c.id, 'permissions', { messageId: h2!.id, agencyId: nl.id });
    expect(granted.headers.get('location')).toBe(`/portal/cases/${c.id}?done=granted`);
    expect(await deOfficer.c.page(`/portal/cases/${c.id}`)).toContain(`Permitted for Test agency ${nl.code} (${nl.code}) by ${deOfficer.u.name} on`);
    const forwarded = await step(liaison, c.id, 'forward', { agencyId: nl.id });
    expect(forwarded.status).toBe(303);
    expect(forwarded.headers.get('location')).toBe(`/portal/cases/${c.id}?done=forwarded`);
    const seen = await nlOfficer.c.page(`/portal/cases/${c.id}`);
    expect(seen).toContain('Source protected: do not pass on.');
    expect(seen).toContain('Forwarded to');
  });

  it('asks a liaison officer outside the case for a purpose first, and records the reading with it', async () => {
    const c = await caseFrom(deOfficer.who, [ua.id], { subject: 'Bilateral only' });
    const prompt = await liaison.c.get(`/portal/cases/${c.id}`);
    expect(prompt.status).toBe(200);
    const promptHtml = await prompt.text();
    expect(promptHtml).toContain('Why are you opening this case?');
    expect(promptHtml).not.toContain('Bilateral only');
    const tooShort = await liaison.c.get(`/portal/cases/${c.id}?purpose=x`);
    expect(tooShort.status).toBe(400);
    expect(await tooShort.text()).not.toContain('Bilateral only');
    const purpose = 'routing check OPS-2026-4';
    const html = await liaison.c.page(`/portal/cases/${c.id}?purpose=${encodeURIComponent(purpose)}`);
    expect(html).toContain('Bilateral only');
    expect(html).toContain(`Your consultation is recorded with the purpose: ${purpose}`);
    // The print link and the forward form carry the purpose on.
    expect(html).toContain(`/portal/cases/${c.id}/print?purpose=${encodeURIComponent(purpose)}`);
    expect(html).toContain(`name="purpose" value="${purpose}"`);
    const { entries } = await listAudit(p.store.db, { objectType: 'case', objectId: c.id, userId: liaison.u.id }, 1, 20);
    expect(entries.some((e) => e.action === 'consult' && e.purpose === purpose)).toBe(true);
    // Not participating, it leaves no receipt.
    expect((await listReceipts(p.store.db, c.id)).map((r) => r.userId)).not.toContain(liaison.u.id);
  });
});

describe('the printable copy', () => {
  it('carries the H1 restriction on top and each message its handling notice above its body', async () => {
    const c = await caseFrom(deOfficer.who, [ua.id], { subject: 'For intelligence only', handlingCode: 'H1', body: 'Telephone intercept summary.' });
    const html = await uaOfficer.c.page(`/portal/cases/${c.id}/print`);
    expect(html).toContain('Contains H1 information: not to be used in judicial proceedings without the permission of the originator');
    const notice = html.indexOf('H1: not to be used in judicial proceedings without the permission of the originator.');
    expect(notice).toBeGreaterThan(0);
    expect(notice).toBeLessThan(html.indexOf('Telephone intercept summary.'));
    expect(html).not.toContain('Send the message');
  });

  it('has no H1 banner when no message is H1, yet keeps every notice', async () => {
    const c = await caseFrom(deOfficer.who, [ua.id], { subject: 'Plain', handlingCode: 'H2', body: 'Vehicle sighting.' });
    const html = await uaOfficer.c.page(`/portal/cases/${c.id}/print`);
    expect(html).not.toContain('Contains H1 information');
    expect(html).toContain('H2: not to be disseminated further without the permission of the originator.');
  });
});

describe('retention on the page', () => {
  it('lets a liaison officer outside the case extend a closed case with a reason, keeping the purpose it read it with', async () => {
    const c = await caseFrom(deOfficer.who, [ua.id], { subject: 'Kept for the trial' });
    await closeCase(p.store.db, deOfficer.who, c.id, { outcome: 'closed', reason: '' }, new Date());
    const purpose = 'retention review RR-7';
    const page = `/portal/cases/${c.id}?purpose=${encodeURIComponent(purpose)}`;
    expect(await liaison.c.page(page)).toContain('Keep the case longer');
    // The originator's officer may not extend: the form is not offered to it.
    expect(await deOfficer.c.page(`/portal/cases/${c.id}`)).not.toContain('Keep the case longer');
    const short = await step(liaison, c.id, 'retention', { days: '30', reason: 'x', purpose }, page);
    expect(short.status).toBe(400);
    expect(await short.text()).toContain('Give the reason: it is recorded and read by the other agencies.');
    const before = (await getCase(p.store.db, c.id))?.reviewAt;
    const res = await step(liaison, c.id, 'retention', { days: '30', reason: 'Trial set for next spring', purpose }, page);
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe(`/portal/cases/${c.id}?done=retention_extended&purpose=${encodeURIComponent(purpose).replace(/%20/g, '+')}`);
    const after = await getCase(p.store.db, c.id);
    expect(Date.parse(after!.reviewAt!) - Date.parse(before!)).toBe(30 * 86_400_000);
    expect(await liaison.c.page(`/portal/cases/${c.id}?done=retention_extended&purpose=${encodeURIComponent(purpose)}`)).toContain('Trial set for next spring');
  });

  it('shows an erased case only as erased, with its reference', async () => {
    const c = await caseFrom(deOfficer.who, [ua.id], { subject: 'Soon forgotten', body: 'Details of the informant.' });
    await closeCase(p.store.db, deOfficer.who, c.id, { outcome: 'closed', reason: '' }, new Date());
    expect(await eraseExpiredCases(p.store.db, p.deps.photoStore, new Date(Date.now() + 200 * 86_400_000))).toBeGreaterThan(0);
    for (const path of [`/portal/cases/${c.id}`, `/portal/cases/${c.id}/print`]) {
      const html = await uaOfficer.c.page(path);
      expect(html).toContain(`Case ${c.reference} was erased at the end of its retention period`);
      expect(html).not.toContain('Soon forgotten');
      expect(html).not.toContain('Details of the informant.');
    }
  });
});

describe('the page in French', () => {
  it('speaks French, while the handling notice keeps the exchange\'s working language', async () => {
    const c = await caseFrom(deOfficer.who, [ua.id], { subject: 'Vol de fret', handlingCode: 'H2' });
    const html = await uaOfficer.c.page(`/fr/portal/cases/${c.id}`);
    expect(html).toContain('Accuser réception');
    expect(html).toContain('Envoyer le message');
    expect(html).toContain('H2: not to be disseminated further without the permission of the originator.');
    expect(html).toContain('action="/fr/portal/cases/');
  });
});
