/** Gives each storage test a fresh, migrated database on every dialect, as Kysely's own suite does. */
import { randomBytes } from 'node:crypto';
import pg from 'pg';
import { inject } from 'vitest';
import { openStore, type Dialect, type Store } from '../../src/storage/db.ts';
import { migrateToLatest } from '../../src/storage/migrate.ts';

export const dialects: Dialect[] = ['sqlite', 'postgres'];

/** Creates an empty, migrated store on the given dialect; the caller closes it. */
export async function freshStore(dialect: Dialect): Promise<Store> {
  if (dialect === 'sqlite') {
    const store = openStore({ sqlitePath: ':memory:' });
    await migrateToLatest(store);
    return store;
  }
  const adminUrl = inject('postgresUrl');
  const name = `t_${randomBytes(6).toString('hex')}`;
  const admin = new pg.Client({ connectionString: adminUrl });
  await admin.connect();
  try {
    await admin.query(`create database ${name}`);
  } finally {
    await admin.end();
  }
  const store = openStore({ databaseUrl: adminUrl.replace(/\/postgres$/, `/${name}`), poolSize: 4 });
  await migrateToLatest(store);
  return store;
}
