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

describe.each(dialects)('public notices protocol fields on %s', (dialect) => {
  const complete: NoticeInput = {
    ...missing,
    disappearance: { date: '2026-03-01', place: 'Patras', circumstances: 'Fictional.', country: 'GR', countriesLikelyToBeVisited: ['IT', 'AL', 'BG'] },
    issuingCountry: 'GR',
    fatherName: 'Papadopoulos',
    fatherForename: 'Giorgos',
    motherName: 'Nikolaou',
    motherForename: 'Maria',
    birthName: 'Nikolaidou',
  };
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(dialect);
  });
  afterAll(async () => store.close());
  const write = (input: NoticeInput) =>
    store.db.transaction().execute((trx) => insertNotice(trx, input, { status: 'published', now: '2026-04-01T00:00:00.000Z' }));

  it('reads back the country of disappearance, the countries likely to be visited in their order, the issuing country and the names', async () => {
    const n = await getNoticeByReference(store.db, (await write(complete)).reference);
    expect(n?.disappearance).toEqual(complete.disappearance);
    expect(n?.disappearance?.countriesLikelyToBeVisited).toEqual(['IT', 'AL', 'BG']);
    expect(n).toMatchObject({ issuingCountry: 'GR', fatherName: 'Papadopoulos', fatherForename: 'Giorgos', motherName: 'Nikolaou', motherForename: 'Maria', birthName: 'Nikolaidou' });
  });

  it('reads a notice written without them as unknown: nulls and no countries', async () => {
    const n = await write(missing);
    expect(n.disappearance).toEqual({ date: '2026-03-01', place: 'Patras', circumstances: 'Fictional.', country: null, countriesLikelyToBeVisited: [] });
    expect([n.issuingCountry, n.fatherName, n.fatherForename, n.motherName, n.motherForename, n.birthName]).toEqual([null, null, null, null, null, null]);
    const wanted = await write({ ...base, issuingCountry: 'DE' });
    expect(wanted.disappearance).toBeNull();
    expect(wanted.issuingCountry).toBe('DE');
  });

  it('replaces and clears them on update', async () => {
    const n = await write(complete);
    await store.db.transaction().execute((trx) =>
      updateNotice(trx, n.id, { ...complete, disappearance: { ...complete.disappearance!, country: 'IT', countriesLikelyToBeVisited: ['GR'] }, fatherName: null, issuingCountry: 'IT' }),
    );
    const changed = await getNoticeByReference(store.db, n.reference);
    expect(changed?.disappearance).toMatchObject({ country: 'IT', countriesLikelyToBeVisited: ['GR'] });
    expect(changed).toMatchObject({ fatherName: null, fatherForename: 'Giorgos', issuingCountry: 'IT' });
    await store.db.transaction().execute((trx) => updateNotice(trx, n.id, missing));
    const cleared = await getNoticeByReference(store.db, n.reference);
    expect(cleared?.disappearance).toMatchObject({ country: null, countriesLikelyToBeVisited: [] });
    expect(cleared?.birthName).toBeNull();
  });

  it('finds a notice by its birth name and the name of the country of disappearance, not by a parent’s name', async () => {
    const fresh = await freshStore(dialect);
    try {
      await fresh.db.transaction().execute((trx) => insertNotice(trx, complete, { status: 'published' }));
      const count = async (freeText: string) => (await searchNotices(fresh.db, { ...all, freeText }, { today })).total;
      expect(await count('nikolaidou')).toBe(1);
      expect(await count('greece')).toBe(1);
      expect(await count('giorgos')).toBe(0);
    } finally {
      await fresh.close();
    }
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
