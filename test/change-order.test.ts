/** Change numbers in commit order: the version moves at every commit and followers miss nothing, whatever order writers run in. */
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { NoticeIndex } from '../src/services/notices/notice-index.ts';
import { listChangedNotices } from '../src/services/notices/list-notice-changes.ts';
import { readChangeVersion } from '../src/services/site/read-change-version.ts';
import { toCount, type Store } from '../src/storage/db.ts';
import { changesSince, recordChange } from '../src/storage/repositories/change-log.ts';
import { insertNotice } from '../src/storage/repositories/notices.ts';
import { createNotice, wantedInput } from './api-support.ts';
import { dialects, freshStore } from './support/stores.ts';

/** A promise with its resolver, to hold a transaction open at a chosen point. */
function gate(): { open: () => void; passed: Promise<void> } {
  let open = () => {};
  const passed = new Promise<void>((resolve) => {
    open = resolve;
  });
  return { open, passed };
}

const settledWithin = (p: Promise<unknown>, ms: number) =>
  Promise.race([p.then(() => true), new Promise<boolean>((resolve) => setTimeout(() => resolve(false), ms))]);

/** The numbers of all logged changes after `after`, of every entity kind, in commit order. */
async function allNumbersAfter(store: Store, after: number): Promise<number[]> {
  const rows = await store.db.selectFrom('change_log').select('commit_seq').where('commit_seq', '>', after).orderBy('commit_seq').execute();
  return rows.map((r) => toCount(r.commit_seq));
}

describe.each(dialects)('change numbers on %s', (dialect) => {
  let store: Store;
  beforeEach(async () => {
    store = await freshStore(dialect);
  });
  afterEach(async () => store.close());

  it('counts every committed change once, and a rolled-back change gives its number back', async () => {
    const v0 = await readChangeVersion(store.db);
    await store.db.transaction().execute((trx) => recordChange(trx, 'notice', 'a'));
    expect(await readChangeVersion(store.db)).toBe(v0 + 1);
    await expect(
      store.db.transaction().execute(async (trx) => {
        await recordChange(trx, 'notice', 'rolled-back');
        throw new Error('abort');
      }),
    ).rejects.toThrow('abort');
    expect(await readChangeVersion(store.db)).toBe(v0 + 1);
    // Outside a transaction the counter and the row still commit together.
    await recordChange(store.db, 'news', 'b');
    expect(await readChangeVersion(store.db)).toBe(v0 + 2);
    expect(await allNumbersAfter(store, v0)).toEqual([v0 + 1, v0 + 2]);
    expect((await changesSince(store.db, v0)).map((c) => c.entityId)).toEqual(['a']);
  });

  it('hands out contiguous numbers to concurrent writers, and measures what the counter costs a write', async () => {
    const writers = 8;
    const perWriter = 25;
    const total = writers * perWriter;
    const run = async (write: (i: number) => Promise<unknown>) => {
      const start = performance.now();
      await Promise.all(Array.from({ length: writers }, async (_, w) => {
        for (let k = 0; k < perWriter; k++) await write(w * perWriter + k);
      }));
      return (performance.now() - start) / total;
    };
    const v0 = await readChangeVersion(store.db);
    // Baseline: what recording a change cost before, one insert per transaction (numbers from outside the counter).
    const plainMs = await run((i) =>
      store.db.transaction().execute((trx) =>
        trx.insertInto('change_log').values({ entity: 'content', entity_id: `plain ${i}`, changed_at: new Date().toISOString(), commit_seq: -1 - i }).execute(),
      ),
    );
    await store.db.deleteFrom('change_log').where('commit_seq', '<', 0).execute();
    const counterMs = await run((i) => store.db.transaction().execute((trx) => recordChange(trx, 'content', `counted ${i}`)));
    console.info(
      `[${dialect}] recording a change, ${writers} concurrent writers: ${plainMs.toFixed(3)} ms/transaction with a plain insert, ` +
        `${counterMs.toFixed(3)} ms/transaction with the commit-order counter`,
    );
    expect(await allNumbersAfter(store, v0)).toEqual(Array.from({ length: total }, (_, i) => v0 + 1 + i));
    expect(await readChangeVersion(store.db)).toBe(v0 + total);
  });

  it('lists the last changed notices by commit order', async () => {
    const a = await createNotice(store.db, wantedInput({ familyName: 'Petrenko' }));
    const b = await createNotice(store.db, wantedInput({ familyName: 'Kovalenko' }));
    expect((await listChangedNotices(store.db, 1)).map((n) => n.id)).toEqual([b.id]);
    expect((await listChangedNotices(store.db, 2)).map((n) => n.id)).toEqual([b.id, a.id]);
  });
});

