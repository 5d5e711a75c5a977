import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { demoAccount } from '../../../test/support/demo-accounts.ts';
import { dialects, freshStore, rowCounts } from '../../../test/support/stores.ts';
import { submissionProblems, type NoticeRequest, type RequestStatus } from '../../core/notice-requests.ts';
import type { Store } from '../../storage/db.ts';
import { DatabasePhotoStore } from '../../storage/photo-store.ts';
import { getVersion, listEvents, listRequests } from '../../storage/repositories/notice-requests.ts';
import { withPrepareLock } from '../../storage/prepare-lock.ts';
import { listAgencyRequests, listReviewQueue } from '../notice-requests/list-notice-requests.ts';
import { seedDemoAccounts } from './seed-demo-accounts.ts';
import { seedDemoRequests } from './seed-demo-requests.ts';

const NOW = new Date('2026-03-01T10:00:00.000Z');

/** The state each fictional case must end in. */
const expected: Record<string, RequestStatus> = {
  'DEMO-DE-2026-0001': 'draft',
  'DEMO-NL-2026-0001': 'draft',
  'DEMO-HR-2026-0001': 'submitted',
  'DEMO-DE-2026-0002': 'submitted',
  'DEMO-NL-2026-0002': 'changes_requested',
  'DEMO-HR-2026-0002': 'refused',
  'DEMO-UA-2026-0001': 'published',
  'DEMO-NL-2026-0003': 'published',
  'DEMO-DE-2026-0003': 'published',
  'DEMO-DE-2026-0004': 'published',
  'DEMO-HR-2026-0003': 'update_draft',
  'DEMO-UA-2026-0002': 'renewal_submitted',
  'DEMO-NL-2026-0004': 'withdrawn',
  'DEMO-DE-2026-0005': 'withdrawn',
  'DEMO-HR-2026-0004': 'expired',
};

const tables = [
  'notice_requests',
  'notice_request_versions',
  'notice_request_events',
  'notice_request_photos',
  'photo_blobs',
  'notices',
  'notice_images',
  'audit_log',
] as const;

const counts = (store: Store) => rowCounts(store, tables);


