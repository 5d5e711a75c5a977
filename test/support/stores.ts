/** Gives each storage test a fresh, migrated database on every dialect, as Kysely's own suite does. */
import { openStore, type Dialect, type Store } from '../../src/storage/db.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';
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
