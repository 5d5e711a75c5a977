import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount } from '../../../test/support/demo-accounts.ts';
import { dialects, freshStore, rowCounts } from '../../../test/support/stores.ts';
import { answeredInTime, isOverdue } from '../../core/cases.ts';
import type { Store } from '../../storage/db.ts';
import { DatabasePhotoStore } from '../../storage/photo-store.ts';
import { getCase, listAttachments, listHits, listMessages, listReceipts, type StoredCase } from '../../storage/repositories/cases.ts';
import { listRequests } from '../../storage/repositories/notice-requests.ts';
import { withPrepareLock } from '../../storage/prepare-lock.ts';
import { getCaseAttachment } from '../cases/case-attachments.ts';
import { listCases } from '../cases/list-cases.ts';
import { listOwnNotifications } from '../cases/list-notifications.ts';
import { seedDemoAccounts } from './seed-demo-accounts.ts';
import { seedDemoCases } from './seed-demo-cases.ts';
import { seedDemoRequests } from './seed-demo-requests.ts';

const NOW = new Date('2026-03-01T10:00:00.000Z');

const tables = ['cases', 'case_participants', 'case_messages', 'case_message_permissions', 'case_attachments', 'case_receipts', 'case_links', 'case_hits', 'notifications', 'email_outbox', 'audit_log', 'photo_blobs'] as const;

const counts = (store: Store) => rowCounts(store, tables);