// Two transactions on two connections need a server; SQLite runs one writer at a time, so it has no such interleaving.
describe('transactions committing out of start order on postgres', () => {
  let store: Store;
  let index: NoticeIndex;
  beforeAll(async () => {
    store = await freshStore('postgres');
    index = await NoticeIndex.build(store.db, { pollMs: 0 });
  });
  afterAll(async () => {
    index.close();
    await store.close();
  });

  it('gives the lower number to the one that commits first, and the version and the index see both', async () => {
    const v0 = await readChangeVersion(store.db);
    const aMayRecord = gate();
    const aMayCommit = gate();
    let aId = '';
    // A starts first and writes, but records its change only after B has committed.
    const a = store.db.transaction().execute(async (trx) => {
      await trx.selectFrom('notices').select('id').execute();
      await aMayRecord.passed;
      aId = (await insertNotice(trx, wantedInput({ familyName: 'Lysenko' }), { status: 'published' })).id;
      await aMayCommit.passed;
    });
    const b = await createNotice(store.db, wantedInput({ familyName: 'Melnyk' }));
    expect(await readChangeVersion(store.db)).toBe(v0 + 1);
    await index.sync();
    expect(index.has(b.id)).toBe(true);

    aMayRecord.open();
    aMayCommit.open();
    await a;
    expect(await readChangeVersion(store.db)).toBe(v0 + 2);
    // The follower that already read B's number still sees A's change: A's number is higher.
    await index.sync();
    expect(index.has(aId)).toBe(true);
    expect(await allNumbersAfter(store, v0)).toEqual([v0 + 1, v0 + 2]);
  });

  it('makes a writer that records after another wait for its commit, so the version moves at each commit in turn', async () => {
    const v0 = await readChangeVersion(store.db);
    const aMayCommit = gate();
    const bMayCommit = gate();
    const aRecorded = gate();
    const bRecorded = gate();
    let aId = '';
    let bId = '';
    const a = store.db.transaction().execute(async (trx) => {
      aId = (await insertNotice(trx, wantedInput({ familyName: 'Savchenko' }), { status: 'published', reference: '2026/90001' })).id;
      aRecorded.open();
      await aMayCommit.passed;
    });
    await aRecorded.passed;
    const b = store.db.transaction().execute(async (trx) => {
      bId = (await insertNotice(trx, wantedInput({ familyName: 'Rudenko' }), { status: 'published', reference: '2026/90002' })).id;
      bRecorded.open();
      await bMayCommit.passed;
    });
    // B has its own connection and explicit references (no shared reference counter), yet cannot take a change number
    // while A, which took one, is open.
    expect(await settledWithin(bRecorded.passed, 300)).toBe(false);
    expect(await readChangeVersion(store.db)).toBe(v0);

    aMayCommit.open();
    await a;
    await bRecorded.passed;
    // A is committed, B has its number but is not committed: the version and the index show A only.
    expect(await readChangeVersion(store.db)).toBe(v0 + 1);
    await index.sync();
    expect(index.has(aId)).toBe(true);
    expect(index.has(bId)).toBe(false);

    bMayCommit.open();
    await b;
    expect(await readChangeVersion(store.db)).toBe(v0 + 2);
    await index.sync();
    expect(index.has(bId)).toBe(true);
    const numbers = await store.db.selectFrom('change_log').select(['entity_id', 'commit_seq']).where('commit_seq', '>', v0).orderBy('commit_seq').execute();
    expect(numbers.map((r) => r.entity_id)).toEqual([aId, bId]);
  });
});
