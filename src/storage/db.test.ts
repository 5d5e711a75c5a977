import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { sql } from 'kysely';
import { dialects, freshStore } from '../../test/support/stores.ts';
import { ping, toCount, type Store } from './db.ts';

describe.each(dialects)('store on %s', (dialect) => {
  let store: Store;
  beforeAll(async () => {
    store = await freshStore(dialect);
  });
  afterAll(async () => store.close());

  it('answers a ping and has the migrated tables', async () => {
    await ping(store.db);
    const row = await store.db.selectFrom('notices').select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    expect(toCount(row.n)).toBe(0);
  });

  it('rolls back a failed transaction whole', async () => {
    await expect(
      store.db.transaction().execute(async (trx) => {
        await trx
          .insertInto('content_blocks')
          .values({ key: 'k', lang: 'en', body: 'b', updated_at: new Date().toISOString() })
          .execute();
        await sql`select * from no_such_table`.execute(trx);
      }),
    ).rejects.toThrow();
    const rows = await store.db.selectFrom('content_blocks').selectAll().execute();
    expect(rows).toHaveLength(0);
  });

  it('round-trips binary data', async () => {
    const now = new Date().toISOString();
    await store.db.transaction().execute(async (trx) => {
      await trx.insertInto('notices').values({
        id: 'n1', reference: '2026/00001', kind: 'wanted', status: 'published', family_name: 'A', forename: 'B',
        family_name_fold: 'a', forename_fold: 'b', search_fold: 'a b', name_original: null, aliases: '[]', sex: 'U',
        date_of_birth: null, birth_year: null, place_of_birth: null, country_of_birth: null, height_m: null,
        weight_kg: null, eye_colors: '[]', hair_colors: '[]', languages: '[]', distinguishing_marks: null,
        date_of_disappearance: null, place_of_disappearance: null, circumstances: null, is_demo: 1,
        created_at: now, updated_at: now, published_at: now,
      }).execute();
      await trx.insertInto('notice_images').values({
        id: 'i1', notice_id: 'n1', position: 0, content_type: 'image/jpeg', width: 1, height: 1,
        data: new Uint8Array([0, 255, 1, 2]), created_at: now,
      }).execute();
    });
    const img = await store.db.selectFrom('notice_images').select('data').executeTakeFirstOrThrow();
    expect(Array.from(img.data)).toEqual([0, 255, 1, 2]);
  });
});

describe('toCount', () => {
  it('coerces numbers, bigints and digit strings, and refuses anything else', () => {
    expect(toCount(3)).toBe(3);
    expect(toCount(3n)).toBe(3);
    expect(toCount('42')).toBe(42);
    expect(() => toCount('x')).toThrow();
  });
});
