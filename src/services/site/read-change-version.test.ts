import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dialects, freshStore } from '../../../test/support/stores.ts';
import type { Store } from '../../storage/db.ts';
import { recordChange } from '../../storage/repositories/change-log.ts';
import { readChangeVersion, VERSION_REUSE_MS } from './read-change-version.ts';

/** A change committed outside this process's transactions, as another instance's commit looks from here. */
const foreignChange = (store: Store) => sql`update change_counter set n = n + 1 where id = 1`.execute(store.db);

describe.each(dialects)('the change version on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(dialect);
  });
  afterAll(async () => store.close());

  it('reuses a reading for a while when this process commits nothing, then reads again', async () => {
    const t = 1e9;
    const before = await readChangeVersion(store.db, t);
    await foreignChange(store);
    expect(await readChangeVersion(store.db, t + VERSION_REUSE_MS - 1)).toBe(before);
    expect(await readChangeVersion(store.db, t + VERSION_REUSE_MS)).toBe(before + 1);
  });

  it("sees this process's own commit at once", async () => {
    const t = 2e9;
    const before = await readChangeVersion(store.db, t);
    await recordChange(store.db, 'news', 'n1');
    expect(await readChangeVersion(store.db, t + 1)).toBe(before + 1);
  });

  it('does not keep a reading that began before a commit of this process', async () => {
    const t = 3e9;
    const before = await readChangeVersion(store.db, t);
    await foreignChange(store);
    const reading = readChangeVersion(store.db, t + VERSION_REUSE_MS);
    const commit = recordChange(store.db, 'news', 'n2');
    await Promise.all([reading, commit]);
    expect(await readChangeVersion(store.db, t + VERSION_REUSE_MS + 1)).toBe(before + 2);
  });
});
