/** Applies the ordered list of migrations with Kysely's Migrator; the same list runs on SQLite and PostgreSQL. */
import type { Kysely } from 'kysely';
import { Migrator, type Migration, type MigrationProvider } from 'kysely/migration';
import type { Dialect, Store } from './db.ts';
import * as m001 from './migrations/001-public.ts';
import * as m002 from './migrations/002-accounts.ts';
import * as m003 from './migrations/003-audit.ts';
import * as m004 from './migrations/004-api-keys.ts';
import * as m005 from './migrations/005-audit-signatures.ts';
import * as m006 from './migrations/006-factor-resets.ts';
import * as m007 from './migrations/007-change-order.ts';
import * as m008 from './migrations/008-rate-buckets.ts';
import * as m009 from './migrations/009-seed-markers.ts';
import * as m010 from './migrations/010-notice-protocol-fields.ts';
import * as m011 from './migrations/011-photo-blobs.ts';
import * as m012 from './migrations/012-notice-requests.ts';
import * as m013 from './migrations/013-cases.ts';

type DialectMigration = { up(db: Kysely<unknown>, dialect: Dialect): Promise<void> };

// Append new migrations here; never edit one that has shipped.
const migrations: Record<string, DialectMigration> = {
  '001-public': m001,
  '002-accounts': m002,
  '003-audit': m003,
  '004-api-keys': m004,
  '005-audit-signatures': m005,
  '006-factor-resets': m006,
  '007-change-order': m007,
  '008-rate-buckets': m008,
  '009-seed-markers': m009,
  '010-notice-protocol-fields': m010,
  '011-photo-blobs': m011,
  '012-notice-requests': m012,
  '013-cases': m013,
};

class ListProvider implements MigrationProvider {
  constructor(private readonly dialect: Dialect) {}
  async getMigrations(): Promise<Record<string, Migration>> {
    return Object.fromEntries(
      Object.entries(migrations).map(([name, m]) => [name, { up: (db: Kysely<unknown>) => m.up(db, this.dialect) }]),
    );
  }
}

/** Brings the schema up to date; returns the names of migrations applied now. */
export async function migrateToLatest(store: Store): Promise<string[]> {
  const migrator = new Migrator({ db: store.db, provider: new ListProvider(store.dialect) });
  const { error, results } = await migrator.migrateToLatest();
  if (error) throw error instanceof Error ? error : new Error(String(error));
  return (results ?? []).filter((r) => r.status === 'Success').map((r) => r.migrationName);
}