describe.each(dialects)('demo notice requests on %s', (dialect) => {
  let store: Store;
  let byReference: Map<string, NoticeRequest>;
  const request = (ref: string): NoticeRequest => {
    const r = byReference.get(ref);
    if (!r) throw new Error(`no demo request ${ref}`);
    return r;
  };
  const publicRow = (noticeId: string) =>
    store.db.selectFrom('notices').select(['status', 'is_demo']).where('id', '=', noticeId).executeTakeFirst();
  const imagesOf = (noticeId: string) => store.db.selectFrom('notice_images').select(['data']).where('notice_id', '=', noticeId).execute();

  beforeAll(async () => {
    store = await freshStore(dialect);
  });
  afterAll(async () => store.close());

  it('does nothing, and claims nothing, while the demo accounts are missing', async () => {
    expect(await seedDemoRequests(store.db, new DatabasePhotoStore(store.db), undefined, NOW)).toEqual({ seeded: false, requests: 0, photos: 0 });
    expect((await counts(store)).notice_requests).toBe(0);
    expect(await store.db.selectFrom('seed_markers').select('name').where('name', '=', 'demo-requests').executeTakeFirst()).toBeUndefined();
  });

  it('creates one demo request per case, each in its intended state, and nothing the second time', async () => {
    await seedDemoAccounts(store.db, { now: NOW });
    const first = await seedDemoRequests(store.db, new DatabasePhotoStore(store.db), undefined, NOW);
    expect(first).toEqual({ seeded: true, requests: Object.keys(expected).length, photos: 6 });
    const rows = await listRequests(store.db, { order: 'updated', limit: 100 });
    byReference = new Map(rows.map((r) => [r.facts.nationalReference, r]));
    expect(Object.fromEntries(rows.map((r) => [r.facts.nationalReference, r.status]))).toEqual(expected);
    expect(rows.every((r) => r.isDemo && r.facts.nationalReference.startsWith('DEMO-'))).toBe(true);
    expect(new Set(rows.map((r) => r.agencyId)).size).toBe(4);

    const after = await counts(store);
    expect(await seedDemoRequests(store.db, new DatabasePhotoStore(store.db), undefined, NOW)).toEqual({ seeded: false, requests: 0, photos: 0 });
    expect(await counts(store)).toEqual(after);
  });

  it('publishes the consented extracts with their photos, as real JPEGs, and nothing public for the portal-only notice', async () => {
    for (const [ref, photos] of [['DEMO-UA-2026-0001', 2], ['DEMO-NL-2026-0003', 1]] as const) {
      const r = request(ref);
      expect(r.noticeId, ref).not.toBeNull();
      expect(await publicRow(r.noticeId!), ref).toEqual({ status: 'published', is_demo: 1 });
      const images = await imagesOf(r.noticeId!);
      expect(images, ref).toHaveLength(photos);
      const meta = await sharp(Buffer.from(images[0]!.data)).metadata();
      expect(meta.format).toBe('jpeg');
    }
    const portalOnly = request('DEMO-DE-2026-0003');
    expect(portalOnly.reference).not.toBeNull();
    expect(portalOnly.noticeId).toBeNull();
    expect(await store.db.selectFrom('notices').select('id').where('reference', '=', portalOnly.reference!).executeTakeFirst()).toBeUndefined();
  });

  it('keeps withdrawn and expired notices off the public site', async () => {
    for (const ref of ['DEMO-NL-2026-0004', 'DEMO-DE-2026-0005', 'DEMO-HR-2026-0004']) {
      const r = request(ref);
      expect(r.noticeId, ref).not.toBeNull();
      expect((await publicRow(r.noticeId!))?.status, ref).toBe('withdrawn');
      expect(await imagesOf(r.noticeId!), ref).toHaveLength(0);
    }
    expect(request('DEMO-NL-2026-0004').withdrawalReason).toBe('found');
    expect(request('DEMO-DE-2026-0005').withdrawalReason).toBe('warrant_cancelled');
  });

  it('flags the Cyrillic request as a possible duplicate of the published Latin-script notice', async () => {
    const events = await listEvents(store.db, request('DEMO-DE-2026-0002').id);
    const submit = events.find((e) => e.action === 'submit');
    expect(submit?.details.duplicates).toEqual([expect.objectContaining({ requestId: request('DEMO-UA-2026-0001').id })]);
  });

  it('records the reviewer, with comments, on refusals and requests for changes, never an officer who drafted', async () => {
    const reviewer = await demoAccount(store, 'reviewer@office.demo.example');
    for (const [ref, action] of [['DEMO-NL-2026-0002', 'request_changes'], ['DEMO-HR-2026-0002', 'refuse']] as const) {
      const r = request(ref);
      const decision = (await listEvents(store.db, r.id)).find((e) => e.action === action);
      expect(decision?.actorUserId, ref).toBe(reviewer.userId);
      expect(decision?.comment, ref).toMatch(/\w{10}/);
    }
    for (const r of byReference.values()) expect(r.contributors).not.toContain(reviewer.userId);
    const audited = await store.db
      .selectFrom('audit_log')
      .select('user_id')
      .where('object_type', '=', 'notice_request')
      .where('object_id', '=', request('DEMO-UA-2026-0001').id)
      .execute();
    const actors = new Set(audited.map((a) => a.user_id));
    expect(actors).toEqual(new Set([reviewer.userId, (await demoAccount(store, 'liaison@ncb-ua.demo.example')).userId]));
  });

  it('gives the screens their cases: a half-filled draft, an update beside the published version, a queue, an expiry reminder', async () => {
    expect(submissionProblems(request('DEMO-DE-2026-0001').facts, { photoCount: 0, today: NOW }).length).toBeGreaterThan(1);

    const update = request('DEMO-HR-2026-0003');
    expect(update.facts.aliases).toHaveLength(1);
    expect((await getVersion(store.db, update.id, update.publishedVersion!))?.facts.aliases).toEqual([]);

    const queue = await listReviewQueue(store.db, await demoAccount(store, 'reviewer@office.demo.example'), NOW);
    expect(queue.map((q) => q.nationalReference).sort()).toEqual(['DEMO-DE-2026-0002', 'DEMO-HR-2026-0001', 'DEMO-UA-2026-0002']);

    const own = await listAgencyRequests(store.db, await demoAccount(store, 'officer@police-de.demo.example'), {}, NOW);
    expect(own.filter((i) => i.expiringSoon).map((i) => i.nationalReference)).toEqual(['DEMO-DE-2026-0004']);
    const expiring = request('DEMO-DE-2026-0004');
    expect(expiring.expiresAt).toBe('2026-07-01T10:00:00.000Z');
  });

  it('seeds on the dedicated connection that start-up preparation holds', async () => {
    const other = await freshStore(dialect);
    try {
      await seedDemoAccounts(other.db, { now: NOW });
      const result = await withPrepareLock(other, (db) => seedDemoRequests(db, new DatabasePhotoStore(other.db), undefined, NOW));
      expect(result.seeded).toBe(true);
      expect((await counts(other)).notice_requests).toBe(Object.keys(expected).length);
    } finally {
      await other.close();
    }
  });
});
