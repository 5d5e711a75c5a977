import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, freshStore, rowCounts } from '../../../test/support/stores.ts';
import { policeDirectory } from '../../core/police-directory.ts';
import { DEMO_NOTICE_COUNT } from '../../demo/generate.ts';
import { demoNews } from '../../demo/news.ts';
import type { Store } from '../../storage/db.ts';
import { getNoticeByReference, getNoticeImage } from '../../storage/repositories/notices.ts';
import { listPoliceContacts } from '../../storage/repositories/police-contacts.ts';
import { seedDemoData, seedReferenceData } from './seed-demo.ts';

const counts = (store: Store) => rowCounts(store, ['notices', 'notice_charges', 'notice_nationalities', 'notice_images', 'news', 'police_contacts']);

describe.each(dialects)('demo and reference seeding on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(dialect);
  });
  afterAll(async () => store.close());

  it('seeds the police directory, and seeding again replaces rather than duplicates', async () => {
    expect(await seedReferenceData(store.db)).toEqual({ policeContacts: policeDirectory.length });
    await seedReferenceData(store.db);
    const contacts = await listPoliceContacts(store.db);
    expect(contacts).toHaveLength(policeDirectory.length);
    const de = contacts.find((c) => c.country === 'DE');
    expect(de?.emergencyNumbers.map((n) => n.number)).toEqual(['112', '110']);
  });

  it('fills an empty database once, in well under the time budget, and leaves counts unchanged the second time', async () => {
    const first = await seedDemoData(store.db);
    expect(first.seeded).toBe(true);
    expect(first.notices).toBe(DEMO_NOTICE_COUNT);
    expect(first.news).toBe(demoNews().length);
    // The figures the brief asks for: rendering and writing time of the whole set.
    console.info(`[${dialect}] demo seed: render ${first.renderMs} ms, write ${first.writeMs} ms, ${first.images} portraits`);
    expect(first.renderMs + first.writeMs).toBeLessThan(30_000);

    const after = await counts(store);
    expect(after.notices).toBe(DEMO_NOTICE_COUNT);
    expect(after.notice_images).toBe(first.images);
    expect(after.news).toBe(first.news);

    const second = await seedDemoData(store.db);
    expect(second.seeded).toBe(false);
    await seedReferenceData(store.db);
    expect(await counts(store)).toEqual(after);
  });

  it('stores published, demo-flagged notices with readable JPEG portraits', async () => {
    const rows = await store.db.selectFrom('notices').select(['reference', 'status', 'is_demo']).execute();
    expect(rows.every((r) => r.status === 'published' && r.is_demo === 1)).toBe(true);
    const withImage = await store.db
      .selectFrom('notice_images')
      .innerJoin('notices', 'notices.id', 'notice_images.notice_id')
      .select(['notices.reference', 'notice_images.id as imageId', 'notices.id as noticeId'])
      .executeTakeFirstOrThrow();
    const notice = await getNoticeByReference(store.db, withImage.reference);
    expect(notice?.isDemo).toBe(true);
    const image = await getNoticeImage(store.db, withImage.noticeId, withImage.imageId);
    expect(image).toBeDefined();
    const meta = await sharp(Buffer.from(image?.data ?? new Uint8Array())).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 300, 400]);
  });

  it('does not seed demo notices over existing ones', async () => {
    const other = await freshStore(dialect);
    try {
      await seedDemoData(other.db, { count: 3 });
      expect((await counts(other)).notices).toBe(3);
      expect((await seedDemoData(other.db)).seeded).toBe(false);
      expect((await counts(other)).notices).toBe(3);
    } finally {
      await other.close();
    }
  });
});
