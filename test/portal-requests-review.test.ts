/**
 * The portal's pages for reading, reviewing, withdrawing and searching notice requests, over HTTP: the queue, the
 * review form with its refusals kept on the form, four-eyes, the history the agency reads, consultations with a
 * purpose, the search across scripts, stage changes and withdrawal.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import type { Principal } from '../src/core/principal.ts';
import { principalOf } from '../src/core/session-policy.ts';
import { createNoticeRequest } from '../src/services/notice-requests/create-notice-request.ts';
import { saveNoticeRequest } from '../src/services/notice-requests/save-notice-request.ts';
import { submitNoticeRequest } from '../src/services/notice-requests/submit-notice-request.ts';
import { getAgency, getUser } from '../src/storage/repositories/accounts.ts';
import { getRequest } from '../src/storage/repositories/notice-requests.ts';
import { Client, csrfIn, makeAgency, makeUser, openTestPlatform, type TestUser } from './portal-support.ts';

let p: Platform;
let office: { id: string; code: string };
let agencyA: { id: string; code: string };
let agencyC: { id: string; code: string };

beforeAll(async () => {
  p = await openTestPlatform();
  office = await makeAgency(p, { isOffice: true, country: 'BE' });
  agencyA = await makeAgency(p, { country: 'DE' });
  agencyC = await makeAgency(p, { country: 'FR' });
});
afterAll(async () => p.close());

async function principal(u: TestUser): Promise<Principal> {
  const user = await getUser(p.store.db, u.id);
  const agency = await getAgency(p.store.db, u.agencyId);
  return principalOf(user!, agency!, 'test');
}

async function signedIn(agencyId: string, roles: Parameters<typeof makeUser>[2]): Promise<{ u: TestUser; c: Client; who: Principal }> {
  const u = await makeUser(p, agencyId, roles);
  const c = new Client(p);
  await c.signIn(u);
  return { u, c, who: await principal(u) };
}

const shevchenko = {
  kind: 'wanted' as const,
  nationalReference: 'DE-2025-0042',
  familyName: 'Shevchenko',
  forename: 'Taras',
  sex: 'M',
  dateOfBirth: '1981-03-09',
  nationalities: ['UA'],
  warrants: [{ issuingCountry: 'DE', charge: 'Betrug in Köln', crimeCategory: 'fraud', warrantDate: '2024-11-02', warrantAuthority: 'Amtsgericht Köln' }],
  publicExtract: { consent: true, fields: ['dateOfBirth'] },
};

/** A request drafted and submitted through the use cases, as an officer of its agency would. */
async function submitted(who: Principal, facts: Record<string, unknown> & { kind: 'wanted' | 'missing' } = shevchenko): Promise<string> {
  const r = await createNoticeRequest(p.store.db, who, facts, new Date());
  await submitNoticeRequest(p.store.db, p.deps.noticeIndex, who, r.id, new Date());
  return r.id;
}

const allChecked = ['neutral_character', 'human_rights', 'data_quality', 'serious_offence'];
const statusOf = async (id: string) => (await getRequest(p.store.db, id))?.status;

