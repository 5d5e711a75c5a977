/**
 * The portal's case list, the form that opens a case, and the notifications, over HTTP on each dialect: a refused
 * first try given back as typed, the case in both agencies' lists, an overdue case marked for its recipient, filters
 * and keyset pages, the recipient's notifications and their marking as read, and a third agency that sees none of it.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Platform } from '../src/bootstrap.ts';
import type { Principal } from '../src/core/principal.ts';
import { openCase } from '../src/services/cases/open-case.ts';
import { countOwnUnread } from '../src/services/cases/list-notifications.ts';
import { getCase } from '../src/storage/repositories/cases.ts';
import { Client, makeUser } from './portal-support.ts';
import { agency, openLifecyclePlatform, principalOf, type TestAgency } from './request-support.ts';
import { dialects } from './support/stores.ts';

/** The first message of a case as `openCase` takes it. */
const firstMessage = { body: 'Please check your records for this lorry.', handlingCode: 'H0', sourceGrade: 'B', informationGrade: '2' };

/** The row of the list's table holding `reference`, with its opening tag (where the overdue class is). */
function rowOf(html: string, reference: string): string | undefined {
  return [...html.matchAll(/<tr(?: class="[^"]*")?>[\s\S]*?<\/tr>/g)].map((m) => m[0]).find((row) => row.includes(reference));
}

const valueOf = (html: string, id: string): string | undefined => new RegExp(`id="${id}"[^>]*value="([^"]*)"`).exec(html)?.[1];
const references = (html: string): string[] => [...html.matchAll(/<code>(CASE-\d{4}-\d+)<\/code>/g)].map((m) => m[1]!);
const nextLink = (html: string): string | undefined => /<a href="([^"]+)" rel="next">/.exec(html)?.[1]?.replaceAll('&amp;', '&');