describe.each(dialects)('demo cases on %s', (dialect) => {
  let store: Store;
  let byReference: Map<string, StoredCase>;
  const byNational = (ref: string): StoredCase => {
    const c = byReference.get(ref);
    if (!c) throw new Error(`no demo case ${ref}`);
    return c;
  };
  const agencyOf = async (email: string) => (await demoAccount(store, email)).agencyId;
  const receiptAgencies = async (c: StoredCase) => new Set((await listReceipts(store.db, c.id)).map((r) => r.agencyId));

  beforeAll(async () => {
    store = await freshStore(dialect);
  });
  afterAll(async () => store.close());

  it('does nothing, and claims nothing, while the demo accounts are missing', async () => {
    expect(await seedDemoCases(store.db, new DatabasePhotoStore(store.db), NOW)).toEqual({ seeded: false, cases: 0, attachments: 0 });
    expect((await counts(store)).cases).toBe(0);
    expect(await store.db.selectFrom('seed_markers').select('name').where('name', '=', 'demo-cases').executeTakeFirst()).toBeUndefined();
  });

  it('creates every demo case, labelled fictional, and nothing the second time', async () => {
    await seedDemoAccounts(store.db, { now: NOW });
    await seedDemoRequests(store.db, new DatabasePhotoStore(store.db), undefined, NOW);
    expect(await seedDemoCases(store.db, new DatabasePhotoStore(store.db), NOW)).toEqual({ seeded: true, cases: 13, attachments: 1 });
    const ids = (await store.db.selectFrom('cases').select('id').execute()).map((r) => r.id);
    const all = await Promise.all(ids.map(async (id) => (await getCase(store.db, id))!));
    byReference = new Map(all.map((c) => [c.nationalReference, c]));
    expect(all).toHaveLength(13);
    expect(all.every((c) => c.isDemo && c.subject.endsWith('(fictional)') && c.nationalReference.startsWith('DEMO-'))).toBe(true);

    const after = await counts(store);
    expect(await seedDemoCases(store.db, new DatabasePhotoStore(store.db), NOW)).toEqual({ seeded: false, cases: 0, attachments: 0 });
    expect(await counts(store)).toEqual(after);
  });

  it('has a case in every state: new, acknowledged, answered, overdue, closed, refused', async () => {
    const statuses = Object.fromEntries([...byReference.values()].map((c) => [c.nationalReference, c.status]));
    expect(statuses).toEqual({
      'DEMO-DE-CASE-0001': 'closed',
      'DEMO-NL-CASE-0001': 'closed',
      'DEMO-HR-CASE-0001': 'closed',
      'DEMO-HR-CASE-0002': 'refused',
      'DEMO-DE-CASE-0002': 'answered',
      'DEMO-NL-CASE-0002': 'answered',
      'DEMO-NL-CASE-0003': 'open',
      'DEMO-HR-CASE-0003': 'open',
      'DEMO-NL-CASE-0004': 'open',
      'DEMO-HR-CASE-0004': 'open',
      'DEMO-UA-CASE-0001': 'open',
      'DEMO-UA-CASE-0002': 'open',
      'DEMO-DE-CASE-0003': 'open',
    });

    // New: the recipient never opened it, nor acknowledged it, and it is not yet overdue.
    const fresh = byNational('DEMO-UA-CASE-0002');
    const nl = await agencyOf('officer@customs-nl.demo.example');
    expect(await receiptAgencies(fresh)).not.toContain(nl);
    expect(fresh.participants.find((p) => p.agencyId === nl)?.acknowledgedAt).toBeNull();
    expect(isOverdue(fresh, NOW)).toBe(false);

    const de = await agencyOf('officer@police-de.demo.example');
    const acknowledged = byNational('DEMO-HR-CASE-0004');
    expect(acknowledged.participants.find((p) => p.agencyId === de)?.acknowledgedBy).toBe((await demoAccount(store, 'officer@police-de.demo.example')).userId);
    expect(acknowledged.answeredAt).toBeNull();

    const overdue = byNational('DEMO-UA-CASE-0001');
    expect(overdue.urgency).toBe('urgent');
    expect(isOverdue(overdue, NOW)).toBe(true);
    expect([...byReference.values()].filter((c) => isOverdue(c, NOW)).map((c) => c.nationalReference)).toEqual(['DEMO-UA-CASE-0001']);

    expect(answeredInTime(byNational('DEMO-NL-CASE-0002'))).toBe(true);
    expect(answeredInTime(byNational('DEMO-DE-CASE-0002'))).toBe(false);

    const refused = byNational('DEMO-HR-CASE-0002');
    expect(refused.refusalReason).toMatch(/European Investigation Order/);
  });

  it('answers one case with a reply carrying a real image attachment the originator can read', async () => {
    const c = byNational('DEMO-NL-CASE-0002');
    const [opening, reply] = await listMessages(store.db, c.id);
    expect(reply?.authorAgencyId).toBe(await agencyOf('officer@border-hr.demo.example'));
    expect(opening?.authorAgencyId).toBe(c.originatorAgencyId);
    const [attachment] = await listAttachments(store.db, c.id);
    expect(attachment?.messageId).toBe(reply?.id);
    const read = await getCaseAttachment(store.db, new DatabasePhotoStore(store.db), await demoAccount(store, 'officer@customs-nl.demo.example'), c.id, attachment!.id, 'large', undefined);
    expect((await sharp(Buffer.from(read.data)).metadata()).format).toBe('jpeg');
  });

  it('forwards one case through the liaison officer, and records an H2 permission on another', async () => {
    const office = await agencyOf('liaison@office.demo.example');
    const ua = await agencyOf('liaison@ncb-ua.demo.example');
    const forwarded = byNational('DEMO-NL-CASE-0003');
    expect(forwarded.participants.map((p) => [p.agencyId, p.role])).toEqual(expect.arrayContaining([[office, 'recipient'], [ua, 'forwarded']]));

    const h2 = byNational('DEMO-HR-CASE-0003');
    const [m] = await listMessages(store.db, h2.id);
    expect(m?.handlingCode).toBe('H2');
    expect(m?.permissions.map((p) => p.agencyId)).toEqual([ua]);
    expect(h2.participants.map((p) => p.agencyId).sort()).toEqual([h2.originatorAgencyId, office].sort());
  });

  it('cross-checks the case naming Коваленко Дмитро against the published Latin-script notice, and links it', async () => {
    const kovalenko = (await listRequests(store.db, { order: 'updated', limit: 100 })).find((r) => r.facts.nationalReference === 'DEMO-UA-2026-0001');
    const c = byNational('DEMO-NL-CASE-0004');
    expect(await listHits(store.db, c.id)).toEqual([expect.objectContaining({ requestId: kovalenko?.id, familyName: 'Kovalenko', match: true })]);
    expect(c.linkedRequestIds).toEqual([kovalenko?.id]);
  });

  it('leaves a case past its review date for the retention screens, and one extended with a reason', async () => {
    const due = byNational('DEMO-DE-CASE-0001');
    expect(due.reviewAt! < NOW.toISOString()).toBe(true);
    expect(due.retentionNote).toBeNull();
    const extended = byNational('DEMO-NL-CASE-0001');
    expect(extended.reviewAt! > NOW.toISOString()).toBe(true);
    expect(extended.retentionNote).toMatch(/investigation/);
  });

  it('gives the screens their lists and the badge its notifications', async () => {
    const officer = await demoAccount(store, 'officer@police-de.demo.example');
    const list = await listCases(store.db, officer, { perPage: 50 }, NOW);
    expect(list.items.filter((i) => i.overdue).map((i) => i.subject)).toEqual([byNational('DEMO-UA-CASE-0001').subject]);
    expect(new Set(list.items.map((i) => i.role))).toEqual(new Set(['originator', 'recipient']));
    // The overdue clock ran after the seeding: the German officer has a notice of it, unread.
    const own = await listOwnNotifications(store.db, officer);
    expect(own.items.some((n) => n.kind === 'overdue' && n.caseId === byNational('DEMO-UA-CASE-0001').id)).toBe(true);
    const hr = await demoAccount(store, 'officer@border-hr.demo.example');
    expect((await listOwnNotifications(store.db, hr)).unread).toBeGreaterThan(0);
  });

  it('seeds on the dedicated connection that start-up preparation holds', async () => {
    const other = await freshStore(dialect);
    try {
      await seedDemoAccounts(other.db, { now: NOW });
      const result = await withPrepareLock(other, async (db) => {
        await seedDemoRequests(db, new DatabasePhotoStore(other.db), undefined, NOW);
        return seedDemoCases(db, new DatabasePhotoStore(other.db), NOW);
      });
      expect(result).toEqual({ seeded: true, cases: 13, attachments: 1 });
    } finally {
      await other.close();
    }
  });
});