describe('reviewing a request in the portal', () => {
  let officer: Awaited<ReturnType<typeof signedIn>>;
  let reviewer: Awaited<ReturnType<typeof signedIn>>;
  let id: string;

  beforeAll(async () => {
    officer = await signedIn(agencyA.id, ['officer']);
    reviewer = await signedIn(office.id, ['reviewer']);
    id = await submitted(officer.who);
  });

  it('lists the request in the queue with its agency and how long it has waited', async () => {
    const html = await reviewer.c.page('/portal/review');
    expect(html).toContain(`href="/portal/requests/${id}/review"`);
    expect(html).toContain('Taras Shevchenko');
    expect(html).toContain(`Test agency ${agencyA.code}`);
    expect(html).toContain('less than an hour');
    expect(html).toContain('href="/portal/review" aria-current="page"');
    // An officer has no queue.
    expect((await officer.c.get('/portal/review')).status).toBe(403);
  });

  it('shows the version under review beside the form; an incomplete approval comes back with its errors and what was typed', async () => {
    const form = await reviewer.c.page(`/portal/requests/${id}/review`);
    expect(form).toContain('Betrug in Köln');
    expect(form).toContain('Offence serious enough');
    const res = await reviewer.c.post(`/portal/requests/${id}/review`, { _csrf: csrfIn(form), decision: 'approve', checklist: ['neutral_character'], comment: 'Looks fine so far' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('href="#rv-check-human_rights"');
    expect(html).toContain('Confirm this item of the checklist');
    expect(html).toContain('Looks fine so far</textarea>');
    expect(html).toMatch(/id="rv-check-neutral_character"[^>]*checked/);
    expect(html).not.toMatch(/id="rv-check-human_rights"[^>]*checked/);
    expect(html).toMatch(/id="rv-decision-approve"[^>]*checked/);
    expect(await statusOf(id)).toBe('submitted');
  });

  it('asks for changes with a comment; the officer reads it in the history', async () => {
    const form = await reviewer.c.page(`/portal/requests/${id}/review`);
    const noComment = await reviewer.c.post(`/portal/requests/${id}/review`, { _csrf: csrfIn(form), decision: 'request_changes', comment: '' });
    expect(noComment.status).toBe(400);
    expect(await noComment.text()).toContain('href="#rv-comment"');
    const res = await reviewer.c.post(`/portal/requests/${id}/review`, { _csrf: csrfIn(form), decision: 'request_changes', comment: 'Give the number of the arrest warrant.' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/portal/review?done=request_changes');
    expect(await statusOf(id)).toBe('changes_requested');
    const view = await officer.c.page(`/portal/requests/${id}`);
    expect(view).toContain('Give the number of the arrest warrant.');
    expect(view).toContain('Changes asked for');
    expect(view).toContain(reviewer.u.name);
    expect(view).toContain(`href="/portal/requests/${id}/edit"`);
  });

  it('approves the corrected version, showing what changed; all agencies then see the notice', async () => {
    await saveNoticeRequest(p.store.db, officer.who, id, { ...shevchenko, warrants: [{ ...shevchenko.warrants[0], legalReference: 'HB 12/24' }] }, new Date());
    await submitNoticeRequest(p.store.db, p.deps.noticeIndex, officer.who, id, new Date());
    const form = await reviewer.c.page(`/portal/requests/${id}/review`);
    expect(form).toContain('What version 2 changed since version 1');
    expect(form).toContain('HB 12/24');
    const res = await reviewer.c.post(`/portal/requests/${id}/review`, { _csrf: csrfIn(form), decision: 'approve', checklist: allChecked, comment: '' });
    expect(res.status).toBe(303);
    expect(await statusOf(id)).toBe('published');
    // Out of review, the reviewer's form says so rather than offering a decision.
    expect((await reviewer.c.get(`/portal/requests/${id}/review`)).status).toBe(409);
    const queue = await reviewer.c.page('/portal/review?done=approve');
    expect(queue).toContain('Approved: the notice now circulates.');
    expect(queue).not.toContain(`/portal/requests/${id}/review`);
  });

  it('asks another agency for a purpose before showing the notice, and records the consultation with it', async () => {
    const other = await signedIn(agencyC.id, ['officer']);
    const prompt = await other.c.page(`/portal/requests/${id}`);
    expect(prompt).toContain('name="purpose"');
    expect(prompt).not.toContain('Shevchenko');
    const refused = await other.c.get(`/portal/requests/${id}?purpose=${encodeURIComponent('!!')}`);
    expect(refused.status).toBe(400);
    const refusedHtml = await refused.text();
    expect(refusedHtml).toContain('field-error');
    expect(refusedHtml).not.toContain('Shevchenko');
    const purpose = 'Case FR-77 border check';
    const html = await other.c.page(`/portal/requests/${id}?purpose=${encodeURIComponent(purpose)}`);
    expect(html).toContain('Shevchenko');
    expect(html).toContain('Published');
    // Another agency may not take the agency's steps.
    expect(html).not.toContain(`/portal/requests/${id}/withdraw`);
    const audit = await p.store.db.selectFrom('audit_log').select(['purpose', 'user_id']).where('object_id', '=', id).where('action', '=', 'consult').execute();
    expect(audit).toContainEqual({ purpose, user_id: other.u.id });
  });

  it('finds the notice in the portal search by the name in Cyrillic, with a purpose', async () => {
    const other = await signedIn(agencyC.id, ['officer']);
    const first = await other.c.page('/portal/notices');
    expect(first).toContain('name="purpose"');
    expect(first).not.toContain('Shevchenko');
    const noPurpose = await other.c.get(`/portal/notices?purpose=&name=${encodeURIComponent('Шевченко')}`);
    expect(noPurpose.status).toBe(400);
    expect(await noPurpose.text()).not.toContain('Shevchenko');
    const purpose = 'Case FR-78 identity check';
    const html = await other.c.page(`/portal/notices?purpose=${encodeURIComponent(purpose)}&name=${encodeURIComponent('Шевченко')}&scope=circulating`);
    expect(html).toContain('Taras Shevchenko');
    expect(html).toContain(`href="/portal/requests/${id}?purpose=${encodeURIComponent(purpose).replace(/%20/g, '+')}"`);
    const bad = await other.c.get(`/portal/notices?purpose=${encodeURIComponent(purpose)}&ageMin=old`);
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('href="#s-ageMin"');
  });

  it('lets the agency start and discard an update, then withdraw; the withdrawn notice leaves other agencies', async () => {
    const view = await officer.c.page(`/portal/requests/${id}`);
    const start = await officer.c.post(`/portal/requests/${id}/stage`, { _csrf: csrfIn(view), change: 'start_update' });
    expect(start.status).toBe(303);
    expect(start.headers.get('location')).toBe(`/portal/requests/${id}/edit`);
    expect(await statusOf(id)).toBe('update_draft');
    const discard = await officer.c.post(`/portal/requests/${id}/stage`, { _csrf: csrfIn(view), change: 'discard_update' });
    expect(discard.headers.get('location')).toBe(`/portal/requests/${id}?done=discard_update`);
    expect(await statusOf(id)).toBe('published');
    const withdraw = await officer.c.post(`/portal/requests/${id}/withdraw`, { _csrf: csrfIn(view), reason: 'arrested', note: 'Arrested in Lyon' });
    expect(withdraw.status).toBe(303);
    const after = await officer.c.page(withdraw.headers.get('location')!);
    expect(after).toContain('Withdrawn: the notice no longer circulates');
    expect(after).toContain('Person arrested');
    expect(after).toContain('Arrested in Lyon');
    expect(after).not.toContain(`/portal/requests/${id}/withdraw`);
    const other = await signedIn(agencyC.id, ['officer']);
    expect((await other.c.get(`/portal/requests/${id}?purpose=${encodeURIComponent('Case FR-79 follow-up')}`)).status).toBe(404);
  });
});

describe('four-eyes on the review form', () => {
  it('refuses a reviewer who drafted the request, on the form, and keeps what they typed', async () => {
    const both = await signedIn(office.id, ['officer', 'reviewer']);
    const id = await submitted(both.who, { ...shevchenko, nationalReference: 'BE-2025-0007', familyName: 'Kowalczyk', forename: 'Anna', sex: 'F', nationalities: ['PL'] });
    const form = await both.c.page(`/portal/requests/${id}/review`);
    const res = await both.c.post(`/portal/requests/${id}/review`, { _csrf: csrfIn(form), decision: 'approve', checklist: allChecked, comment: 'My own request' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('another reviewer must decide on it');
    expect(html).toContain('href="#rv-decision-approve"');
    expect(html).toContain('My own request</textarea>');
    expect(await statusOf(id)).toBe('submitted');
    // The missing-person form does not ask whether the offence is serious.
    const missing = await submitted(both.who, {
      kind: 'missing',
      nationalReference: 'BE-2025-0008',
      familyName: 'Novak',
      forename: 'Petra',
      dateOfBirth: '2008-05-01',
      disappearance: { date: '2025-06-01', country: 'BE' },
    });
    const other = await signedIn(office.id, ['reviewer']);
    const missingForm = await other.c.page(`/portal/requests/${missing}/review`);
    expect(missingForm).toContain('Respects human rights');
    expect(missingForm).not.toContain('Offence serious enough');
    const ok = await other.c.post(`/portal/requests/${missing}/review`, { _csrf: csrfIn(missingForm), decision: 'approve', checklist: ['neutral_character', 'human_rights', 'data_quality'] });
    expect(ok.status).toBe(303);
    expect(await statusOf(missing)).toBe('published');
  });
});
