/**
 * The office's statistics of the case exchange on SQLite and PostgreSQL: counts per country, crime area and urgency
 * of cases answered in and out of time, overdue under a controlled clock, refused and closed; the office alone reads
 * them, each reading is audited, and the portal serves them as tables and as a CSV download.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { CrimeArea, Urgency } from '../src/core/cases.ts';
import type { Principal } from '../src/core/principal.ts';
import { caseStatistics, caseStatisticsCsv, type CaseCounts, type CaseStatistics, type StatisticsDimension } from '../src/services/cases/case-statistics.ts';
import { closeCase } from '../src/services/cases/change-case.ts';
import { openCase } from '../src/services/cases/open-case.ts';
import { postMessage } from '../src/services/cases/post-message.ts';
import { asPortal, openCaseWorld, plusMs, refusedWith, type CaseWorld } from './case-support.ts';
import { Client, makeUser, type TestUser } from './portal-support.ts';
import { dialects } from './support/stores.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const T0 = new Date('2026-03-02T08:00:00.000Z');
const MARCH = { from: '2026-03-01', to: '2026-03-31' };
/** Ten days on: the non-urgent case left open is past its seven days. */
const NOW = plusMs(T0, 10 * DAY);

const messageOf = (body: string) => ({ body, handlingCode: 'H0', restriction: '', sourceGrade: 'B', informationGrade: '2' });

/** A request for assistance whose subject and reference must never show in the statistics. */
const caseInput = (recipientAgencyIds: string[], crimeArea: CrimeArea, urgency: Urgency) => ({
  kind: 'request',
  subject: 'Armed robbery series along the A3',
  nationalReference: 'BKA-ST-2026-0417',
  crimeArea,
  urgency,
  recipientAgencyIds,
  entities: [{ type: 'person', familyName: 'Kowalczyk', forename: 'Jan' }],
  message: messageOf('Please check the persons named against your records.'),
});

const counts = (over: Partial<CaseCounts>): CaseCounts => ({ total: 0, answered: 0, answeredInTime: 0, overdue: 0, closed: 0, refused: 0, ...over });

const group = (stats: CaseStatistics, dimension: StatisticsDimension, key: string): CaseCounts | undefined => stats.groups[dimension].find((r) => r.key === key)?.counts;

