import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Store } from '../../storage/db.ts';
import { changeNotice, createNotice, missingInput, setStatus, wantedInput } from '../../../test/api-support.ts';
import { dialects, freshStore } from '../../../test/support/stores.ts';
import { lastChangeSeq } from '../../storage/repositories/change-log.ts';
import { NoticeIndex } from './notice-index.ts';
import { answersNameSearch, searchNotices } from './search-notices.ts';

const filters = { sort: 'newest' as const, page: 1, perPage: 20 };

describe.each(dialects)('notice index and search on %s', (dialect) => {
  let store: Store;
  let index: NoticeIndex | undefined;
  beforeEach(async () => {
    store = await freshStore(dialect);
  });
  afterEach(async () => {
    index?.close();
    await store.close();
  });

  it('loads published notices only, under every name form', async () => {
    const published = await createNotice(store.db, wantedInput());
    const draft = await createNotice(store.db, wantedInput({ familyName: 'Kowalczyk' }), 'draft');
    index = await NoticeIndex.build(store.db, { pollMs: 0 });
    expect(index.has(published.id)).toBe(true);
    expect(index.has(draft.id)).toBe(false);
    for (const name of ['Shevchenko', 'Шевченко', 'Schewtschenko', 'Taras Szewczenko']) {
      const hits = await index.search({ names: [name] }, 10);
      expect(hits[0]?.id, name).toBe(published.id);
      expect(hits[0] && answersNameSearch(hits[0]), name).toBe(true);
    }
  });

  it('catches up to a change-log head read for the request, and reads nothing more when it has applied it', async () => {
    index = await NoticeIndex.build(store.db, { pollMs: 0 });
    const n = await createNotice(store.db, wantedInput());
    const head = await lastChangeSeq(store.db);
    await index.sync(head);
    expect(index.has(n.id)).toBe(true);
    // A later change is not seen by a caller whose head predates it (its request began before the change)...
    const later = await createNotice(store.db, wantedInput({ familyName: 'Kowalczyk' }));
    await index.sync(head);
    expect(index.has(later.id)).toBe(false);
    // ...and is seen by the next one that reads the log (or passes the newer head).
    await index.sync(await lastChangeSeq(store.db));
    expect(index.has(later.id)).toBe(true);
  });

  it('follows creation, renaming and withdrawal through the change log', async () => {
    index = await NoticeIndex.build(store.db, { pollMs: 0 });
    const n = await createNotice(store.db, wantedInput());
    const found = await searchNotices(store.db, { ...filters, familyName: 'Шевченко' }, new Date(), index);
    expect(found.notices.map((x) => x.id)).toEqual([n.id]);
    expect(found.matches.get(n.id)?.text).toMatch(/Shevchenko|Шевченко/);
    expect(found.matches.get(n.id)?.explanation.length).toBeGreaterThan(0);

    await changeNotice(store.db, n.id, wantedInput({ familyName: 'Bondarenko', nameOriginal: 'Тарас Бондаренко', aliases: [] }));
    const renamed = await searchNotices(store.db, { ...filters, familyName: 'Bondarenko' }, new Date(), index);
    expect(renamed.notices.map((x) => x.id)).toEqual([n.id]);
    const oldName = await searchNotices(store.db, { ...filters, familyName: 'Schewtschenko' }, new Date(), index);
    expect(oldName.notices.map((x) => x.id)).not.toContain(n.id);

    await setStatus(store.db, n.id, 'withdrawn');
    const gone = await searchNotices(store.db, { ...filters, familyName: 'Bondarenko' }, new Date(), index);
    expect(gone.total).toBe(0);
    expect(index.has(n.id)).toBe(false);
  });

  it('combines name matches with the SQL filters and keeps the SQL path for other queries', async () => {
    index = await NoticeIndex.build(store.db, { pollMs: 0 });
    const ua = await createNotice(store.db, wantedInput());
    const pl = await createNotice(store.db, wantedInput({ nationalities: ['PL'], dateOfBirth: '1975' }));
    const missing = await createNotice(store.db, missingInput());
    const byNat = await searchNotices(store.db, { ...filters, familyName: 'Schevtchenko', nationality: 'PL' }, new Date(), index);
    expect(byNat.notices.map((x) => x.id)).toEqual([pl.id]);
    const byKind = await searchNotices(store.db, { ...filters, kind: 'missing' }, new Date(), index);
    expect(byKind.notices.map((x) => x.id)).toEqual([missing.id]);
    expect(byKind.matches.size).toBe(0);
    const both = await searchNotices(store.db, { ...filters, familyName: 'Shevchenko' }, new Date(), index);
    expect(new Set(both.notices.map((x) => x.id))).toEqual(new Set([ua.id, pl.id]));
  });

  it('finds free text by name across spellings and by place or charge words, paginating over both', async () => {
    index = await NoticeIndex.build(store.db, { pollMs: 0 });
    const taras = await createNotice(store.db, wantedInput());
    const claire = await createNotice(store.db, missingInput());
    const other = await createNotice(store.db, missingInput({ familyName: 'Martin', forename: 'Luc', disappearance: { date: null, place: 'Lyon', circumstances: null } }));
    const byName = await searchNotices(store.db, { ...filters, freeText: 'Шевченко' }, new Date(), index);
    expect(byName.notices.map((x) => x.id)).toEqual([taras.id]);
    expect(byName.matches.has(taras.id)).toBe(true);
    const byCharge = await searchNotices(store.db, { ...filters, freeText: 'robbery' }, new Date(), index);
    expect(byCharge.notices.map((x) => x.id)).toEqual([taras.id]);
    const byPlace = await searchNotices(store.db, { ...filters, freeText: 'Lyon' }, new Date(), index);
    expect(new Set(byPlace.notices.map((x) => x.id))).toEqual(new Set([claire.id, other.id]));
    // Literal match ("Dubois") first, then the spelling-only match ("Duboys" finds nothing literal).
    const spelled = await searchNotices(store.db, { ...filters, freeText: 'Duboys', perPage: 1 }, new Date(), index);
    expect(spelled.total).toBe(1);
    expect(spelled.notices.map((x) => x.id)).toEqual([claire.id]);
  });

  it('falls back to the literal prefix filter when no name matches', async () => {
    index = await NoticeIndex.build(store.db, { pollMs: 0 });
    const n = await createNotice(store.db, wantedInput());
    const partial = await searchNotices(store.db, { ...filters, familyName: 'Shev' }, new Date(), index);
    expect(partial.notices.map((x) => x.id)).toEqual([n.id]);
  });

  it('catches up with writes made through another connection before answering', async () => {
    index = await NoticeIndex.build(store.db, { pollMs: 0 });
    const writes = [];
    for (const name of ['Petrenko', 'Kovalenko', 'Tkachenko']) writes.push(await createNotice(store.db, wantedInput({ familyName: name })));
    await Promise.all([index.sync(), index.sync(), index.sync()]);
    for (const w of writes) expect(index.has(w.id)).toBe(true);
  });
});
