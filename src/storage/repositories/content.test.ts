import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dialects, freshStore } from '../../../test/support/stores.ts';
import type { Store } from '../db.ts';
import { lastChangeSeq } from './change-log.ts';
import { getContent, getContentIn, setContent } from './content.ts';

describe.each(dialects)('content repository on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(dialect);
  });
  afterAll(async () => store.close());

  it('returns undefined for a block never written', async () => {
    expect(await getContent(store.db, 'mission', 'en')).toBeUndefined();
    expect((await getContentIn(store.db, 'mission', ['en', 'fr'])).size).toBe(0);
  });

  it('writes, replaces and reads a block per language, logging each change', async () => {
    const before = await lastChangeSeq(store.db);
    await store.db.transaction().execute((trx) => setContent(trx, 'mission', 'en', 'First.\n\n<b>Second</b>'));
    await store.db.transaction().execute((trx) => setContent(trx, 'mission', 'fr', 'Premier.'));
    await store.db.transaction().execute((trx) => setContent(trx, 'mission', 'en', 'Replaced.'));
    expect(await getContent(store.db, 'mission', 'en')).toBe('Replaced.');
    expect(await getContent(store.db, 'mission', 'fr')).toBe('Premier.');
    expect(await getContent(store.db, 'about', 'en')).toBeUndefined();
    expect(Object.fromEntries(await getContentIn(store.db, 'mission', ['fr', 'en', 'de']))).toEqual({ en: 'Replaced.', fr: 'Premier.' });
    expect(await lastChangeSeq(store.db)).toBe(before + 3);
  });
});