describe.each(dialects)('case statistics on %s', (dialect) => {
  let w: CaseWorld;
  let liaisonUser: TestUser;
  let officerUser: TestUser;

  const open = (from: Principal, to: string[], crimeArea: CrimeArea, urgency: Urgency, at: Date) =>
    openCase(w.p.store.db, w.p.deps.noticeIndex, from, caseInput(to, crimeArea, urgency), at);

  beforeAll(async () => {
    w = await openCaseWorld(dialect);
    const { de, hr, nl, ua } = w.agencies;
    // 1. Urgent, answered after 2 hours: in time.
    const c1 = await open(w.de, [hr.id], 'drugs', 'urgent', T0);
    await postMessage(w.p.store.db, w.hr, c1.id, messageOf('Known to us, details follow.'), plusMs(T0, 2 * HOUR));
    // 2. Standard (3 days), answered after 4 days: late.
    const c2 = await open(w.de, [hr.id], 'fraud', 'standard', T0);
    await postMessage(w.p.store.db, w.hr, c2.id, messageOf('Sorry for the delay.'), plusMs(T0, 4 * DAY));
    // 3. Non-urgent (7 days) to two countries, never answered: overdue once the 7 days are over.
    await open(w.de, [nl.id, hr.id], 'drugs', 'non_urgent', T0);
    // 4. Refused by its recipient.
    const c4 = await open(w.nl, [de.id], 'cybercrime', 'standard', T0);
    await closeCase(w.p.store.db, w.de, c4.id, { outcome: 'refused', reason: 'Outside our competence' }, plusMs(T0, HOUR));
    // 5. Answered in time, then closed by its originator.
    const c5 = await open(w.hr, [ua.id], 'fraud', 'urgent', T0);
    await postMessage(w.p.store.db, w.ua, c5.id, messageOf('Here is what we hold.'), plusMs(T0, HOUR));
    await closeCase(w.p.store.db, w.hr, c5.id, { outcome: 'closed', reason: '' }, plusMs(T0, 2 * HOUR));
    // Opened before the period: never counted in it.
    await open(w.de, [hr.id], 'terrorism', 'urgent', new Date('2026-02-27T23:59:59.000Z'));
    liaisonUser = await makeUser(w.p, w.agencies.office.id, ['liaison']);
    officerUser = await makeUser(w.p, w.agencies.de.id, ['officer']);
  });
  afterAll(() => w.p.close());

  it('counts the period’s cases: answered, in time, overdue now, closed, refused', async () => {
    const stats = await caseStatistics(w.p.store.db, w.liaison, MARCH, NOW);
    expect(stats.all).toEqual(counts({ total: 5, answered: 3, answeredInTime: 2, overdue: 1, closed: 1, refused: 1 }));
    expect(stats.groups.crimeArea.find((r) => r.key === 'terrorism')?.counts).toEqual(counts({}));
  });

  it('groups by originator country, and by recipient country once per country a case went to', async () => {
    const stats = await caseStatistics(w.p.store.db, w.reviewer, MARCH, NOW);
    expect(stats.groups.originatorCountry.map((r) => r.key)).toEqual(['DE', 'HR', 'NL']);
    expect(group(stats, 'originatorCountry', 'DE')).toEqual(counts({ total: 3, answered: 2, answeredInTime: 1, overdue: 1 }));
    expect(group(stats, 'originatorCountry', 'HR')).toEqual(counts({ total: 1, answered: 1, answeredInTime: 1, closed: 1 }));
    expect(group(stats, 'originatorCountry', 'NL')).toEqual(counts({ total: 1, refused: 1 }));
    expect(stats.groups.recipientCountry.map((r) => r.key)).toEqual(['DE', 'HR', 'NL', 'UA']);
    expect(group(stats, 'recipientCountry', 'HR')).toEqual(counts({ total: 3, answered: 2, answeredInTime: 1, overdue: 1 }));
    expect(group(stats, 'recipientCountry', 'NL')).toEqual(counts({ total: 1, overdue: 1 }));
    expect(group(stats, 'recipientCountry', 'DE')).toEqual(counts({ total: 1, refused: 1 }));
    expect(group(stats, 'recipientCountry', 'UA')).toEqual(counts({ total: 1, answered: 1, answeredInTime: 1, closed: 1 }));
  });

  it('groups by crime area and by urgency, listing every value', async () => {
    const stats = await caseStatistics(w.p.store.db, w.liaison, MARCH, NOW);
    expect(stats.groups.crimeArea).toHaveLength(13);
    expect(group(stats, 'crimeArea', 'drugs')).toEqual(counts({ total: 2, answered: 1, answeredInTime: 1, overdue: 1 }));
    expect(group(stats, 'crimeArea', 'fraud')).toEqual(counts({ total: 2, answered: 2, answeredInTime: 1, closed: 1 }));
    expect(group(stats, 'crimeArea', 'cybercrime')).toEqual(counts({ total: 1, refused: 1 }));
    expect(stats.groups.urgency.map((r) => r.key)).toEqual(['urgent', 'standard', 'non_urgent']);
    expect(group(stats, 'urgency', 'urgent')).toEqual(counts({ total: 2, answered: 2, answeredInTime: 2, closed: 1 }));
    expect(group(stats, 'urgency', 'standard')).toEqual(counts({ total: 2, answered: 1, refused: 1 }));
    expect(group(stats, 'urgency', 'non_urgent')).toEqual(counts({ total: 1, overdue: 1 }));
  });

  it('counts overdue as of the clock: before the seven days are over, nothing is overdue', async () => {
    const early = await caseStatistics(w.p.store.db, w.liaison, MARCH, plusMs(T0, 5 * DAY));
    expect(early.all.overdue).toBe(0);
    const wider = await caseStatistics(w.p.store.db, w.liaison, { from: '2026-02-01', to: '2026-03-31' }, NOW);
    expect(wider.all.total).toBe(6);
    // The case of 27 February was urgent and never answered: overdue too.
    expect(wider.all.overdue).toBe(2);
  });

  it('is for the office alone: agencies, and office members without the permission, are refused', async () => {
    for (const who of [w.de, w.hr, w.outsider, w.officeOfficer]) expect((await refusedWith(caseStatistics(w.p.store.db, who, MARCH, NOW))).code).toBe('forbidden');
  });

  it('refuses a period that ends before it starts or is not made of dates', async () => {
    const backwards = await refusedWith(caseStatistics(w.p.store.db, w.liaison, { from: '2026-03-31', to: '2026-03-01' }, NOW));
    expect([backwards.code, backwards.issues.map((i) => i.field)]).toEqual(['validation_failed', ['to']]);
    expect((await refusedWith(caseStatistics(w.p.store.db, w.liaison, { from: '2026-13-01', to: '2026-03-01' }, NOW))).code).toBe('validation_failed');
    expect((await refusedWith(caseStatistics(w.p.store.db, w.liaison, { from: '2000-01-01', to: '2026-03-01' }, NOW))).key).toBe('cases.stats.error.too_long');
  });

  it('records each reading in the audit trail, with the statistics purpose and no case named', async () => {
    await asPortal(w.liaison, () => caseStatistics(w.p.store.db, w.liaison, MARCH, NOW));
    const rows = await w.p.store.db
      .selectFrom('audit_log')
      .select(['action', 'user_id', 'purpose', 'object_id', 'details'])
      .where('object_type', '=', 'case_statistics')
      .where('user_id', '=', w.liaison.userId)
      .execute();
    expect(rows.length).toBeGreaterThan(0);
    const last = rows.at(-1)!;
    expect([last.action, last.purpose, last.object_id]).toEqual(['consult', 'statistics', null]);
    expect(JSON.parse(last.details ?? '{}')).toMatchObject({ from: MARCH.from, to: MARCH.to, cases: 5 });
  });

  it('writes CSV with a header row and one line per group, codes and counts only', async () => {
    const csv = caseStatisticsCsv(await caseStatistics(w.p.store.db, w.liaison, MARCH, NOW));
    const lines = csv.split('\r\n');
    expect(lines[0]).toBe('dimension,value,total,answered,answered_in_time,overdue,closed,refused');
    expect(lines[1]).toBe('all,2026-03-01/2026-03-31,5,3,2,1,1,1');
    expect(lines).toContain('originatorCountry,DE,3,2,1,1,0,0');
    expect(lines).toContain('recipientCountry,HR,3,2,1,1,0,0');
    expect(lines).toContain('crimeArea,drugs,2,1,1,1,0,0');
    expect(lines).toContain('urgency,non_urgent,1,0,0,1,0,0');
    // 1 header, 1 total, 3 + 4 countries, 13 crime areas, 3 urgencies, and the empty string after the last CRLF.
    expect(lines).toHaveLength(1 + 1 + 3 + 4 + 13 + 3 + 1);
    expect(csv).not.toContain('Armed robbery');
    expect(csv).not.toContain('BKA-ST');
    expect(csv).not.toContain('Kowalczyk');
  });

  it('serves the page and the CSV download to the office, and refuses an agency’s officer', async () => {
    const office = new Client(w.p);
    await office.signIn(liaisonUser);
    const home = await office.page('/portal');
    expect(home).toContain('href="/portal/case-statistics"');
    const page = await office.get(`/portal/case-statistics?from=${MARCH.from}&to=${MARCH.to}`);
    expect(page.status).toBe(200);
    const html = await page.text();
    expect(html).toContain('By crime area');
    expect(html).toMatch(/<td data-label="Opened" class="numeric">5<\/td>/);
    expect(html).not.toContain('Armed robbery');
    expect(html).not.toContain('Kowalczyk');
    const csv = await office.get(`/portal/case-statistics.csv?from=${MARCH.from}&to=${MARCH.to}`);
    expect(csv.status).toBe(200);
    expect(csv.headers.get('content-type')).toMatch(/^text\/csv/);
    expect(csv.headers.get('content-disposition')).toBe('attachment; filename="case-statistics-2026-03-01-2026-03-31.csv"');
    expect((await csv.text()).split('\r\n')[1]).toBe('all,2026-03-01/2026-03-31,5,3,2,1,1,1');
    const bad = await office.get('/portal/case-statistics?from=2026-03-31&to=2026-03-01');
    expect(bad.status).toBe(400);
    expect(await bad.text()).toContain('The end of the period comes before its start.');
    // Without dates, the twelve months up to today: the page answers with the period filled in.
    expect((await office.get('/portal/case-statistics')).status).toBe(200);

    const agencyOfficer = new Client(w.p);
    await agencyOfficer.signIn(officerUser);
    expect((await agencyOfficer.get(`/portal/case-statistics?from=${MARCH.from}&to=${MARCH.to}`)).status).toBe(403);
    expect((await agencyOfficer.get(`/portal/case-statistics.csv?from=${MARCH.from}&to=${MARCH.to}`)).status).toBe(403);
    expect(await agencyOfficer.page('/portal')).not.toContain('/portal/case-statistics');
  });
});
