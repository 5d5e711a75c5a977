/** Gives each storage test a fresh, migrated database on every dialect, as Kysely's own suite does. */
import { openStore, toCount, type Dialect, type Store } from '../../src/storage/db.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
import type { Database } from '../../src/storage/schema.ts';
import { emptyPostgresDatabase } from './empty-database.ts';

export const dialects: Dialect[] = ['sqlite', 'postgres'];

/** Creates an empty, migrated store on the given dialect; the caller closes it. */
export async function freshStore(dialect: Dialect): Promise<Store> {
  if (dialect === 'sqlite') {
    const store = openStore({ sqlitePath: ':memory:' });
    await migrateToLatest(store);
    return store;
  }
  const store = openStore({ databaseUrl: await emptyPostgresDatabase(), poolSize: 4 });
  await migrateToLatest(store);
  return store;
}

/** How many rows each of the tables holds: what a seeding test compares before and after running it again. */
export async function rowCounts(store: Store, tables: readonly (keyof Database)[]): Promise<Record<string, number>> {
  const out: Record<string, number> = {};
  for (const t of tables) {
    const row = await store.db.selectFrom(t).select((eb) => eb.fn.countAll().as('n')).executeTakeFirstOrThrow();
    out[t] = toCount(row.n);
  }
  return out;
}
