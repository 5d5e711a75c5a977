import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, freshStore } from '../../../test/support/stores.ts';
import type { NoticeFilters, NoticeInput } from '../../core/notices.ts';
import type { Store } from '../db.ts';
import { changesSince } from './change-log.ts';
import { getNoticeByReference, insertNotice, searchNotices, setNoticeStatus, updateNotice } from './notices.ts';

const base: NoticeInput = {
  kind: 'wanted', familyName: 'Kowalczyk', forename: 'Łukasz', nameOriginal: null, aliases: [{ familyName: 'Kovalchuk', forename: 'Lukas' }],
  sex: 'M', dateOfBirth: '1980-05', placeOfBirth: 'Łódź', countryOfBirth: 'PL', nationalities: ['PL', 'DE'], heightM: 1.8,
  weightKg: 80, eyeColors: ['BLU'], hairColors: ['BRO'], languages: ['POL'], distinguishingMarks: null,
  charges: [{ issuingCountry: 'DE', charge: 'Fraud (fictional)', chargeTranslation: null, crimeCategory: 'fraud' }],
  disappearance: null, isDemo: true,
};
const missing: NoticeInput = {
  ...base, kind: 'missing', familyName: 'Παπαδοπούλου', forename: 'Ελένη', nameOriginal: 'Ελένη Παπαδοπούλου', aliases: [], sex: 'F',
  dateOfBirth: '2009', placeOfBirth: 'Athens', countryOfBirth: 'GR', nationalities: ['GR'], charges: [], disappearance: { date: '2026-03-01', place: 'Patras', circumstances: 'Fictional.' },
};
const all: NoticeFilters = { sort: 'newest', page: 1, perPage: 20 };
const today = new Date('2026-11-28T00:00:00Z');

describe.each(dialects)('notice repository on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(dialect);
    await store.db.transaction().execute(async (trx) => {
      await insertNotice(trx, base, { status: 'published', now: '2026-01-01T00:00:00.000Z' });
      await insertNotice(trx, missing, { status: 'published', now: '2026-02-01T00:00:00.000Z' });
      await insertNotice(trx, { ...base, familyName: 'Draft' }, { status: 'draft', now: '2026-03-01T00:00:00.000Z' });
    });
  });
  afterAll(async () => store.close());

  it('allocates yearly references and reads a notice back whole', async () => {
    const n = await getNoticeByReference(store.db, '2026/00001');
    expect(n?.familyName).toBe('Kowalczyk');
    expect(n?.nationalities).toEqual(['DE', 'PL']);
    expect(n?.charges[0]?.crimeCategory).toBe('fraud');
    expect(n?.aliases).toEqual([{ familyName: 'Kovalchuk', forename: 'Lukas' }]);
    expect(n?.heightM).toBe(1.8);
  });

  it('lists only published notices, newest first', async () => {
    const page = await searchNotices(store.db, all, { today });
    expect(page.total).toBe(2);
    expect(page.notices.map((n) => n.kind)).toEqual(['missing', 'wanted']);
  });

  it('filters by kind, nationality, wanted-by, category, sex, age and folded names', async () => {
    const count = async (f: Partial<NoticeFilters>) => (await searchNotices(store.db, { ...all, ...f }, { today })).total;
    expect(await count({ kind: 'missing' })).toBe(1);
    expect(await count({ nationality: 'DE' })).toBe(1);
    expect(await count({ wantedBy: 'DE' })).toBe(1);
    expect(await count({ wantedBy: 'FR' })).toBe(0);
    expect(await count({ crimeCategory: 'fraud' })).toBe(1);
    expect(await count({ sex: 'F' })).toBe(1);
    expect(await count({ ageMin: 40 })).toBe(1);
    expect(await count({ ageMax: 20 })).toBe(1);
    expect(await count({ forename: 'lukasz' })).toBe(1);
    expect(await count({ familyName: 'papadop' })).toBe(1);
    expect(await count({ freeText: 'lodz' })).toBe(1);
    expect(await count({ freeText: '100%_' })).toBe(0);
  });

  it('pages with a stable order', async () => {
    const p1 = await searchNotices(store.db, { ...all, perPage: 1, page: 1 }, { today });
    const p2 = await searchNotices(store.db, { ...all, perPage: 1, page: 2 }, { today });
    expect(p1.notices[0]?.id).not.toBe(p2.notices[0]?.id);
    expect(p1.total).toBe(2);
  });

  it('logs every change for other instances and hides withdrawn notices', async () => {
    const n = await getNoticeByReference(store.db, '2026/00001');
    const before = await changesSince(store.db, 0);
    await store.db.transaction().execute(async (trx) => {
      await updateNotice(trx, n!.id, { ...base, familyName: 'Kowalski' });
      await setNoticeStatus(trx, n!.id, 'withdrawn');
    });
    const after = await changesSince(store.db, 0);
    expect(after.length).toBe(before.length + 2);
    const page = await searchNotices(store.db, { ...all, familyName: 'kowal' }, { today });
    expect(page.total).toBe(0);
  });
});

describe.each(dialects)('concurrent notice creation on %s', (dialect) => {
  it('never hands out the same reference twice', async () => {
    const store = await freshStore(dialect);
    try {
      const refs = await Promise.all(
        Array.from({ length: 8 }, () =>
          store.db.transaction().execute(async (trx) => (await insertNotice(trx, base, { status: 'published', now: '2026-05-01T00:00:00.000Z' })).reference),
        ),
      );
      expect(new Set(refs).size).toBe(8);
    } finally {
      await store.close();
    }
  });
});
