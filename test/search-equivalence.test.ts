/**
 * The public search answered from memory (the notice index's catalogue) gives the same ids, order and totals as the
 * SQL filters, on SQLite and on PostgreSQL, over the same seeded set of a few thousand demo notices; and pagination
 * over it is exact and stable.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { summariseNotice, type Notice, type NoticeFilters } from '../src/core/notices.ts';
import { foldText } from '../src/core/text.ts';
import { DEMO_BASE_DATE } from '../src/demo/generate.ts';
import { seedDemoData } from '../src/services/demo/seed-demo.ts';
import { NoticeIndex } from '../src/services/notices/notice-index.ts';
import { searchNoticeSummaries } from '../src/services/notices/search-notice-summaries.ts';
import { searchNotices } from '../src/services/notices/search-notices.ts';
import type { Dialect, Store } from '../src/storage/db.ts';
import { createNotice, wantedInput } from './api-support.ts';
import { dialects, freshStore } from './support/stores.ts';

const COUNT = 2500;
const today = new Date(DEMO_BASE_DATE);
const base = { sort: 'newest', page: 1, perPage: 20 } as const;

/** Every filter alone, combined, in each sort, and pages from the first to past the last. */
const filterQueries: NoticeFilters[] = [
  { ...base },
  { ...base, sort: 'oldest' },
  { ...base, sort: 'name' },
  { ...base, kind: 'missing' },
  { ...base, kind: 'wanted', page: 3 },
  { ...base, sex: 'F' },
  { ...base, nationality: 'PL' },
  { ...base, nationality: 'UA', kind: 'wanted', sort: 'name' },
  { ...base, wantedBy: 'DE' },
  { ...base, crimeCategory: 'fraud' },
  { ...base, wantedBy: 'PL', crimeCategory: 'robbery' },
  { ...base, ageMin: 18, ageMax: 18 },
  { ...base, ageMin: 30 },
  { ...base, ageMax: 25, sort: 'oldest' },
  { ...base, ageMin: 40, ageMax: 50, sex: 'M', kind: 'wanted' },
  { ...base, familyName: 'Kow' },
  { ...base, forename: 'an' },
  { ...base, familyName: 'no such name at all' },
  { ...base, freeText: 'fictional' },
  { ...base, freeText: 'robbery', nationality: 'PL', page: 2 },
  { ...base, freeText: 'warsaw', sort: 'name' },
  { ...base, freeText: '%' },
  { ...base, familyName: '_' },
  { ...base, forename: '\\' },
  { ...base, freeText: '...' },
  { ...base, kind: 'missing', nationality: 'DE', ageMin: 13, ageMax: 30, sex: 'F', sort: 'name' },
  { ...base, perPage: 7, page: 9999 },
  { ...base, perPage: 100, page: Math.ceil(COUNT / 100) },
];

/** Name searches go through the matching index on both dialects; the SQL path has no equivalent. */
const nameQueries: NoticeFilters[] = [
  { ...base, familyName: 'Nikolic' },
  { ...base, familyName: 'Ткаченко' },
  { ...base, familyName: 'Toth', kind: 'wanted', sort: 'name' },
  { ...base, familyName: 'Kowalczyk', sex: 'F', sort: 'oldest' },
  { ...base, freeText: 'Ionescu' },
  { ...base, freeText: 'Colombo fictional' },
];

type Setup = { store: Store; index: NoticeIndex };
const setups = new Map<Dialect, Setup>();

beforeAll(async () => {
  for (const dialect of dialects) {
    const store = await freshStore(dialect);
    await seedDemoData(store.db, { count: COUNT });
    setups.set(dialect, { store, index: await NoticeIndex.build(store.db, { pollMs: 0 }) });
  }
}, 300_000);

afterAll(async () => {
  for (const { store, index } of setups.values()) {
    index.close();
    await store.close();
  }
});

const refs = (notices: Notice[]): string[] => notices.map((n) => n.reference);

/** Every result of a query, one large page: ids differ between databases, so results are compared by reference. */
async function all(setup: Setup, q: NoticeFilters, withIndex: boolean) {
  return searchNotices(setup.store.db, { ...q, page: 1, perPage: COUNT + 1 }, today, withIndex ? setup.index : undefined);
}

/**
 * Results in order with ties (same sort key) put in reference order: ties are broken by id, which each database draws
 * at random, so only the tie groups can differ between dialects.
 */
function normalised(notices: Notice[], sort: NoticeFilters['sort']): string[] {
  const key = (n: Notice) => (sort === 'name' ? `${foldText(n.familyName)}|${foldText(n.forename)}` : (n.publishedAt ?? ''));
  const out: string[] = [];
  let group: Notice[] = [];
  const flush = () => {
    out.push(...group.map((n) => `${key(n)} ${n.reference}`).sort());
    group = [];
  };
  for (const n of notices) {
    if (group.length > 0 && key(group[0]!) !== key(n)) flush();
    group.push(n);
  }
  flush();
  return out;
}