describe.each(dialects)('portal case list, form and notifications on %s', (dialect) => {
  let p: Platform;
  let de: TestAgency;
  let hr: TestAgency;
  let fr: TestAgency;
  let office: TestAgency;
  let officerDe: Principal;
  let officerHr: Principal;
  let sender: Client;
  let recipient: Client;
  let outsider: Client;
  let opened = { id: '', reference: '' };
  let late = { id: '', reference: '' };

  beforeAll(async () => {
    p = await openLifecyclePlatform(dialect);
    office = await agency(p, { isOffice: true, country: 'BE' });
    de = await agency(p, { country: 'DE' });
    hr = await agency(p, { country: 'HR' });
    fr = await agency(p, { country: 'FR' });
    const users = await Promise.all([makeUser(p, de.id, ['officer']), makeUser(p, hr.id, ['officer']), makeUser(p, fr.id, ['officer'])]);
    const [uDe, uHr, uFr] = users as [(typeof users)[number], (typeof users)[number], (typeof users)[number]];
    officerDe = principalOf(uDe, de, ['officer']);
    officerHr = principalOf(uHr, hr, ['officer']);
    sender = new Client(p);
    recipient = new Client(p);
    outsider = new Client(p);
    await Promise.all([sender.signIn(uDe), recipient.signIn(uHr), outsider.signIn(uFr)]);
  }, 60_000);
  afterAll(async () => p?.close());

  /** The form as a browser posts it: complete, with the blank rows the page offers. */
  const form = (over: Record<string, string | string[]> = {}): Record<string, string | string[]> => ({
    kind: 'request',
    subject: 'Lorry stolen in Köln, seen near Zagreb',
    nationalReference: 'NPD-2026-0117',
    crimeArea: 'organised_property_crime',
    urgency: 'urgent',
    recipientAgencyIds: [hr.id],
    'message.body': 'A white Volvo lorry was stolen from a depot in Köln. Please check border records.',
    'message.handlingCode': 'H0',
    'message.restriction': '',
    'message.sourceGrade': 'B',
    'message.informationGrade': '2',
    'persons.0.familyName': 'Horvat',
    'persons.0.forename': 'Marko',
    'persons.0.nameOriginal': '',
    'persons.0.dateOfBirth': '1985-06-02',
    'persons.0.nationality': 'HR',
    'persons.1.familyName': '',
    'persons.1.forename': '',
    'documents.0.kind': '',
    'documents.0.number': '',
    'vehicles.0.registration': 'K-AB-1234',
    'vehicles.0.country': 'DE',
    'vehicles.0.description': 'White Volvo FH',
    linkedRequests: '',
    ...over,
  });

  it('offers the other active agencies as recipients, the office first and said to route', async () => {
    const html = await sender.page('/portal/cases/new');
    expect(html).toContain(`value="${hr.id}"`);
    expect(html).toContain(`value="${fr.id}"`);
    expect(html).not.toContain(`value="${de.id}"`);
    expect(html.indexOf(`value="${office.id}"`)).toBeLessThan(html.indexOf(`value="${hr.id}"`));
    expect(html).toContain('the office, for routing');
    // Each urgency says the deadline it gives, and each handling code what it means.
    expect(html).toContain('Urgent: Answer within 8 hours');
    expect(html).toContain('H2: Not to be disseminated further without the permission of the originator.');
    // The restriction is always on the page (no script needed), asked for only with H3.
    expect(html).toContain('name="message.restriction"');
  });

  it('gives a refused case back as typed, each problem on its field, and sends nothing', async () => {
    const res = await sender.post(
      '/portal/cases',
      form({ recipientAgencyIds: [], 'message.handlingCode': 'H3', 'persons.0.familyName': '', 'persons.0.dateOfBirth': '02.06.1985' }),
      { tokenFrom: '/portal/cases/new' },
    );
    expect(res.status).toBe(400);
    const html = await res.text();
    for (const anchor of ['f-recipientAgencyIds', 'f-message-restriction', 'f-persons-0-familyName', 'f-persons-0-dateOfBirth']) expect(html).toContain(`href="#${anchor}"`);
    expect(html).toContain('State the restriction: H3 information needs it in words.');
    expect(html).toContain('Person 1: Enter the family name, or leave the whole row empty.');
    expect(valueOf(html, 'f-subject')).toBe('Lorry stolen in Köln, seen near Zagreb');
    expect(valueOf(html, 'f-persons-0-forename')).toBe('Marko');
    expect(valueOf(html, 'f-persons-0-dateOfBirth')).toBe('02.06.1985');
    expect(html).toMatch(/id="f-message-handlingCode-H3"[^>]*checked/);
    expect(html).toContain('A white Volvo lorry was stolen');
    expect(await sender.page('/portal/cases')).toContain('No cases yet');
  });

  it('refuses what only the database knows (an agency that does not exist) on the recipients, as typed', async () => {
    const res = await sender.post('/portal/cases', form({ recipientAgencyIds: ['0'.repeat(26)] }), { tokenFrom: '/portal/cases/new' });
    expect(res.status).toBe(400);
    const html = await res.text();
    expect(html).toContain('href="#f-recipientAgencyIds"');
    expect(html).toContain('There is no active agency with this identifier.');
    expect(valueOf(html, 'f-vehicles-0-registration')).toBe('K-AB-1234');
  });

  it('adds a row on request, keeping everything typed, without sending', async () => {
    const res = await sender.post('/portal/cases', { ...form(), intent: 'add_persons' }, { tokenFrom: '/portal/cases/new' });
    expect(res.status).toBe(200);
    const html = await res.text();
    // One person typed, the two blank rows offered, and the one asked for, which takes the focus.
    expect(html).toMatch(/id="f-persons-3-familyName"[^>]*autofocus/);
    expect(html).not.toContain('id="f-persons-4-familyName"');
    expect(valueOf(html, 'f-persons-0-familyName')).toBe('Horvat');
    expect(valueOf(html, 'f-nationalReference')).toBe('NPD-2026-0117');
    expect(html).not.toContain('error-summary');
  });

  it('opens the case and shows it in both agencies’ lists, each from its own side', async () => {
    const res = await sender.post('/portal/cases', form(), { tokenFrom: '/portal/cases/new' });
    expect(res.status).toBe(303);
    const m = /^\/portal\/cases\/([0-9a-z]{26})\?opened=1$/.exec(res.headers.get('location') ?? '');
    expect(m).not.toBeNull();
    const stored = await getCase(p.store.db, m![1]!);
    expect(stored).toMatchObject({ subject: 'Lorry stolen in Köln, seen near Zagreb', urgency: 'urgent', originatorAgencyId: de.id });
    expect(stored!.entities.map((e) => e.type)).toEqual(['person', 'vehicle']);
    opened = { id: stored!.id, reference: stored!.reference };

    const mine = rowOf(await sender.page('/portal/cases'), opened.reference);
    expect(mine).toContain(`href="/portal/cases/${opened.id}"`);
    expect(mine).toContain('Sent by your agency');
    expect(mine).toMatch(/\d h left/);
    const theirs = rowOf(await recipient.page('/portal/cases'), opened.reference);
    expect(theirs).toContain(`Test agency ${de.code}`);
    expect(theirs).toContain('Urgent');
    expect(theirs).toContain('Not acknowledged');
    expect(theirs).not.toContain('case-overdue');
  });

  it('marks an overdue case for its recipient, in words and by the row, with a banner counting them', async () => {
    const tenHoursAgo = new Date(Date.now() - 10 * 3600_000);
    const c = await openCase(
      p.store.db,
      p.deps.noticeIndex,
      officerDe,
      { kind: 'request', subject: 'Urgent check of a courier', nationalReference: 'NPD-2026-0118', crimeArea: 'drugs', urgency: 'urgent', recipientAgencyIds: [hr.id], message: firstMessage },
      tenHoursAgo,
    );
    late = { id: c.id, reference: c.reference };
    const html = await recipient.page('/portal/cases');
    const row = rowOf(html, late.reference);
    expect(row).toMatch(/^<tr class="case-overdue">/);
    expect(row).toContain('Overdue by 2 h');
    expect(html).toContain('1 case received is overdue');
    // The originator sees it overdue too, but received none overdue itself: no banner.
    const senderList = await sender.page('/portal/cases');
    expect(rowOf(senderList, late.reference)).toMatch(/^<tr class="case-overdue">/);
    expect(senderList).not.toContain('received is overdue');
    const onlyOverdue = await recipient.page('/portal/cases?overdue=1');
    expect(references(onlyOverdue)).toEqual([late.reference]);
  });

  it('filters by status, urgency and side, and pages with a cursor', async () => {
    const start = Date.now() - 3600_000;
    const bulk: string[] = [];
    for (let i = 0; i < 30; i++) {
      const c = await openCase(
        p.store.db,
        p.deps.noticeIndex,
        officerDe,
        { kind: 'information', subject: `Routine information ${i}`, nationalReference: `NPD-2026-2${i}`, crimeArea: 'fraud', urgency: 'non_urgent', recipientAgencyIds: [hr.id], message: firstMessage },
        new Date(start + i * 1000),
      );
      bulk.push(c.reference);
    }
    const first = await recipient.page('/portal/cases');
    expect(references(first)).toHaveLength(20);
    const next = nextLink(first);
    expect(next).toMatch(/^\/portal\/cases\?after=/);
    const second = await recipient.page(next!);
    expect(references(second)).toHaveLength(12);
    expect(nextLink(second)).toBeUndefined();
    expect(second).toContain('First page');
    // Every case once, across both pages.
    expect(new Set([...references(first), ...references(second)])).toEqual(new Set([...bulk, opened.reference, late.reference]));

    expect(references(await recipient.page('/portal/cases?urgency=urgent')).sort()).toEqual([opened.reference, late.reference].sort());
    const filteredFirst = await recipient.page('/portal/cases?urgency=non_urgent&role=received');
    expect(references(filteredFirst)).toHaveLength(20);
    // The next page keeps the filters.
    expect(nextLink(filteredFirst)).toMatch(/urgency=non_urgent&role=received&after=/);
    const sent = await recipient.page('/portal/cases?role=sent');
    expect(references(sent)).toEqual([]);
    expect(sent).toContain('No case matches these filters');
    expect(references(await recipient.page('/portal/cases?status=closed'))).toEqual([]);
    expect(references(await sender.page('/portal/cases?role=sent'))).toHaveLength(20);
    expect((await recipient.get('/portal/cases?status=lost')).status).toBe(400);
  }, 120_000);

  it('tells the recipient of the new cases, in the header and in the list, until they are marked read', async () => {
    const unread = await countOwnUnread(p.store.db, officerHr);
    expect(unread).toBe(32);
    const html = await recipient.page('/portal/notifications');
    expect(html).toContain(`(${unread}<span class="visually-hidden"> unread</span>)`);
    expect(html).toContain(`href="/portal/cases/${opened.id}"`);
    expect(html).toContain('New case');
    expect(html).toContain('class="notification-unread"');
    // The sender was told of nothing: nobody is notified of their own case.
    expect(await sender.page('/portal/notifications')).toContain('No alerts');

    const res = await recipient.post('/portal/notifications/read', {}, { tokenFrom: '/portal/notifications' });
    expect(res.status).toBe(303);
    expect(res.headers.get('location')).toBe('/portal/notifications?marked=1');
    expect(await countOwnUnread(p.store.db, officerHr)).toBe(0);
    const after = await recipient.page('/portal/notifications?marked=1');
    expect(after).toContain('All your alerts are marked as read.');
    expect(after).not.toContain('class="notification-unread"');
    expect(after).not.toContain('<span class="visually-hidden"> unread</span>');
    expect(after).toContain(late.reference);
  });

  it('shows a third agency none of it: not in its list, its notifications, nor by the case’s address', async () => {
    const list = await outsider.page('/portal/cases');
    expect(references(list)).toEqual([]);
    expect(list).toContain('No cases yet');
    expect(list).not.toContain('Lorry stolen');
    const alerts = await outsider.page('/portal/notifications');
    expect(alerts).toContain('No alerts');
    expect(alerts).not.toContain(opened.reference);
    expect(alerts).not.toContain('unread</span>');
    // The case's page exists for its participants; for anyone else it does not.
    expect((await recipient.get(`/portal/cases/${opened.id}`)).status).toBe(200);
    for (const id of [opened.id, late.id]) expect((await outsider.get(`/portal/cases/${id}`)).status).toBe(404);
  });
});
