/**
 * The case-exchange rules through the use cases, on SQLite and PostgreSQL: an agency outside a case never learns of it,
 * H2 information is not forwarded without its originator's permission, deadlines and overdue status on a controlled
 * clock, the cross-check across scripts, retention erasure and its audit entry, and the consultation every reading records.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answeredInTime } from '../src/core/cases.ts';
import { AppError } from '../src/core/errors.ts';
import type { Principal } from '../src/core/principal.ts';
import { addCaseAttachment, getCaseAttachment } from '../src/services/cases/case-attachments.ts';
import { eraseExpiredCases, extendCaseRetention } from '../src/services/cases/case-retention.ts';
import { acknowledgeCase, closeCase, forwardCase, grantMessagePermission } from '../src/services/cases/change-case.ts';
import { getCaseView } from '../src/services/cases/get-case.ts';
import { listCases } from '../src/services/cases/list-cases.ts';
import { listOwnNotifications, markOwnNotificationsRead } from '../src/services/cases/list-notifications.ts';
import { notifyOverdueCases } from '../src/services/cases/notify-overdue-cases.ts';
import { postMessage } from '../src/services/cases/post-message.ts';
import { createNoticeRequest } from '../src/services/notice-requests/create-notice-request.ts';
import { getCase, listAttachments, listHits, listMessages, listReceipts, type StoredCase } from '../src/storage/repositories/cases.ts';
import { createNotice, wantedInput } from './api-support.ts';
import {
  asPortal,
  caseAudit,
  messageOf,
  openCaseAt,
  openCaseWorld,
  plusMonths,
  plusMs,
  refusedWith,
  type CaseWorld,
} from './case-support.ts';
import { photoJpeg, principalOf, publishRequest, refusal, wantedFacts } from './request-support.ts';
import { dialects } from './support/stores.ts';

const HOUR = 3600_000;
const DAY = 24 * HOUR;
const PURPOSE = 'Investigation 2026/117: checking a suspect';
const NOT_FOUND = 'not_found error.detail.resource_not_found';

describe.each(dialects)('case-exchange rules on %s', (dialect) => {
  let w: CaseWorld;
  beforeAll(async () => {
    w = await openCaseWorld(dialect);
  });
  afterAll(() => w.p.close());

  const db = () => w.p.store.db;
  const firstMessageId = async (c: StoredCase): Promise<string> => (await listMessages(db(), c.id))[0]!.id;
  const overdueNotified = async (caseId: string): Promise<string[]> =>
    (await db().selectFrom('notifications').select('user_id').where('case_id', '=', caseId).where('kind', '=', 'overdue').execute()).map((r) => r.user_id);

  describe('an agency outside the case', () => {
    const opened = new Date('2026-04-01T08:00:00.000Z');
    let secret: StoredCase;
    let secretMessage: string;
    let attachmentId: string;
    /** A case the outsider's agency does take part in, so its lists and notifications are not empty by accident. */
    let ownCase: StoredCase;

    beforeAll(async () => {
      secret = await openCaseAt(w, w.de, [w.agencies.hr.id], opened, {
        urgency: 'urgent',
        subject: 'Kidnapping near Rijeka',
        handlingCode: 'H2',
        entities: [{ type: 'person', familyName: 'Perković', forename: 'Zvonimir', nameOriginal: null, dateOfBirth: null, nationality: null }],
      });
      secretMessage = await firstMessageId(secret);
      attachmentId = (await addCaseAttachment(db(), w.p.deps.photoStore, w.de, secret.id, secretMessage, { bytes: await photoJpeg(), type: 'image/jpeg', name: 'van.jpg' }, opened)).id;
      ownCase = await openCaseAt(w, w.ua, [w.agencies.pl.id], opened, { subject: 'Stolen tractors' });
    });

    it('gets "not found" from every use case on the case, as for an unknown id, while a participant gets through', async () => {
      const o = w.outsider;
      expect(await refusal(getCaseView(db(), o, secret.id, PURPOSE, opened))).toBe(NOT_FOUND);
      expect(await refusal(postMessage(db(), o, secret.id, messageOf('Anything on this?'), opened))).toBe(NOT_FOUND);
      expect(await refusal(acknowledgeCase(db(), o, secret.id, opened))).toBe(NOT_FOUND);
      expect(await refusal(closeCase(db(), o, secret.id, { outcome: 'refused', reason: 'Not ours' }, opened))).toBe(NOT_FOUND);
      expect(await refusal(closeCase(db(), o, secret.id, { outcome: 'closed', reason: '' }, opened))).toBe(NOT_FOUND);
      expect(await refusal(getCaseAttachment(db(), w.p.deps.photoStore, o, secret.id, attachmentId, 'thumb', PURPOSE))).toBe(NOT_FOUND);
      expect(await refusal(grantMessagePermission(db(), o, secret.id, secretMessage, o.agencyId, opened))).toBe(NOT_FOUND);

      // The same calls name a real case and a real attachment: a recipient reads both.
      expect((await getCaseView(db(), w.hr, secret.id, undefined, opened)).case.subject).toBe('Kidnapping near Rijeka');
      expect((await getCaseAttachment(db(), w.p.deps.photoStore, w.hr, secret.id, attachmentId, 'thumb', undefined)).contentType).toBe('image/jpeg');

      // Nothing of the outsider's attempts reached the case.
      const after = (await getCase(db(), secret.id))!;
      expect(after.participants.map((p) => p.agencyId)).not.toContain(o.agencyId);
      expect(after.status).toBe('open');
      expect((await listMessages(db(), secret.id)).map((m) => m.authorAgencyId)).toEqual([w.agencies.de.id]);
      expect((await listMessages(db(), secret.id))[0]!.permissions).toEqual([]);
      expect((await listReceipts(db(), secret.id)).map((r) => r.agencyId)).not.toContain(o.agencyId);
    });

    it('never finds it in its lists, with any filter or clock', async () => {
      const late = plusMs(opened, 30 * DAY);
      for (const q of [{}, { role: 'received' as const }, { role: 'sent' as const }, { overdue: true }, { urgency: 'urgent' as const }, { status: 'open' as const }]) {
        const ids = (await listCases(db(), w.outsider, { ...q, perPage: 100 }, late)).items.map((i) => i.id);
        expect(ids).not.toContain(secret.id);
      }
      expect((await listCases(db(), w.outsider, { perPage: 100 }, late)).items.map((i) => i.id)).toContain(ownCase.id);
      expect((await listCases(db(), w.hr, { perPage: 100 }, late)).items.map((i) => i.id)).toContain(secret.id);
    });

    it('is never told of it, not even once it is overdue', async () => {
      await notifyOverdueCases(db(), plusMs(opened, 9 * HOUR));
      const own = await listOwnNotifications(db(), w.outsider);
      expect(own.items.map((n) => n.caseId)).not.toContain(secret.id);
      expect(own.items.map((n) => n.caseId)).toContain(ownCase.id);
      const rows = await db().selectFrom('notifications').select('case_id').where('user_id', '=', w.outsider.userId).execute();
      expect(rows.map((r) => r.case_id)).not.toContain(secret.id);
      expect((await listOwnNotifications(db(), w.hr2)).items.map((n) => n.caseId)).toContain(secret.id);
    });

    it("finds no other agency's draft request in the cross-check, only requests that circulate", async () => {
      const person = { familyName: 'Vukašinović', forename: 'Bogdan', nameOriginal: null, nationalReference: 'CROSS-2026-1' };
      const outsidersDraft = await createNoticeRequest(db(), w.outsider, wantedFacts(person), opened);
      const authorsDraft = await createNoticeRequest(db(), w.de, wantedFacts(person), opened);
      const circulating = await publishRequest(w.p, w.nl, w.reviewer, wantedFacts(person), opened);

      const c = await openCaseAt(w, w.de, [w.agencies.hr.id], opened, {
        entities: [{ type: 'person', familyName: 'Vukasinovic', forename: 'Bogdan', nameOriginal: null, dateOfBirth: null, nationality: null }],
      });
      const hits = await listHits(db(), c.id);
      expect(hits.map((h) => h.requestId)).toContain(circulating.id);
      expect(hits.map((h) => h.requestId)).not.toContain(outsidersDraft.id);
      expect(hits.map((h) => h.requestId)).not.toContain(authorsDraft.id);
      expect((await getCaseView(db(), w.hr, c.id, undefined, opened)).hits).toEqual(hits);
    });
  });

  describe('H2 information', () => {
    const opened = new Date('2026-04-10T08:00:00.000Z');
    let c: StoredCase;
    let deMessage: string;
    let hrMessage: string;

    beforeAll(async () => {
      c = await openCaseAt(w, w.de, [w.agencies.hr.id], opened, { handlingCode: 'H2', body: 'Informant says the cash goes through Split.' });
      deMessage = await firstMessageId(c);
      hrMessage = (await postMessage(db(), w.hr, c.id, messageOf('Our source confirms a boat leaves on Fridays.', 'H2'), plusMs(opened, HOUR))).id;
    });

    it('stops the liaison officer forwarding while a message lacks its originator\'s permission, naming each such message', async () => {
      const e = await refusedWith(forwardCase(db(), w.liaison, c.id, w.agencies.nl.id, plusMs(opened, 2 * HOUR)));
      expect([e.code, e.key]).toEqual(['conflict', 'cases.error.h2_blocks_forward']);
      expect(e.issues).toEqual([
        { field: `messages.${deMessage}`, message: 'cases.error.h2_no_permission' },
        { field: `messages.${hrMessage}`, message: 'cases.error.h2_no_permission' },
      ]);
      expect((await getCase(db(), c.id))!.participants.map((p) => p.agencyId)).not.toContain(w.agencies.nl.id);
    });

    it('lets only the agency that wrote a message permit it further', async () => {
      expect(await refusal(grantMessagePermission(db(), w.hr, c.id, deMessage, w.agencies.nl.id, plusMs(opened, 2 * HOUR)))).toBe('forbidden cases.error.originator_permits');
      expect(await refusal(grantMessagePermission(db(), w.liaison, c.id, deMessage, w.agencies.nl.id, plusMs(opened, 2 * HOUR)))).toBe('forbidden cases.error.not_participant');
      expect((await listMessages(db(), c.id)).find((m) => m.id === deMessage)!.permissions).toEqual([]);
    });

    it('keeps stopping the forward when the permissions given name another agency, or only some of the messages', async () => {
      await grantMessagePermission(db(), w.hr, c.id, hrMessage, w.agencies.ua.id, plusMs(opened, 3 * HOUR));
      await grantMessagePermission(db(), w.de, c.id, deMessage, w.agencies.nl.id, plusMs(opened, 3 * HOUR));
      const e = await refusedWith(forwardCase(db(), w.liaison, c.id, w.agencies.nl.id, plusMs(opened, 4 * HOUR)));
      expect(e.key).toBe('cases.error.h2_blocks_forward');
      expect(e.issues.map((i) => i.field)).toEqual([`messages.${hrMessage}`]);
    });

    it('refuses a forward by anyone but the office liaison officers', async () => {
      for (const who of [w.officeOfficer, w.reviewer, w.de, w.hr]) {
        expect(await refusal(forwardCase(db(), who, c.id, w.agencies.ua.id, plusMs(opened, 4 * HOUR)))).toMatch(/^forbidden /);
      }
      expect(await refusal(forwardCase(db(), w.officeOfficer, c.id, w.agencies.ua.id, plusMs(opened, 4 * HOUR)))).toBe('forbidden cases.error.liaison_forwards');
      expect((await getCase(db(), c.id))!.participants.map((p) => p.agencyId)).not.toContain(w.agencies.ua.id);
    });

    it('forwards once every H2 message is permitted for that agency, which then takes part and reads the case', async () => {
      const at = plusMs(opened, 5 * HOUR);
      await grantMessagePermission(db(), w.hr, c.id, hrMessage, w.agencies.nl.id, at);
      const forwarded = await asPortal(w.liaison, () => forwardCase(db(), w.liaison, c.id, w.agencies.nl.id, at));
      expect(forwarded.participants).toContainEqual(expect.objectContaining({ agencyId: w.agencies.nl.id, role: 'forwarded', addedBy: w.liaison.userId }));
      expect(forwarded.participants.map((p) => p.agencyId)).toContain(w.agencies.office.id);
      expect((await getCaseView(db(), w.nl, c.id, undefined, at)).messages.map((m) => m.id)).toEqual([deMessage, hrMessage]);
      const disclosures = (await caseAudit(w.p, c.id, 'disclose')).filter((a) => a.details?.includes('forwarded'));
      expect(disclosures).toHaveLength(1);
      expect(disclosures[0]!.user_id).toBe(w.liaison.userId);
    });
  });

  describe('deadlines on a controlled clock', () => {
    const opened = new Date('2026-05-04T06:30:00.000Z');

    it('gives an urgent case its deadline exactly 8 hours after opening, overdue at that instant and not a millisecond before', async () => {
      const c = await openCaseAt(w, w.de, [w.agencies.hr.id], opened, { urgency: 'urgent' });
      const deadline = plusMs(opened, 8 * HOUR);
      expect(c.openedAt).toBe(opened.toISOString());
      expect(c.deadlineAt).toBe(deadline.toISOString());

      const listed = async (now: Date) => (await listCases(db(), w.hr, { perPage: 100 }, now)).items.find((i) => i.id === c.id);
      const inOverdueList = async (now: Date) => (await listCases(db(), w.hr, { overdue: true, perPage: 100 }, now)).items.some((i) => i.id === c.id);
      expect((await listed(plusMs(deadline, -1)))?.overdue).toBe(false);
      expect(await inOverdueList(plusMs(deadline, -1))).toBe(false);
      expect((await getCaseView(db(), w.hr, c.id, undefined, plusMs(deadline, -1))).overdue).toBe(false);
      expect((await listed(deadline))?.overdue).toBe(true);
      expect(await inOverdueList(deadline)).toBe(true);
      expect((await getCaseView(db(), w.de, c.id, undefined, deadline)).overdue).toBe(true);
    });

    it('gives a standard case 3 days and a non-urgent one 7 days', async () => {
      const standard = await openCaseAt(w, w.de, [w.agencies.hr.id], opened, { urgency: 'standard' });
      const nonUrgent = await openCaseAt(w, w.de, [w.agencies.hr.id], opened, { urgency: 'non_urgent' });
      expect(standard.deadlineAt).toBe(plusMs(opened, 3 * DAY).toISOString());
      expect(nonUrgent.deadlineAt).toBe(plusMs(opened, 7 * DAY).toISOString());
    });

    it("counts a recipient's first reply before the deadline as answered in time, and one after it as late", async () => {
      const early = await openCaseAt(w, w.de, [w.agencies.hr.id], opened, { urgency: 'urgent' });
      const late = await openCaseAt(w, w.de, [w.agencies.hr.id], opened, { urgency: 'urgent' });
      // The originator's own follow-up is no answer.
      await postMessage(db(), w.de, early.id, messageOf('Any news?'), plusMs(opened, HOUR));
      expect((await getCase(db(), early.id))!.answeredAt).toBeNull();

      await postMessage(db(), w.hr, early.id, messageOf('No record of him.'), plusMs(opened, 8 * HOUR - 1));
      await postMessage(db(), w.hr, late.id, messageOf('No record of him.'), plusMs(opened, 8 * HOUR + 1));
      const answeredEarly = (await getCase(db(), early.id))!;
      const answeredLate = (await getCase(db(), late.id))!;
      expect(answeredEarly).toMatchObject({ status: 'answered', answeredAt: plusMs(opened, 8 * HOUR - 1).toISOString() });
      expect(answeredLate).toMatchObject({ status: 'answered', answeredAt: plusMs(opened, 8 * HOUR + 1).toISOString() });
      expect(answeredInTime(answeredEarly)).toBe(true);
      expect(answeredInTime(answeredLate)).toBe(false);

      // A second reply does not move the answer's time.
      await postMessage(db(), w.hr2, early.id, messageOf('Correction: one record from 2019.'), plusMs(opened, 9 * HOUR));
      expect((await getCase(db(), early.id))!.answeredAt).toBe(answeredEarly.answeredAt);
    });

    it('tells the recipients and the office liaison officers of an overdue case once, and nobody of an answered one', async () => {
      const t = new Date('2026-05-20T10:00:00.000Z');
      const c = await openCaseAt(w, w.de, [w.agencies.hr.id], t, { urgency: 'urgent' });
      const answered = await openCaseAt(w, w.de, [w.agencies.hr.id], t, { urgency: 'urgent' });
      await postMessage(db(), w.hr, answered.id, messageOf('Nothing known.'), plusMs(t, HOUR));
      const deadline = plusMs(t, 8 * HOUR);

      await notifyOverdueCases(db(), plusMs(deadline, -1));
      expect(await overdueNotified(c.id)).toEqual([]);

      expect(await notifyOverdueCases(db(), deadline)).toBeGreaterThan(0);
      const told = await overdueNotified(c.id);
      expect(told).toEqual(expect.arrayContaining([w.hr.userId, w.hr2.userId, w.liaison.userId]));
      for (const never of [w.de.userId, w.outsider.userId, w.nl.userId, w.reviewer.userId]) expect(told).not.toContain(never);
      expect(new Set(told).size).toBe(told.length);
      const outbox = await db().selectFrom('email_outbox').select(['to_address', 'subject', 'body']).where('subject', '=', `Case ${c.reference} is overdue`).execute();
      expect(outbox.map((m) => m.to_address)).toEqual(expect.arrayContaining([w.hr.email, w.hr2.email, w.liaison.email]));
      for (const never of [w.de.email, w.outsider.email]) expect(outbox.map((m) => m.to_address)).not.toContain(never);
      expect(outbox.map((m) => m.body).join(' ')).not.toContain('Armed robbery');

      expect(await notifyOverdueCases(db(), deadline)).toBe(0);
      expect(await notifyOverdueCases(db(), plusMs(deadline, DAY))).toBe(0);
      expect(await overdueNotified(c.id)).toHaveLength(told.length);

      expect(await overdueNotified(answered.id)).toEqual([]);
      expect((await getCaseView(db(), w.de, answered.id, undefined, plusMs(deadline, 30 * DAY))).overdue).toBe(false);
      expect((await listCases(db(), w.de, { overdue: true, perPage: 100 }, plusMs(deadline, 30 * DAY))).items.map((i) => i.id)).not.toContain(answered.id);
    });

    // The office liaison is told of every overdue case, its agency's or not: what the badge counts, the list shows.
    it('lists for the office liaison officer the overdue notification its badge counts', async () => {
      const t = new Date('2026-05-25T10:00:00.000Z');
      const c = await openCaseAt(w, w.de, [w.agencies.hr.id], t, { urgency: 'urgent' });
      await markOwnNotificationsRead(db(), w.liaison, t);
      await notifyOverdueCases(db(), plusMs(t, 8 * HOUR));
      expect(await overdueNotified(c.id)).toContain(w.liaison.userId);
      const mine = await listOwnNotifications(db(), w.liaison);
      expect(mine.unread).toBeGreaterThan(0);
      expect(mine.items.filter((n) => n.readAt === null)).toHaveLength(mine.unread);
      expect(mine.items.map((n) => n.caseId)).toContain(c.id);
    });
  });

  describe('the cross-check of an incoming case', () => {
    const opened = new Date('2026-06-01T09:00:00.000Z');
    let noticeReference: string;

    beforeAll(async () => {
      // The notice is in Latin script only: no original-script name and no aliases to lean on.
      const notice = await createNotice(db(), wantedInput({ familyName: 'Shevchenko', forename: 'Taras', nameOriginal: null, aliases: [] }));
      noticeReference = notice.reference;
      await w.p.deps.noticeIndex.sync();
    });

    it('finds the published notice of "Taras Shevchenko" for a case naming "Тарас Шевченко" without a date of birth, with an explanation', async () => {
      const c = await openCaseAt(w, w.ua, [w.agencies.de.id], opened, {
        entities: [
          { type: 'vehicle', registration: 'AA-1234-KX', country: 'UA', description: '' },
          { type: 'person', familyName: 'Шевченко', forename: 'Тарас', nameOriginal: null, dateOfBirth: null, nationality: null },
        ],
      });
      const view = await getCaseView(db(), w.de, c.id, undefined, opened);
      const hit = view.hits.find((h) => h.reference === noticeReference);
      expect(hit).toMatchObject({ entityIndex: 1, requestId: null, familyName: 'Shevchenko', forename: 'Taras' });
      expect(hit!.score).toBeGreaterThanOrEqual(0.6);
      expect(hit!.explanation.length).toBeGreaterThan(10);
      expect(view.hits.filter((h) => h.entityIndex === 0)).toEqual([]);
    });

    it('finds nothing for a different person', async () => {
      const c = await openCaseAt(w, w.ua, [w.agencies.de.id], opened, {
        entities: [{ type: 'person', familyName: 'Бондаренко', forename: 'Олена', nameOriginal: null, dateOfBirth: null, nationality: null }],
      });
      expect(await listHits(db(), c.id)).toEqual([]);
    });
  });

  describe('retention', () => {
    const opened = new Date('2026-01-12T08:00:00.000Z');
    const closedAt = new Date('2026-01-20T10:00:00.000Z');
    const SUBJECT = 'Money mule network in Osijek';
    const BODY = 'Account holder Mirela Kowalczyk receives transfers from Rotterdam.';

    it('erases a closed case once six months have passed, keeping no personal data, with an erase entry in the trail', async () => {
      await createNotice(db(), wantedInput({ familyName: 'Kowalczyk', forename: 'Mirela', nameOriginal: null, aliases: [], sex: 'F' }));
      await w.p.deps.noticeIndex.sync();
      const c = await openCaseAt(w, w.de, [w.agencies.hr.id], opened, {
        subject: SUBJECT,
        body: BODY,
        entities: [
          { type: 'person', familyName: 'Kowalczyk', forename: 'Mirela', nameOriginal: null, dateOfBirth: null, nationality: 'PL' },
          { type: 'document', kind: 'passport', number: 'EK7719043', country: 'PL' },
        ],
      });
      const message = await firstMessageId(c);
      const attachment = await addCaseAttachment(db(), w.p.deps.photoStore, w.de, c.id, message, { bytes: await photoJpeg(), type: 'image/jpeg', name: 'transfer-slip.jpg' }, opened);
      await getCaseView(db(), w.hr, c.id, undefined, plusMs(opened, HOUR));
      await postMessage(db(), w.hr, c.id, messageOf('Confirmed: she opened the account in Zagreb.'), plusMs(opened, 2 * HOUR));
      const keys = Object.values(attachment.sizes).map((s) => s.key);
      expect(keys.length).toBeGreaterThan(0);
      expect(await listHits(db(), c.id)).not.toEqual([]);
      expect(await listReceipts(db(), c.id)).not.toEqual([]);

      const closed = await closeCase(db(), w.de, c.id, { outcome: 'closed', reason: '' }, closedAt);
      expect(closed.reviewAt).toBe(plusMonths(closedAt, 6).toISOString());
      expect(closed.reviewAt).toBe('2026-07-20T10:00:00.000Z');

      await eraseExpiredCases(db(), w.p.deps.photoStore, plusMonths(closedAt, 6, -1));
      const kept = (await getCase(db(), c.id))!;
      expect(kept).toMatchObject({ erasedAt: null, subject: SUBJECT });
      expect(await listMessages(db(), c.id)).toHaveLength(2);
      for (const key of keys) expect(await w.p.deps.photoStore.get(key)).toBeDefined();
      expect(await caseAudit(w.p, c.id, 'erase')).toEqual([]);

      const erasedAt = plusMonths(closedAt, 6, 1);
      expect(await eraseExpiredCases(db(), w.p.deps.photoStore, erasedAt)).toBeGreaterThanOrEqual(1);
      const erased = (await getCase(db(), c.id))!;
      expect(erased).toMatchObject({ erasedAt: erasedAt.toISOString(), subject: '', nationalReference: '', entities: [], refusalReason: null, retentionNote: null });
      // What the statistics need stays.
      expect(erased).toMatchObject({ crimeArea: 'organised_property_crime', urgency: 'standard', status: 'closed', originatorAgencyId: w.agencies.de.id });
      expect(await listMessages(db(), c.id)).toEqual([]);
      expect(await listAttachments(db(), c.id)).toEqual([]);
      expect(await listReceipts(db(), c.id)).toEqual([]);
      expect(await listHits(db(), c.id)).toEqual([]);
      for (const key of keys) expect(await w.p.deps.photoStore.get(key)).toBeUndefined();
      expect(await db().selectFrom('case_message_permissions').select('message_id').where('message_id', '=', message).execute()).toEqual([]);

      const entries = await caseAudit(w.p, c.id, 'erase');
      expect(entries).toHaveLength(1);
      expect(entries[0]).toMatchObject({ agency_id: w.agencies.de.id, user_id: null, purpose: 'retention period ended' });
      expect(JSON.parse(entries[0]!.details!)).toMatchObject({ reference: c.reference, attachments: keys.length });
      const trail = JSON.stringify(entries[0]);
      for (const personal of [SUBJECT, 'Osijek', BODY, 'Kowalczyk', 'Mirela', 'EK7719043', 'BKA-ST-2026-0417', 'transfer-slip', 'Zagreb']) expect(trail).not.toContain(personal);

      // A later run finds nothing more to do for it.
      await eraseExpiredCases(db(), w.p.deps.photoStore, plusMonths(closedAt, 7));
      expect(await caseAudit(w.p, c.id, 'erase')).toHaveLength(1);
    });

    const extensionCase = async (closing: Date): Promise<StoredCase> => {
      const c = await openCaseAt(w, w.de, [w.agencies.hr.id], plusMs(closing, -DAY), { subject: 'Cigarette smuggling via Ploče' });
      return closeCase(db(), w.de, c.id, { outcome: 'closed', reason: '' }, closing);
    };

    it("postpones erasure by an office liaison officer's extension, audited with its reason", async () => {
      const closing = new Date('2027-02-10T12:00:00.000Z');
      const c = await extensionCase(closing);
      const reason = 'Trial in Zagreb set for August 2027';
      const extended = await asPortal(w.liaison, () => extendCaseRetention(db(), w.liaison, c.id, { days: 30, reason }, plusMs(closing, DAY)));
      expect(extended.reviewAt).toBe(plusMs(plusMonths(closing, 6), 30 * DAY).toISOString());
      expect(extended.retentionNote).toBe(reason);

      await eraseExpiredCases(db(), w.p.deps.photoStore, plusMonths(closing, 6, 1));
      expect((await getCase(db(), c.id))!.erasedAt).toBeNull();
      await eraseExpiredCases(db(), w.p.deps.photoStore, plusMonths(closing, 6, 31));
      expect((await getCase(db(), c.id))!.erasedAt).not.toBeNull();

      const alterations = (await caseAudit(w.p, c.id, 'alter')).filter((a) => a.details?.includes('retention_extended'));
      expect(alterations).toHaveLength(1);
      expect(alterations[0]).toMatchObject({ user_id: w.liaison.userId, agency_id: w.agencies.office.id, purpose: reason });
    });

    // Retention is the office's decision on any case: a reviewer, who takes no part in the exchange, extends it too.
    it('lets an office reviewer extend, as the permission intends', async () => {
      const closing = new Date('2027-03-10T12:00:00.000Z');
      const c = await extensionCase(closing);
      const extended = await asPortal(w.reviewer, () => extendCaseRetention(db(), w.reviewer, c.id, { days: 30, reason: 'Appeal pending in Split' }, plusMs(closing, DAY)));
      expect(extended.reviewAt).toBe(plusMs(plusMonths(closing, 6), 30 * DAY).toISOString());
      const alterations = (await caseAudit(w.p, c.id, 'alter')).filter((a) => a.details?.includes('retention_extended'));
      expect(alterations[0]).toMatchObject({ user_id: w.reviewer.userId, purpose: 'Appeal pending in Split' });
    });

    it('refuses an extension by anyone outside the office, and one without a reason', async () => {
      const closing = new Date('2027-04-10T12:00:00.000Z');
      const c = await extensionCase(closing);
      const at = plusMs(closing, DAY);
      const extension = { days: 30, reason: 'We would like to keep it' };
      expect(await refusal(extendCaseRetention(db(), w.de, c.id, extension, at))).toMatch(/^forbidden /);
      expect(await refusal(extendCaseRetention(db(), w.hr, c.id, extension, at))).toMatch(/^forbidden /);
      // Office roles held in an agency that is not the office give no such permission.
      const outsideReviewer: Principal = principalOf({ id: w.de.userId, email: w.de.email, name: w.de.name }, w.agencies.de, ['reviewer', 'liaison']);
      expect(await refusal(extendCaseRetention(db(), outsideReviewer, c.id, extension, at))).toMatch(/^forbidden /);
      const noReason = await refusedWith(extendCaseRetention(db(), w.liaison, c.id, { days: 30, reason: ' ' }, at));
      expect([noReason.code, noReason.issues.map((i) => i.field)]).toEqual(['validation_failed', ['reason']]);
      expect((await getCase(db(), c.id))!.reviewAt).toBe(plusMonths(closing, 6).toISOString());
      expect((await caseAudit(w.p, c.id, 'alter')).filter((a) => a.details?.includes('retention_extended'))).toEqual([]);
    });
  });

  describe('every reading is a consultation', () => {
    const opened = new Date('2026-06-15T09:00:00.000Z');

    it('records a consult entry for each view, with the case as purpose for participants and the stated one for a liaison', async () => {
      const c = await openCaseAt(w, w.de, [w.agencies.hr.id], opened);
      const consults = () => caseAudit(w.p, c.id, 'consult');
      expect(await consults()).toEqual([]);

      await asPortal(w.hr, () => getCaseView(db(), w.hr, c.id, undefined, opened));
      await asPortal(w.hr, () => getCaseView(db(), w.hr, c.id, undefined, opened));
      await asPortal(w.de, () => getCaseView(db(), w.de, c.id, 'Follow-up of ST-2026-0417', opened));
      await asPortal(w.liaison, () => getCaseView(db(), w.liaison, c.id, 'Routing check by the duty desk', opened));

      expect((await consults()).map((e) => [e.user_id, e.purpose])).toEqual([
        [w.hr.userId, `case ${c.reference}`],
        [w.hr.userId, `case ${c.reference}`],
        [w.de.userId, 'Follow-up of ST-2026-0417'],
        [w.liaison.userId, 'Routing check by the duty desk'],
      ]);
    });

    it('refuses a liaison officer who states no purpose, and records nothing', async () => {
      const c = await openCaseAt(w, w.de, [w.agencies.hr.id], opened);
      for (const purpose of [undefined, '', '   ']) {
        const e = await refusedWith(asPortal(w.liaison, () => getCaseView(db(), w.liaison, c.id, purpose, opened)));
        expect(e).toBeInstanceOf(AppError);
        expect([e.code, e.key, e.issues.map((i) => i.field)]).toEqual(['validation_failed', 'audit.purpose_problem.missing', ['purpose']]);
      }
      expect(await caseAudit(w.p, c.id, 'consult')).toEqual([]);
    });

    it('records reading an attachment as a consultation too', async () => {
      const c = await openCaseAt(w, w.de, [w.agencies.hr.id], opened);
      const a = await addCaseAttachment(db(), w.p.deps.photoStore, w.de, c.id, await firstMessageId(c), { bytes: await photoJpeg(), type: 'image/jpeg', name: 'plate.jpg' }, opened);
      await asPortal(w.hr, () => getCaseAttachment(db(), w.p.deps.photoStore, w.hr, c.id, a.id, 'medium', undefined));
      expect(await refusal(getCaseAttachment(db(), w.p.deps.photoStore, w.liaison, c.id, a.id, 'medium', undefined))).toBe('validation_failed audit.purpose_problem.missing');
      const entries = await caseAudit(w.p, c.id, 'consult');
      expect(entries.map((e) => [e.user_id, e.purpose])).toEqual([[w.hr.userId, `case ${c.reference}`]]);
      expect(JSON.parse(entries[0]!.details!)).toMatchObject({ what: 'attachment', attachment: a.id, size: 'medium' });
    });
  });
});