describe('public search from memory and in SQL', () => {
  it.each(dialects)('gives the same ids, order and totals from memory as in SQL on %s', async (dialect) => {
    const setup = setups.get(dialect)!;
    expect(setup.index.size).toBe(COUNT);
    for (const q of filterQueries) {
      const sql = await searchNotices(setup.store.db, q, today);
      const memory = await searchNotices(setup.store.db, q, today, setup.index);
      expect(memory.total, JSON.stringify(q)).toBe(sql.total);
      expect(memory.notices.map((n) => n.id), JSON.stringify(q)).toEqual(sql.notices.map((n) => n.id));
    }
  }, 120_000);

  it('gives the same totals and results on SQLite and PostgreSQL, names and free text included', async () => {
    const [lite, pg] = [setups.get('sqlite')!, setups.get('postgres')!];
    for (const q of filterQueries) {
      const [a, b] = [await all(lite, q, true), await all(pg, q, true)];
      expect(a.total, JSON.stringify(q)).toBe(b.total);
      expect(normalised(a.notices, q.sort), JSON.stringify(q)).toEqual(normalised(b.notices, q.sort));
      const [sa, sb] = [await searchNotices(lite.store.db, q, today), await searchNotices(pg.store.db, q, today)];
      expect([sa.total, sb.total]).toEqual([a.total, a.total]);
    }
    for (const q of nameQueries) {
      const [a, b] = [await all(lite, q, true), await all(pg, q, true)];
      expect(a.total, JSON.stringify(q)).toBe(b.total);
      expect(a.total, JSON.stringify(q)).toBeGreaterThan(0);
      expect(refs(a.notices).sort(), JSON.stringify(q)).toEqual(refs(b.notices).sort());
      if (q.sort !== 'newest') expect(normalised(a.notices, q.sort)).toEqual(normalised(b.notices, q.sort));
    }
    // Reads every page of every query in full on both databases: minutes on a busy two-core machine.
  }, 300_000);

  it('finds the demo set by filter in the proportions it was drawn with', async () => {
    const { store, index } = setups.get('sqlite')!;
    const total = async (f: Partial<NoticeFilters>) => (await searchNotices(store.db, { ...base, ...f }, today, index)).total;
    expect(await total({})).toBe(COUNT);
    expect((await total({ kind: 'wanted' })) + (await total({ kind: 'missing' }))).toBe(COUNT);
    expect((await total({ sex: 'F' })) + (await total({ sex: 'M' })) + (await total({ sex: 'U' }))).toBe(COUNT);
    for (const f of [{ freeText: '%' }, { familyName: '_' }, { forename: '\\' }, { freeText: '...' }, { familyName: '-' }]) expect(await total(f), JSON.stringify(f)).toBe(0);
  });

  it.each(dialects)('walks every page of a large result once, with the exact total, on %s', async (dialect) => {
    const setup = setups.get(dialect)!;
    for (const q of [{ ...base, kind: 'wanted', perPage: 97 }, { ...base, sort: 'name', perPage: 100 }, { ...base, freeText: 'fictional', sort: 'oldest', perPage: 100 }] as NoticeFilters[]) {
      const seen: string[] = [];
      let total = -1;
      for (let page = 1; ; page++) {
        const r = await searchNotices(setup.store.db, { ...q, page }, today, setup.index);
        total = r.total;
        if (r.notices.length === 0) break;
        expect(r.notices.length).toBeLessThanOrEqual(q.perPage);
        seen.push(...r.notices.map((n) => n.id));
      }
      expect(seen.length).toBe(total);
      expect(new Set(seen).size).toBe(total);
      const sql = await all(setup, q, false);
      expect(seen).toEqual(sql.notices.map((n) => n.id));
    }
  }, 120_000);
});

describe.each(dialects)('a name search over many holders of the name on %s', (dialect) => {
  let store: Store;
  let index: NoticeIndex;
  const HOLDERS = 60;
  beforeAll(async () => {
    store = await freshStore(dialect);
    await seedDemoData(store.db, { count: 200 });
    for (let i = 0; i < HOLDERS; i++) {
      await createNotice(store.db, wantedInput({ familyName: 'Hrytsenko', forename: `Forename${String.fromCharCode(97 + (i % 26))}${i}`, aliases: [], nameOriginal: null }));
    }
    index = await NoticeIndex.build(store.db, { pollMs: 0 });
  }, 120_000);
  afterAll(async () => {
    index.close();
    await store.close();
  });

  it('finds every holder, however many (the screening shortlist of 24 once capped it), and the summaries agree with the notices', async () => {
    const rows = await store.db.selectFrom('notices').select('id').where('family_name', '=', 'Hrytsenko').where('status', '=', 'published').execute();
    // The demo set may hold a few of its own.
    expect(rows.length).toBeGreaterThanOrEqual(HOLDERS);
    for (const name of ['Hrytsenko', 'Гриценко', 'Hrytsenco']) {
      const found = await searchNotices(store.db, { ...base, familyName: name, perPage: 100 }, today, index);
      expect(found.notices.filter((n) => n.familyName === 'Hrytsenko').length, name).toBe(rows.length);
      expect(found.total, name).toBe(found.notices.length);
      const summaries = await searchNoticeSummaries(store.db, { ...base, familyName: name, perPage: 100 }, today, index);
      expect(summaries.total).toBe(found.total);
      expect(summaries.notices).toEqual(found.notices.map(summariseNotice));
    }
  });
});
